import { norwegianDateTime, saftAmount } from '@nota/domain';
import type { DayReport } from '@nota/protocol';
import { PAYMENT_TYPES, vatCodeOf, vatPercent } from './saft-codes';
import type { KnownIds } from './saft-xml';
import { el, fitsId } from './xml-text';

// A Z report (the day's settlement, stored by head office as the register closed it) as SAF-T's
// eventReport. The schema asks for some lists with at least one entry; where the register has nothing
// to report there, one line of zeros says so, as Skatteetaten's example does ("None").

const none = (tag: string, typeTag: string, num: string, amnt: string) => `<${tag}>${el(typeTag, 'None')}${el(num, 0)}${el(amnt, '0.00')}</${tag}>`;

/** The file-wide unique report id (the schema keys it across registers): the Z number and the register. */
export const reportIdOf = (registerId: string, number: number) => `Z${number}-${registerId.slice(0, 8)}`;

export function eventReportXml(report: DayReport, registerId: string, company: { ident: string; name: string }): string {
  const f = report.figures;
  const { date, time } = norwegianDateTime(report.producedAt);
  const groups = f.groups.length
    ? f.groups.map((g) => `<reportArtGroup>${el('artGroupID', g.groupId && fitsId(g.groupId) ? g.groupId : 'NONE')}${el('artGroupNum', g.quantity)}${el('artGroupAmnt', saftAmount(g.grossOre))}</reportArtGroup>`).join('')
    : `<reportArtGroup>${el('artGroupID', 'NONE')}${el('artGroupNum', 0)}${el('artGroupAmnt', '0.00')}</reportArtGroup>`;
  const payments = (f.payments.length ? f.payments : [{ method: 'cash' as const, count: 0, amountOre: 0 }])
    .map((p) => `<reportPayment>${el('paymentType', PAYMENT_TYPES[p.method].basicID)}${el('paymentNum', p.count)}${el('paymentAmnt', saftAmount(p.amountOre))}</reportPayment>`)
    .join('');
  const vat = (f.vatRates.length ? f.vatRates : [{ rateBp: 0, netOre: 0, vatOre: 0, grossOre: 0 }])
    .map(
      (v) =>
        `<reportCashSaleVat>${el('vatCode', vatCodeOf(v.rateBp))}${el('vatPerc', vatPercent(v.rateBp))}${el('cashSaleAmnt', saftAmount(v.netOre))}` +
        `${el('vatAmnt', saftAmount(v.vatOre))}${el('vatAmntTp', v.vatOre < 0 ? 'D' : 'C')}</reportCashSaleVat>`,
    )
    .join('');
  return (
    `<eventReport>${el('reportID', reportIdOf(registerId, report.number ?? 0))}${el('reportType', 'Z report')}${el('companyIdent', company.ident, 35)}` +
    `${el('companyName', company.name, 100)}${el('reportDate', date)}${el('reportTime', time)}${el('registerID', registerId, 100)}` +
    `<reportTotalCashSales>${el('totalCashSaleAmnt', saftAmount(f.netSalesOre))}</reportTotalCashSales>` +
    `<reportArtGroups>${groups}</reportArtGroups><reportPayments>${payments}</reportPayments><reportCashSalesVat>${vat}</reportCashSalesVat>` +
    `${el('reportOpeningChangeFloat', saftAmount(f.floatOre))}${el('reportReceiptNum', f.receiptCount)}${el('reportOpenCashBoxNum', f.drawerOpeningsWithoutSale)}` +
    // The register counts copies but does not total them; the amounts it does not keep are written as 0.
    `${el('reportReceiptCopyNum', f.copies)}${el('reportReceiptCopyAmnt', '0.00')}${el('reportReceiptProformaNum', 0)}${el('reportReceiptProformaAmnt', '0.00')}` +
    `${el('reportReturnNum', f.returns.count)}${el('reportReturnAmnt', saftAmount(f.returns.amountOre))}` +
    `${el('reportDiscountNum', 0)}${el('reportDiscountAmnt', saftAmount(f.discountOre))}${el('reportVoidTransNum', 0)}${el('reportVoidTransAmnt', '0.00')}` +
    `<reportCorrLines>${none('reportCorrLine', 'corrLineType', 'corrLineNum', 'corrLineAmnt')}</reportCorrLines>` +
    `<reportPriceInquiries>${none('reportPriceInquiry', 'priceInquiryGroup', 'priceInquiryNum', 'priceInquiryAmnt')}</reportPriceInquiries>` +
    `<reportOtherCorrs>${none('reportOtherCorr', 'otherCorrType', 'otherCorrNum', 'otherCorrAmnt')}</reportOtherCorrs>` +
    `${el('reportReceiptDeliveryNum', f.invoices.deliveryNotes)}${el('reportReceiptDeliveryAmnt', saftAmount(f.invoices.amountOre))}` +
    `${el('reportTrainingNum', f.training.count)}${el('reportTrainingAmnt', saftAmount(f.training.amountOre))}` +
    `<reportCreditSales>${el('creditSalesNum', f.invoices.count)}${el('creditSalesAmnt', saftAmount(f.invoices.amountOre))}</reportCreditSales>` +
    `${el('reportGrandTotalSales', saftAmount(f.sales.grossOre))}${el('reportGrandTotalReturn', saftAmount(f.returns.amountOre))}` +
    `${el('reportGrandTotalSalesNet', saftAmount(f.netSalesOre))}</eventReport>`
  );
}

/** A Z report whose journal line head office does not have: an event of its own, 13009, with the report. */
export function zEventXml(report: DayReport, registerId: string, company: { ident: string; name: string }, known: KnownIds): string {
  const { date, time } = norwegianDateTime(report.producedAt);
  return (
    `<event>${el('eventID', `Z${report.number ?? 0}`)}${el('eventType', '13009')}${known.employees.has(report.userId) ? el('empID', report.userId) : ''}` +
    `${el('eventDate', date)}${el('eventTime', time)}${el('eventText', `Z ${report.number ?? 0}; grand total ${saftAmount(report.figures.grandTotalOre)}`)}` +
    `${eventReportXml(report, registerId, company)}</event>`
  );
}
