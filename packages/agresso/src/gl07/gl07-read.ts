import { AgressoDocumentError } from '../document-error';
import { childOf, childrenOf, parseXmlTree, rootElement, textOf, type XmlNode } from '../xml/xml-tree';
import { DIM_NUMBERS } from './gl07-types';

/**
 * A GL07 document as written, every value still text and every optional element possibly missing.
 * This is what GL07 itself sees before it judges the rows, so the simulator works from it; the
 * typed Gl07Batch is derived from it by parseGl07Xml.
 */
export interface RawGl07 {
  interface: string | undefined;
  batchId: string | undefined;
  reportClient: string | undefined;
  vouchers: RawGl07Voucher[];
}

export interface RawGl07Voucher {
  voucherNo: string | undefined;
  voucherType: string | undefined;
  companyCode: string | undefined;
  period: string | undefined;
  voucherDate: string | undefined;
  transactions: RawGl07Transaction[];
}

export interface RawGl07Transaction {
  transType: string | undefined;
  description: string | undefined;
  transDate: string | undefined;
  externalRef: string | undefined;
  amount: string | undefined;
  currAmount: string | undefined;
  account: string | undefined;
  dims: Partial<Record<(typeof DIM_NUMBERS)[number], string>>;
  currency: string | undefined;
  taxCode: string | undefined;
  taxTransInfo: { account2: string | undefined; baseAmount: string | undefined; baseCurr: string | undefined } | undefined;
  apArInfo:
    | {
        apArType: string | undefined;
        apArNo: string | undefined;
        invoiceNo: string | undefined;
        dueDate: string | undefined;
        bacsId: string | undefined;
        origReference: string | undefined;
      }
    | undefined;
}

/** Reads any well-formed ABWTransaction document; throws only when it is not XML or not GL07 at all. */
export function readGl07(xml: string): RawGl07 {
  const root = rootElement(parseXmlTree(xml, ['Voucher', 'Transaction'], 'The GL07 document'));
  if (root?.name !== 'ABWTransaction') {
    throw new AgressoDocumentError(`Not a GL07 document: the root element is <${root?.name ?? 'nothing'}>, expected <ABWTransaction>`);
  }
  const doc = root.node;
  return {
    interface: textOf(doc, 'Interface'),
    batchId: textOf(doc, 'BatchId'),
    reportClient: textOf(doc, 'ReportClient'),
    vouchers: childrenOf(doc, 'Voucher').map(readVoucher),
  };
}

function readVoucher(voucher: XmlNode): RawGl07Voucher {
  return {
    voucherNo: textOf(voucher, 'VoucherNo'),
    voucherType: textOf(voucher, 'VoucherType'),
    companyCode: textOf(voucher, 'CompanyCode'),
    period: textOf(voucher, 'Period'),
    voucherDate: textOf(voucher, 'VoucherDate'),
    transactions: childrenOf(voucher, 'Transaction').map(readTransaction),
  };
}

function readTransaction(t: XmlNode): RawGl07Transaction {
  const amounts = childOf(t, 'Amounts') ?? {};
  const gl = childOf(t, 'GLAnalysis') ?? {};
  const tax = childOf(t, 'TaxTransInfo');
  const apAr = childOf(t, 'ApArInfo');
  const dims: RawGl07Transaction['dims'] = {};
  for (const n of DIM_NUMBERS) {
    const dim = textOf(gl, `Dim${n}`);
    if (dim !== undefined) dims[n] = dim;
  }
  return {
    transType: textOf(t, 'TransType'),
    description: textOf(t, 'Description'),
    transDate: textOf(t, 'TransDate'),
    externalRef: textOf(t, 'ExternalRef'),
    amount: textOf(amounts, 'Amount'),
    currAmount: textOf(amounts, 'CurrAmount'),
    account: textOf(gl, 'Account'),
    dims,
    currency: textOf(gl, 'Currency'),
    taxCode: textOf(gl, 'TaxCode'),
    taxTransInfo: tax && { account2: textOf(tax, 'Account2'), baseAmount: textOf(tax, 'BaseAmount'), baseCurr: textOf(tax, 'BaseCurr') },
    apArInfo: apAr && {
      apArType: textOf(apAr, 'ApArType'),
      apArNo: textOf(apAr, 'ApArNo'),
      invoiceNo: textOf(apAr, 'InvoiceNo'),
      dueDate: textOf(apAr, 'DueDate'),
      bacsId: textOf(apAr, 'BacsId'),
      origReference: textOf(apAr, 'OrigReference'),
    },
  };
}
