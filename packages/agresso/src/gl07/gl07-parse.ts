import { parseAmount } from '../amount';
import { AgressoDocumentError } from '../document-error';
import { readGl07, type RawGl07Transaction, type RawGl07Voucher } from './gl07-read';
import { TRANS_TYPES, type Gl07Batch, type Gl07Transaction, type Gl07Voucher } from './gl07-types';

/**
 * The inverse of buildGl07Xml. Optional fields that are absent come back absent (voucherNo,
 * reportClient, dims); nullable ones come back null (taxCode, taxTransInfo, apArInfo, bacsId,
 * origReference). A field our model requires but the document lacks is an error naming it.
 */
export function parseGl07Xml(xml: string): Gl07Batch {
  const raw = readGl07(xml);
  if (raw.vouchers.length === 0) throw new AgressoDocumentError('The GL07 document has no Voucher');
  return {
    interface: required(raw.interface, 'Interface'),
    batchId: required(raw.batchId, 'BatchId'),
    ...(raw.reportClient !== undefined && { reportClient: raw.reportClient }),
    vouchers: raw.vouchers.map((v, i) => toVoucher(v, `Voucher ${i + 1}`)),
  };
}

function toVoucher(v: RawGl07Voucher, where: string): Gl07Voucher {
  return {
    ...(v.voucherNo !== undefined && { voucherNo: integer(v.voucherNo, `${where}: VoucherNo`) }),
    voucherType: required(v.voucherType, `${where}: VoucherType`),
    companyCode: required(v.companyCode, `${where}: CompanyCode`),
    period: integer(required(v.period, `${where}: Period`), `${where}: Period`),
    voucherDate: required(v.voucherDate, `${where}: VoucherDate`),
    transactions: v.transactions.map((t, i) => toTransaction(t, `${where}, transaction ${i + 1}`)),
  };
}

function toTransaction(t: RawGl07Transaction, where: string): Gl07Transaction {
  const transType = required(t.transType, `${where}: TransType`);
  if (!(TRANS_TYPES as readonly string[]).includes(transType)) {
    throw new AgressoDocumentError(`${where}: TransType "${transType}" is not one of ${TRANS_TYPES.join(', ')}`);
  }
  // CurrAmount only stands in when Amount is missing: our model is company currency.
  const amount = required(t.amount ?? t.currAmount, `${where}: Amount`);
  return {
    transType: transType as Gl07Transaction['transType'],
    description: required(t.description, `${where}: Description`),
    transDate: required(t.transDate, `${where}: TransDate`),
    externalRef: required(t.externalRef, `${where}: ExternalRef`),
    amountOre: ore(amount, `${where}: Amount`),
    account: required(t.account, `${where}: Account`),
    ...(Object.keys(t.dims).length > 0 && { dims: { ...t.dims } }),
    currency: required(t.currency, `${where}: Currency`),
    taxCode: t.taxCode ?? null,
    taxTransInfo: t.taxTransInfo
      ? {
          account2: required(t.taxTransInfo.account2, `${where}: TaxTransInfo/Account2`),
          baseAmountOre: ore(required(t.taxTransInfo.baseAmount ?? t.taxTransInfo.baseCurr, `${where}: BaseAmount`), `${where}: BaseAmount`),
        }
      : null,
    apArInfo: t.apArInfo ? toApArInfo(t.apArInfo, `${where}: ApArInfo`) : null,
  };
}

function toApArInfo(info: NonNullable<RawGl07Transaction['apArInfo']>, where: string): NonNullable<Gl07Transaction['apArInfo']> {
  const apArType = required(info.apArType, `${where}/ApArType`);
  if (apArType !== 'R' && apArType !== 'P') throw new AgressoDocumentError(`${where}/ApArType must be R or P, got "${apArType}"`);
  return {
    apArType,
    apArNo: required(info.apArNo, `${where}/ApArNo`),
    invoiceNo: required(info.invoiceNo, `${where}/InvoiceNo`),
    dueDate: required(info.dueDate, `${where}/DueDate`),
    bacsId: info.bacsId ?? null,
    origReference: info.origReference === undefined ? null : integer(info.origReference, `${where}/OrigReference`),
  };
}

function required(value: string | undefined, field: string): string {
  if (value === undefined) throw new AgressoDocumentError(`${field} is missing`);
  return value;
}

function integer(text: string, field: string): number {
  const value = Number(text.trim());
  if (!/^\s*\+?\d+\s*$/.test(text) || !Number.isSafeInteger(value)) throw new AgressoDocumentError(`${field} is not a whole number: "${text}"`);
  return value;
}

function ore(text: string, field: string): number {
  try {
    return parseAmount(text);
  } catch (error) {
    throw new AgressoDocumentError(`${field}: ${(error as Error).message}`);
  }
}
