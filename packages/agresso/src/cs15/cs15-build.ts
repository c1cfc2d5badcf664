import { AgressoDocumentError } from '../document-error';
import { checkedText, freeText } from '../xml/field-rules';
import { buildXml, type XmlNode } from '../xml/xml-tree';
import { CS15_LIB_NAMESPACE, type Cs15Customer } from './cs15-types';

// Lengths of the agrlib types these fields have in the published schema library.
const DIM_VALUE = 25;

/**
 * The ABWSupplierCustomer document CS15 imports, one MasterFile per customer, in the element order
 * real integrations send. Null fields are left out, which CS15 reads as "no value".
 */
export function buildCs15Xml(customers: Cs15Customer[]): string {
  if (customers.length === 0) throw new AgressoDocumentError('A CS15 document needs at least one customer');
  return buildXml({
    ABWSupplierCustomer: {
      '@_xmlns:agrlib': CS15_LIB_NAMESPACE,
      MasterFile: customers.map((c, i) => masterFile(c, `Customer ${i + 1} (${c.apArNo})`)),
    },
  });
}

function masterFile(c: Cs15Customer, where: string): XmlNode {
  const flag = c.update ? '1' : '0';
  const optional = (name: string, value: string | null, max: number): XmlNode =>
    value === null ? {} : { [name]: checkedText(value, `${where}: ${name.replace('agrlib:', '')}`, max) };
  const a = c.address;
  return {
    'agrlib:CompanyCode': checkedText(c.companyCode, `${where}: CompanyCode`, DIM_VALUE),
    'agrlib:ApArType': 'R',
    'agrlib:ApArNo': checkedText(c.apArNo, `${where}: ApArNo`, DIM_VALUE),
    SupplierCustomer: {
      'agrlib:UpdateFlag': flag,
      'agrlib:Name': freeText(c.name, 255),
      ...optional('ApArGroup', c.apArGroup, DIM_VALUE),
      ...optional('agrlib:CompRegNo', c.compRegNo, 25),
      ExternalRef: checkedText(c.externalRef, `${where}: ExternalRef`, 100),
      ShortName: checkedText(c.shortName, `${where}: ShortName`, DIM_VALUE),
      'agrlib:CountryCode': checkedText(c.countryCode, `${where}: CountryCode`, DIM_VALUE),
      InvoiceInfo: {
        ...optional('PayTerms', c.payTerms, DIM_VALUE),
        Currency: checkedText(c.currency, `${where}: Currency`, DIM_VALUE),
        ...optional('Language', c.language, DIM_VALUE),
        // Nota keeps no credit limits; real integrations send 0 here too.
        CreditLimit: '0',
      },
    },
    AddressInfo: {
      'agrlib:UpdateFlag': flag,
      'agrlib:AddressType': '1',
      ...optional('agrlib:Address', a.street, 160),
      ...optional('agrlib:Place', a.place, 40),
      ...optional('agrlib:ZipCode', a.zipCode, 15),
      'agrlib:CountryCode': checkedText(a.countryCode, `${where}: address CountryCode`, DIM_VALUE),
      ...(a.email !== null && { 'agrlib:InternetInfo': { 'agrlib:Email': checkedText(a.email, `${where}: Email`, 255) } }),
      ...(a.phone !== null && { 'agrlib:Phone': { 'agrlib:Telephone1': checkedText(a.phone, `${where}: Telephone1`, 35) } }),
    },
  };
}
