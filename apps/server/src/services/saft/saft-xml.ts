import { norwegianDateTime, saftAmount } from '@nota/domain';
import type { JournalEntry, Sale } from '@nota/protocol';
import { EVENT_TYPES, LINE_TYPES, PAYMENT_TYPES, standardVatCode, TRANSACTION_KINDS, vatCodeOf, vatPercent, type Basic } from './saft-codes';
import { el, fitsId, optEl } from './xml-text';

export { fitsId };

// The parts of Norway's SAF-T Cash Register file (namespace urn:StandardAuditFile-Taxation-CashRegister:NO),
// in the schema's order. Each function turns facts into text; cash-register-export.ts streams them.

export const SAFT_NAMESPACE = 'urn:StandardAuditFile-Taxation-CashRegister:NO';

export interface SaftCompany {
  orgNumber: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface SaftFileFacts {
  from: string;
  to: string;
  createdAt: Date;
  softwareVersion: string;
  comment: string;
  company: SaftCompany;
  vatRatesBp: readonly number[];
  employees: readonly { id: string; name: string }[];
  articles: readonly { id: string; name: string; groupId: string | null }[];
  groups: readonly { id: string; name: string }[];
}

/** Ids the schema checks against the file's own lists (employees, articles): only those may be referred to. */
export interface KnownIds {
  employees: ReadonlySet<string>;
  articleGroups: ReadonlyMap<string, string | null>;
}


const basicXml = (b: Basic) =>
  `<basic>${el('basicType', b.basicType)}${el('basicID', b.basicID, 35)}${optEl('predefinedBasicID', b.predefinedBasicID)}${el('basicDesc', b.basicDesc, 999)}</basic>`;

function addressXml(tag: string, c: SaftCompany): string {
  return `<${tag}>${optEl('streetname', c.street, 100)}${optEl('city', c.city, 50)}${optEl('postalCode', c.postalCode, 20)}${el('country', c.country)}</${tag}>`;
}

/** From the declaration to the end of company/basics: everything before the first location. */
export function fileStart(f: SaftFileFacts): string {
  const created = norwegianDateTime(f.createdAt);
  const c = f.company;
  const digits = c.orgNumber.replace(/\D/g, '');
  const header =
    `<header>${el('fiscalYear', f.from.slice(0, 4))}${el('startDate', f.from)}${el('endDate', f.to)}${el('curCode', 'NOK')}` +
    `${el('dateCreated', created.date)}${el('timeCreated', created.time)}${el('softwareDesc', 'Nota')}${el('softwareVersion', f.softwareVersion, 20)}` +
    `${el('softwareCompanyName', 'Nota')}${el('auditfileVersion', '1.0')}${el('headerComment', f.comment, 999)}</header>`;
  const vat = f.vatRatesBp
    .map((bp) => `<vatCodeDetail>${el('vatCode', vatCodeOf(bp))}${el('dateOfEntry', f.from)}${el('vatDesc', `VAT ${vatPercent(bp)} %`)}${el('standardVatCode', standardVatCode(bp))}</vatCodeDetail>`)
    .join('');
  const employees = f.employees
    .map((e) => `<employee>${el('empID', e.id)}${el('dateOfEntry', f.from)}${el('timeOfEntry', '00:00:00')}${el('surName', e.name, 100)}</employee>`)
    .join('');
  const articles = f.articles
    .map((a) => `<article>${el('artID', a.id)}${el('dateOfEntry', f.from)}${a.groupId ? el('artGroupID', a.groupId) : ''}${el('artDesc', a.name, 999)}</article>`)
    .join('');
  const groups: Basic[] = f.groups.map((g) => ({ basicType: '04', basicID: g.id, predefinedBasicID: '04999', basicDesc: g.name }));
  const basics = [...groups, ...Object.values(LINE_TYPES), ...Object.values(TRANSACTION_KINDS), ...Object.values(PAYMENT_TYPES), ...EVENT_TYPES];
  const company =
    `<company>${el('companyIdent', digits || c.orgNumber, 35)}${el('companyName', c.name, 100)}${el('taxRegistrationCountry', c.country)}` +
    `${c.country === 'NO' && digits ? el('taxRegIdent', `${digits}MVA`) : ''}${addressXml('streetAddress', c)}` +
    `<vatCodeDetails>${vat}</vatCodeDetails>` +
    `<periods><period>${el('periodNumber', 1)}${el('periodDesc', `${f.from} – ${f.to}`)}${el('startDatePeriod', f.from)}${el('startTimePeriod', '00:00:00')}` +
    `${el('endDatePeriod', f.to)}${el('endTimePeriod', '23:59:59')}</period></periods>` +
    `<employees>${employees}</employees><articles>${articles}</articles><basics>${basics.map(basicXml).join('')}</basics>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<auditfile xmlns="${SAFT_NAMESPACE}">${header}${company}`;
}

export const locationStart = (name: string) => `<location>${el('name', name, 100)}`;
export const registerStart = (id: string, name: string) => `<cashregister>${el('registerID', id, 100)}${el('regDesc', name, 999)}`;
export const REGISTER_END = '</cashregister>';
export const LOCATION_END = '</location>';
export const FILE_END = '</company></auditfile>\n';

/** A line of the register's journal; `receiptNumber` is the sale it concerns, when head office has it. */
export function eventXml(entry: JournalEntry, receiptNumber: number | null, known: KnownIds, report = ''): string {
  const { date, time } = norwegianDateTime(entry.occurredAt);
  const text = [entry.detail, entry.amountOre !== null ? `amount ${saftAmount(entry.amountOre)}` : null].filter(Boolean).join('; ');
  return (
    `<event>${el('eventID', entry.seq)}${el('eventType', entry.code)}${optEl('transID', receiptNumber)}` +
    `${entry.userId && known.employees.has(entry.userId) ? el('empID', entry.userId) : ''}${el('eventDate', date)}${el('eventTime', time)}` +
    `${optEl('eventText', text, 9999)}${report}</event>`
  );
}

const debitCredit = (ore: number) => (ore < 0 ? 'D' : 'C');

function vatXml(v: { rateBp: number; vatOre: number; netOre: number }): string {
  return (
    `<vat>${el('vatCode', vatCodeOf(v.rateBp))}${el('vatPerc', vatPercent(v.rateBp))}${el('vatAmnt', saftAmount(v.vatOre))}` +
    `${el('vatAmntTp', debitCredit(v.vatOre))}${el('vatBasAmnt', saftAmount(v.netOre))}</vat>`
  );
}

/**
 * A sale, a return (`returnOf`, negative amounts) or an invoice sale (a credit sale, goods handed over
 * with a delivery receipt) as a cashtransaction. transDate, transTime, nr, transAmntIn and transAmntEx
 * are the fields the register's signature covers, written by the same functions the register signed with.
 */
export function transactionXml(sale: Sale, known: KnownIds): string {
  const { date, time } = norwegianDateTime(sale.completedAt);
  const nr = String(sale.receiptNumber);
  const kind = sale.returnOf ? TRANSACTION_KINDS.returnSale : sale.invoice ? TRANSACTION_KINDS.creditSale : TRANSACTION_KINDS.cashSale;
  const lineType = sale.returnOf ? LINE_TYPES.return : LINE_TYPES.sale;
  const emp = known.employees.has(sale.userId) ? el('empID', sale.userId) : '';
  const desc = sale.invoice
    ? `Delivery receipt ${sale.invoice.deliveryNoteNumber}, invoiced to ${sale.invoice.customer.name} (${sale.invoice.customer.orgNumber})`
    : sale.returnOf
      ? `Return of receipt ${sale.returnOf.receiptNumber}`
      : '';
  const lines = sale.lines
    .map((l) => {
      const group = known.articleGroups.get(l.productId);
      const article = group !== undefined ? `${group ? el('artGroupID', group) : ''}${el('artID', l.productId)}` : '';
      return (
        `<ctLine>${el('nr', nr)}${el('lineID', l.lineNo)}${el('lineType', lineType.basicID)}${article}${el('qnt', l.quantity)}` +
        `${el('lineAmntIn', saftAmount(l.grossOre))}${el('lineAmntEx', saftAmount(l.netOre))}${el('amntTp', debitCredit(l.grossOre))}` +
        `${el('ppu', saftAmount(l.unitPriceOre))}${emp}${el('cashTransLineDescr', l.name, 9999)}${el('lineDate', date)}${el('lineTime', time)}` +
        `${vatXml({ rateBp: l.vatRateBp, vatOre: l.vatOre, netOre: l.netOre })}` +
        `${l.discountOre !== 0 ? `<discount>${el('dscTp', 'DISCOUNT')}${el('dscAmnt', saftAmount(l.discountOre))}</discount>` : ''}</ctLine>`
      );
    })
    .join('');
  const payments = sale.payments
    .map(
      (p) =>
        `<payment>${el('paymentType', PAYMENT_TYPES[p.method].basicID)}${el('paidAmnt', saftAmount(p.amountOre))}${emp}` +
        `${el('curCode', 'NOK')}${el('exchRt', '1.000000')}</payment>`,
    )
    .join('');
  return (
    `<cashtransaction>${el('nr', nr)}${el('transID', nr)}${el('transType', kind.basicID)}${el('transAmntIn', saftAmount(sale.totalOre))}` +
    `${el('transAmntEx', saftAmount(sale.netOre))}${el('amntTp', debitCredit(sale.totalOre))}${emp}${el('periodNumber', 1)}` +
    `${el('transDate', date)}${el('transTime', time)}${sale.returnOf ? el('refID', String(sale.returnOf.receiptNumber)) : ''}${optEl('desc', desc, 9999)}` +
    `${lines}${sale.vatSummary.map(vatXml).join('')}<rounding>${el('roundingAmnt', saftAmount(sale.roundingOre))}</rounding>${payments}` +
    // An unsigned sale (Sweden, or from before signing) still needs the two elements: empty says so.
    `${el('signature', sale.signature?.value ?? '')}${el('keyVersion', sale.signature ? String(sale.signature.keyVersion) : '')}` +
    `${el('receiptNum', 1)}${el('receiptDeliveryNum', sale.invoice ? 1 : 0)}${el('voidTransaction', 'false')}${el('trainingID', sale.training ? 'true' : 'false')}</cashtransaction>`
  );
}
