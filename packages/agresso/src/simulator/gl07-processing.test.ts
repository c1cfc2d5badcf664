import { describe, expect, it } from 'vitest';
import { AgressoError } from '../client/agresso-error';
import { buildGl07Xml } from '../gl07/gl07-build';
import type { Gl07Batch } from '../gl07/gl07-types';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { clientFor, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';
import type { AgressoSimulator } from './types';

closeSimulatorsAfterEach();

async function send(sim: AgressoSimulator, xml: string, timeoutMs = 2_000): Promise<number> {
  const { orderNumber } = await clientFor(sim, { timeoutMs }).executeServerProcess({ serverProcessId: 'GL07', menuId: 'BI88', variant: 4, xml });
  return orderNumber;
}

function rows(sim: AgressoSimulator, batchId: string): Promise<Record<string, string>[]> {
  return clientFor(sim).getTemplateResult({ templateId: 9001, criteria: [{ column: 'batch_id', value: batchId }] });
}

/** The invoice voucher alone, spoiled as the test needs. */
function invoice(spoil: (b: Gl07Batch) => void = () => undefined): Gl07Batch {
  const batch = invoiceBatch();
  batch.vouchers = batch.vouchers.slice(0, 1);
  spoil(batch);
  return batch;
}

async function refusal(promise: Promise<unknown>): Promise<AgressoError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AgressoError);
  return error as AgressoError;
}

describe('GL07 in the simulator', () => {
  it('queues a valid document, then posts it with voucher numbers; the template sees nothing until GL07 has run (then P)', async () => {
    // Long enough to look at the queued state first, even on a busy machine.
    const sim = await startSimulator({ processingDelayMs: 500 });
    const xml = buildGl07Xml(invoiceBatch());
    const orderNumber = await send(sim, xml);

    const [queued] = sim.accepted();
    expect(queued).toMatchObject({ orderNumber, processId: 'GL07', variant: 4, status: 'queued', document: xml, customers: [] });
    expect(queued!.vouchers.map((v) => v.status)).toEqual(['queued', 'queued']);
    // Batch input gets its rows when GL07 runs, not when the order is queued: an integration that
    // asks too early sees nothing, and must not take that as "never arrived".
    expect(await rows(sim, 'NOTA-2026-000123')).toEqual([]);

    await sim.settle();
    const [processed] = sim.accepted();
    expect(processed!.status).toBe('processed');
    expect(processed!.vouchers).toEqual([
      {
        batchId: 'NOTA-2026-000123',
        voucherNo: 60000001,
        invoiceNo: '2026000123',
        apArNo: '10042',
        externalRefs: ['NOTA-2026-000123', 'NOTA-2026-000123', 'NOTA-2026-000123'],
        amountOre: 125000,
        status: 'posted',
        errors: [],
      },
      {
        batchId: 'NOTA-2026-000123',
        voucherNo: 60000002,
        invoiceNo: '2026000124',
        apArNo: '10042',
        externalRefs: ['NOTA-2026-000124', 'NOTA-2026-000124', 'NOTA-2026-000124'],
        amountOre: 12500,
        status: 'posted',
        errors: [],
      },
    ]);
    expect(await rows(sim, 'NOTA-2026-000123')).toEqual([
      { batch_id: 'NOTA-2026-000123', order_id: String(orderNumber), voucher_no: '60000001', apar_id: '10042', ext_inv_ref: '2026000123', status: 'P', error_msg: '' },
      { batch_id: 'NOTA-2026-000123', order_id: String(orderNumber), voucher_no: '60000002', apar_id: '10042', ext_inv_ref: '2026000124', status: 'P', error_msg: '' },
    ]);
  });

  const failing: [string, (b: Gl07Batch) => void, string][] = [
    ['an unbalanced voucher', (b) => (b.vouchers[0]!.transactions[2]!.amountOre -= 1), 'Voucher 1 in batch NOTA-2026-000123 is not in balance: difference -0.01'],
    ['an unknown customer', (b) => (b.vouchers[0]!.transactions[0]!.apArInfo!.apArNo = '99999'), 'Customer 99999 does not exist in company 10'],
    ['an unknown tax code', (b) => (b.vouchers[0]!.transactions[1]!.taxCode = '7'), 'Transaction 2: tax code 7 does not exist in company 10'],
    ['a TX row without TaxTransInfo', (b) => (b.vouchers[0]!.transactions[2]!.taxTransInfo = null), 'Transaction 3 (TX) has no TaxTransInfo'],
    ['another company', (b) => (b.vouchers[0]!.companyCode = '20'), 'Company 20 does not exist in client 10'],
  ];
  for (const [what, spoil, message] of failing) {
    it(`accepts the order but fails ${what} in batch input, with a readable error`, async () => {
      const sim = await startSimulator();
      const orderNumber = await send(sim, buildGl07Xml(invoice(spoil)));
      await sim.settle();
      const [order] = sim.accepted();
      expect(order!.orderNumber).toBe(orderNumber);
      expect(order!.vouchers[0]).toMatchObject({ status: 'failed', voucherNo: null });
      expect(order!.vouchers[0]!.errors).toContain(message);
      const [row] = await rows(sim, 'NOTA-2026-000123');
      expect(row).toMatchObject({ status: 'E', voucher_no: '', order_id: String(orderNumber) });
      expect(row!.error_msg).toContain(message);
    });
  }

  it('judges each voucher of a batch on its own', async () => {
    const sim = await startSimulator();
    const batch = invoiceBatch();
    batch.vouchers[1]!.transactions[0]!.apArInfo!.apArNo = '77777';
    await send(sim, buildGl07Xml(batch));
    await sim.settle();
    expect(sim.accepted()[0]!.vouchers.map((v) => [v.status, v.voucherNo])).toEqual([
      ['posted', 60000001],
      ['failed', null],
    ]);
  });

  it('refuses an XSD-invalid document with a SOAP fault naming line and path, and queues nothing', async () => {
    const sim = await startSimulator();
    const xml = buildGl07Xml(invoice()).replace(/(<agrlib:VoucherType>KF<\/agrlib:VoucherType>)(\s*)(<agrlib:CompanyCode>10<\/agrlib:CompanyCode>)/, '$3$2$1');
    const error = await refusal(send(sim, xml));
    expect(error).toMatchObject({ kind: 'fault', transient: false, faultCode: 's:Client' });
    expect(error.faultString).toMatch(/^The Xml does not validate against ABWTransaction.xsd: line \d+ \(\/agr:ABWTransaction\/agr:Voucher\/agrlib:VoucherType\): Element .*VoucherType.*This element is not expected/);
    expect(sim.accepted()).toEqual([]);
  });

  it('refuses malformed Xml, unknown processes and amounts the schema forbids', async () => {
    const sim = await startSimulator();
    const client = clientFor(sim);
    const malformed = await refusal(send(sim, '<agr:ABWTransaction xmlns:agr="x"><oops></agr:ABWTransaction>'));
    expect(malformed.faultString).toMatch(/^The Xml is not well-formed: line 1: /);
    const unknown = await refusal(client.executeServerProcess({ serverProcessId: 'GL99' as 'GL07', menuId: 'BI88', variant: 4, xml: buildGl07Xml(invoice()) }));
    expect(unknown.faultString).toBe("Server process 'GL99' does not exist");
    const badAmount = await refusal(send(sim, buildGl07Xml(invoice()).replace('<agrlib:Amount>1250.00</agrlib:Amount>', '<agrlib:Amount>12,50</agrlib:Amount>')));
    expect(badAmount.faultString).toMatch(/Amount.*12,50/);
    expect(sim.accepted()).toEqual([]);
  });

  it('without the XSD, applies the schema’s main rules itself', async () => {
    const sim = await startSimulator({ xsdDir: null });
    const noCompany = buildGl07Xml(invoice()).replace(/<agrlib:CompanyCode>10<\/agrlib:CompanyCode>/, '');
    expect((await refusal(send(sim, noCompany))).faultString).toBe('The Xml is not a valid GL07 document: Voucher 1 has no CompanyCode');
    const badAmount = buildGl07Xml(invoice()).replace('<agrlib:Amount>1250.00</agrlib:Amount>', '<agrlib:Amount>tolv</agrlib:Amount>');
    expect((await refusal(send(sim, badAmount))).faultString).toBe('The Xml is not a valid GL07 document: Voucher 1, transaction 1: Amount "tolv" is not a decimal');
    const wrongNamespace = buildGl07Xml(invoice()).replace('schema/ABWTransaction/2011/11/14', 'schema/ABWTransaction/2008/01/01');
    expect((await refusal(send(sim, wrongNamespace))).faultString).toMatch(/not a GL07 document/);
    expect(sim.accepted()).toEqual([]);

    await send(sim, buildGl07Xml(invoice()));
    await sim.settle();
    expect(sim.accepted()[0]!.vouchers[0]!.status).toBe('posted');
  });

  it('after a timeout the import was queued anyway, gets posted, and the template shows it', async () => {
    const sim = await startSimulator();
    sim.injectFault({ service: 'ImportService', kind: 'timeout-after-queue', delayMs: 5_000 });
    const error = await refusal(send(sim, buildGl07Xml(invoice()), 300));
    expect(error).toMatchObject({ kind: 'timeout', transient: true });
    expect(sim.accepted()).toHaveLength(1);
    await sim.settle();
    expect(sim.accepted()[0]!.vouchers[0]).toMatchObject({ status: 'posted', voucherNo: 60000001 });
    // This is how an integration finds out, before sending again, that it already landed.
    expect(await rows(sim, 'NOTA-2026-000123')).toMatchObject([{ status: 'P', voucher_no: '60000001', ext_inv_ref: '2026000123' }]);
  });

  it('posts the same document twice when it is sent twice, as GL07 does', async () => {
    const sim = await startSimulator();
    const xml = buildGl07Xml(invoiceBatch());
    const first = await send(sim, xml);
    const second = await send(sim, xml);
    await sim.settle();
    expect(second).toBe(first + 1);
    expect(sim.accepted().map((a) => a.document)).toEqual([xml, xml]);
    const template = await rows(sim, 'NOTA-2026-000123');
    expect(template.map((r) => [r.order_id, r.voucher_no, r.status])).toEqual([
      [String(first), '60000001', 'P'],
      [String(first), '60000002', 'P'],
      [String(second), '60000003', 'P'],
      [String(second), '60000004', 'P'],
    ]);
  });

  it('accepts tax codes and the confirmation template id it is configured with', async () => {
    const sim = await startSimulator({ taxCodes: ['25'], confirmationTemplateId: 77 });
    await send(sim, buildGl07Xml(invoice((b) => b.vouchers[0]!.transactions.forEach((t) => t.taxCode && (t.taxCode = '25')))));
    await sim.settle();
    const client = clientFor(sim);
    expect(await client.getTemplateResult({ templateId: 77, criteria: [] })).toMatchObject([{ status: 'P' }]);
    await expect(client.getTemplateResult({ templateId: 9001, criteria: [] })).rejects.toThrow(/Template 9001 does not exist/);
  });
});
