import { AgressoDocumentError } from '../document-error';
import { childOf, childrenOf, parseXmlTree, rootElement, textOf, type XmlNode } from '../xml/xml-tree';
import type { Cs15Customer } from './cs15-types';

/**
 * The inverse of buildCs15Xml. CS15 has no schema to hold documents to, so absent elements are
 * read as empty (required text) or null (optional text) rather than refused.
 */
export function parseCs15Xml(xml: string): Cs15Customer[] {
  const root = rootElement(parseXmlTree(xml, ['MasterFile', 'AddressInfo'], 'The CS15 document'));
  if (root?.name !== 'ABWSupplierCustomer') {
    throw new AgressoDocumentError(`Not a CS15 document: the root element is <${root?.name ?? 'nothing'}>, expected <ABWSupplierCustomer>`);
  }
  const files = childrenOf(root.node, 'MasterFile');
  if (files.length === 0) throw new AgressoDocumentError('The CS15 document has no MasterFile');
  return files.map((file, i) => toCustomer(file, `MasterFile ${i + 1}`));
}

function toCustomer(file: XmlNode, where: string): Cs15Customer {
  const sc = childOf(file, 'SupplierCustomer');
  if (!sc) throw new AgressoDocumentError(`${where} has no SupplierCustomer`);
  const invoice = childOf(sc, 'InvoiceInfo') ?? {};
  const addresses = childrenOf(file, 'AddressInfo');
  // The invoice address is type 1; the others (delivery, visiting) are not part of our model.
  const address = addresses.find((a) => textOf(a, 'AddressType') === '1') ?? addresses[0] ?? {};
  const flag = textOf(sc, 'UpdateFlag') ?? '0';
  if (!['0', '1', 'true', 'false'].includes(flag.trim())) throw new AgressoDocumentError(`${where}: UpdateFlag must be 0 or 1, got "${flag}"`);
  return {
    companyCode: textOf(file, 'CompanyCode') ?? '',
    apArNo: textOf(file, 'ApArNo') ?? '',
    update: flag.trim() === '1' || flag.trim() === 'true',
    name: textOf(sc, 'Name') ?? '',
    apArGroup: textOf(sc, 'ApArGroup') ?? null,
    compRegNo: textOf(sc, 'CompRegNo') ?? null,
    externalRef: textOf(sc, 'ExternalRef') ?? '',
    shortName: textOf(sc, 'ShortName') ?? '',
    countryCode: textOf(sc, 'CountryCode') ?? '',
    payTerms: textOf(invoice, 'PayTerms') ?? null,
    currency: textOf(invoice, 'Currency') ?? '',
    language: textOf(invoice, 'Language') ?? null,
    address: {
      street: textOf(address, 'Address') ?? null,
      place: textOf(address, 'Place') ?? null,
      zipCode: textOf(address, 'ZipCode') ?? null,
      countryCode: textOf(address, 'CountryCode') ?? '',
      email: textOf(childOf(address, 'InternetInfo') ?? {}, 'Email') ?? null,
      phone: textOf(childOf(address, 'Phone') ?? {}, 'Telephone1') ?? null,
    },
  };
}
