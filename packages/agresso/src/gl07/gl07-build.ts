import { formatAmount } from '../amount';
import { AgressoDocumentError } from '../document-error';
import { checkedDate, checkedInteger, checkedText, freeText } from '../xml/field-rules';
import { buildXml, type XmlNode } from '../xml/xml-tree';
import { DIM_NUMBERS, GL07_LIB_NAMESPACE, GL07_NAMESPACE, TRANS_TYPES, type Gl07Batch, type Gl07Transaction, type Gl07Voucher } from './gl07-types';

// Limits of the agrlib simple types the elements below use.
const DIM_VALUE = 25;
const STRING_255 = 255;
const COUNTER_MAX = 999_999_999_999_999;

/**
 * The ABWTransaction document GL07 imports. Element names, prefixes and order follow the
 * xs:sequence of ABWTransaction.xsd exactly: the schema rejects anything out of order. Values the
 * schema would refuse are refused here, with the field named, before anything is sent.
 */
export function buildGl07Xml(batch: Gl07Batch): string {
  if (batch.vouchers.length === 0) throw new AgressoDocumentError(`Batch ${batch.batchId} has no vouchers`);
  const root: XmlNode = {
    '@_xmlns:agr': GL07_NAMESPACE,
    '@_xmlns:agrlib': GL07_LIB_NAMESPACE,
    'agr:Interface': checkedText(batch.interface, 'Interface', 25),
    'agrlib:BatchId': checkedText(batch.batchId, 'BatchId', 25),
    ...(batch.reportClient !== undefined && { 'agrlib:ReportClient': checkedText(batch.reportClient, 'ReportClient', DIM_VALUE) }),
    'agr:Voucher': batch.vouchers.map((voucher, i) => voucherElement(voucher, `Voucher ${i + 1}`)),
  };
  return buildXml({ 'agr:ABWTransaction': root });
}

function voucherElement(voucher: Gl07Voucher, where: string): XmlNode {
  if (voucher.transactions.length === 0) throw new AgressoDocumentError(`${where} has no transactions`);
  return {
    ...(voucher.voucherNo !== undefined && { 'agr:VoucherNo': checkedInteger(voucher.voucherNo, `${where}: VoucherNo`, 0, COUNTER_MAX) }),
    'agrlib:VoucherType': checkedText(voucher.voucherType, `${where}: VoucherType`, DIM_VALUE),
    'agrlib:CompanyCode': checkedText(voucher.companyCode, `${where}: CompanyCode`, DIM_VALUE),
    'agrlib:Period': checkedInteger(voucher.period, `${where}: Period`, 0, 999_999),
    'agr:VoucherDate': checkedDate(voucher.voucherDate, `${where}: VoucherDate`),
    'agr:Transaction': voucher.transactions.map((t, i) => transactionElement(t, `${where}, transaction ${i + 1}`)),
  };
}

function transactionElement(t: Gl07Transaction, where: string): XmlNode {
  if (!TRANS_TYPES.includes(t.transType)) throw new AgressoDocumentError(`${where}: TransType must be one of ${TRANS_TYPES.join(', ')}, got "${t.transType}"`);
  const amount = formatAmount(t.amountOre);
  const glAnalysis: XmlNode = { 'agrlib:Account': checkedText(t.account, `${where}: Account`, DIM_VALUE) };
  for (const n of DIM_NUMBERS) {
    const dim = t.dims?.[n];
    if (dim !== undefined) glAnalysis[`agr:Dim${n}`] = checkedText(dim, `${where}: Dim${n}`, DIM_VALUE);
  }
  glAnalysis['agrlib:Currency'] = checkedText(t.currency, `${where}: Currency`, DIM_VALUE);
  if (t.taxCode !== undefined && t.taxCode !== null) glAnalysis['agrlib:TaxCode'] = checkedText(t.taxCode, `${where}: TaxCode`, DIM_VALUE);

  return {
    'agrlib:TransType': t.transType,
    'agrlib:Description': freeText(t.description, STRING_255),
    'agr:TransDate': checkedDate(t.transDate, `${where}: TransDate`),
    'agr:ExternalRef': checkedText(t.externalRef, `${where}: ExternalRef`, STRING_255),
    'agr:Amounts': { 'agrlib:Amount': amount, 'agrlib:CurrAmount': amount },
    'agr:GLAnalysis': glAnalysis,
    ...(t.taxTransInfo && { 'agr:TaxTransInfo': taxTransInfoElement(t.taxTransInfo, where) }),
    ...(t.apArInfo && { 'agr:ApArInfo': apArInfoElement(t.apArInfo, where) }),
  };
}

function taxTransInfoElement(info: NonNullable<Gl07Transaction['taxTransInfo']>, where: string): XmlNode {
  const base = formatAmount(info.baseAmountOre);
  return {
    'agr:Account2': checkedText(info.account2, `${where}: Account2`, DIM_VALUE),
    'agr:BaseAmount': base,
    'agr:BaseCurr': base,
  };
}

function apArInfoElement(info: NonNullable<Gl07Transaction['apArInfo']>, where: string): XmlNode {
  if (info.apArType !== 'R' && info.apArType !== 'P') throw new AgressoDocumentError(`${where}: ApArType must be R or P, got "${info.apArType}"`);
  return {
    'agrlib:ApArType': info.apArType,
    'agrlib:ApArNo': checkedText(info.apArNo, `${where}: ApArNo`, DIM_VALUE),
    'agrlib:InvoiceNo': checkedText(info.invoiceNo, `${where}: InvoiceNo`, 100),
    'agrlib:DueDate': checkedDate(info.dueDate, `${where}: DueDate`),
    ...(info.bacsId !== undefined && info.bacsId !== null && { 'agrlib:BacsId': checkedText(info.bacsId, `${where}: BacsId`, 27) }),
    ...(info.origReference !== undefined &&
      info.origReference !== null && { 'agr:OrigReference': checkedInteger(info.origReference, `${where}: OrigReference`, 0, COUNTER_MAX) }),
  };
}
