import { describe, expect, it } from 'vitest';
import { buildGl07Xml } from '../gl07/gl07-build';
import type { SimulatorFault } from '../simulator/types';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { clientFor, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';
import { AgressoError } from './agresso-error';
import { classifyFault, classifyVoucherError, FAULT_RULES, type FaultClass, type FaultFacts } from './fault-rules';

closeSimulatorsAfterEach();

const importGl07 = { serverProcessId: 'GL07', menuId: 'BI88', variant: 4 } as const;

type Row = { name: string; code: string; class: FaultClass; words: RegExp };

/** One case per row of the table, in the table's order. */
const SOAP_FAULTS: (Row & { faultString: string })[] = [
  {
    name: 'a deadlock (the measured bug: it was taken for a refusal)',
    faultString: 'Transaction (Process ID 53) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.',
    code: 'AGRESSO_BUSY',
    class: 'transient',
    words: /busy .* tries again by itself/,
  },
  { name: 'a database timeout', faultString: 'Timeout expired. The timeout period elapsed prior to completion of the operation.', code: 'AGRESSO_TIMEOUT', class: 'transient', words: /ran out of time/ },
  { name: 'service unavailable', faultString: 'The service is temporarily unavailable. Please try again later.', code: 'AGRESSO_UNAVAILABLE', class: 'transient', words: /unavailable for the moment/ },
  { name: 'maintenance', faultString: 'Business World is closed for maintenance until 06:00.', code: 'AGRESSO_MAINTENANCE', class: 'transient', words: /down for maintenance/ },
  { name: 'wrong credentials', faultString: 'Access denied: invalid username, client or password', code: 'AGRESSO_CREDENTIALS', class: 'credentials', words: /Correct the Agresso connection/ },
  { name: 'any other refusal', faultString: 'Server process GL07 is locked by another user', code: 'AGRESSO_REFUSED', class: 'permanent', words: /^Agresso refused it: Server process GL07 is locked by another user\. Correct what it names/ },
];

describe('the fault table, through the real client against the simulator', () => {
  it.each(SOAP_FAULTS)('a SOAP fault for $name is $class ($code)', async (row) => {
    const sim = await startSimulator();
    sim.injectFault({ service: 'ImportService', kind: 'soap-fault', faultString: row.faultString });
    const error = await clientFor(sim).executeServerProcess({ ...importGl07, xml: buildGl07Xml(invoiceBatch()) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgressoError);
    const { verdict, transient, outcomeKnown } = error as AgressoError;
    expect({ code: verdict.code, class: verdict.class, transient, outcomeKnown }).toEqual({ code: row.code, class: row.class, transient: row.class === 'transient', outcomeKnown: true });
    expect(verdict.reason).toMatch(row.words);
  });

  const transport: [string, SimulatorFault, string][] = [
    ['a connection reset', { service: 'QueryEngineService', kind: 'reset' }, 'AGRESSO_UNREACHABLE'],
    ['a timeout', { service: 'QueryEngineService', kind: 'slow', delayMs: 1_000 }, 'AGRESSO_TIMEOUT'],
    ['an HTTP 500 without a SOAP answer', { service: 'QueryEngineService', kind: 'http-500' }, 'AGRESSO_UNAVAILABLE'],
  ];
  it.each(transport)('%s is transient', async (_name, fault, code) => {
    const sim = await startSimulator();
    sim.injectFault(fault);
    const error = (await clientFor(sim, { timeoutMs: 300 })
      .getTemplateResult({ templateId: 9001, criteria: [] })
      .catch((e: unknown) => e)) as AgressoError;
    expect(error).toBeInstanceOf(AgressoError);
    expect({ code: error.verdict.code, transient: error.transient }).toEqual({ code, transient: true });
    expect(error.verdict.reason).toMatch(/by itself/);
  });

  it('a refused connection is transient', () => {
    expect(classifyFault({ source: 'network', text: 'Could not connect to Agresso at http://x: connection refused' })).toMatchObject({ code: 'AGRESSO_UNREACHABLE', transient: true });
  });
});

/** What GL07 writes in batch input for a voucher it would not post. */
const VOUCHER_ERRORS: (Row & { error: string })[] = [
  { name: 'an unknown customer', error: 'Customer 77777 does not exist in company 10', code: 'AGRESSO_UNKNOWN_CUSTOMER', class: 'permanent', words: /^Agresso has no customer 77777 for this invoice .*Create the customer in Agresso/ },
  { name: 'an unknown account', error: 'Transaction 2: account 3999 does not exist in company 10', code: 'AGRESSO_UNKNOWN_ACCOUNT', class: 'permanent', words: /account this invoice is booked on .*chart-of-accounts mapping/ },
  { name: 'an unknown tax code', error: 'Transaction 2: tax code 9 does not exist in company 10', code: 'AGRESSO_UNKNOWN_TAX_CODE', class: 'permanent', words: /VAT code .*chart-of-accounts mapping/ },
  { name: 'an unbalanced voucher', error: 'Voucher #1 in batch B1 is not in balance: difference -0.01', code: 'AGRESSO_UNBALANCED', class: 'permanent', words: /Debit and credit .* do not add up/ },
  { name: 'a deadlock while GL07 ran', error: 'Transaction was deadlocked; rerun the transaction', code: 'AGRESSO_BUSY', class: 'transient', words: /by itself/ },
];

describe('the fault table on GL07 voucher errors', () => {
  it.each(VOUCHER_ERRORS)('$name is $class ($code)', ({ error, code, class: klass, words }) => {
    const verdict = classifyVoucherError(error);
    expect({ code: verdict.code, class: verdict.class }).toEqual({ code, class: klass });
    expect(verdict.reason).toMatch(words);
  });

  it('classifies the errors the simulator’s GL07 really writes', async () => {
    const sim = await startSimulator();
    const batch = invoiceBatch();
    batch.vouchers[1]!.transactions[0]!.apArInfo!.apArNo = '77777';
    await clientFor(sim).executeServerProcess({ ...importGl07, xml: buildGl07Xml(batch) });
    await sim.settle();
    const rows = await clientFor(sim).getTemplateResult({ templateId: 9001, criteria: [{ column: 'batch_id', value: batch.batchId }] });
    expect(rows.map((r) => r.status)).toEqual(['P', 'E']);
    expect(classifyVoucherError(rows[1]!.error_msg!).code).toBe('AGRESSO_UNKNOWN_CUSTOMER');
  });
});

describe('the table as a whole', () => {
  it('every row is reached by one of the cases above, so none is dead', () => {
    const facts: FaultFacts[] = [
      { source: 'network', text: 'reset' },
      { source: 'timeout', text: 'no answer within 30 s' },
      { source: 'http', status: 503, text: 'HTTP 503' },
      ...SOAP_FAULTS.map((r) => ({ source: 'fault' as const, text: r.faultString })),
      ...VOUCHER_ERRORS.map((r) => ({ source: 'voucher' as const, text: r.error })),
      { source: 'http', status: 404, text: 'HTTP 404' },
      { source: 'protocol', text: 'no OrderNumber' },
    ];
    const reached = new Set(facts.map((f) => FAULT_RULES.findIndex((r) => r.matches(f))));
    expect([...reached].sort((a, b) => a - b)).toEqual(FAULT_RULES.map((_, i) => i));
  });

  it('an HTTP 4xx and an unreadable answer wait for a person', () => {
    expect(classifyFault({ source: 'http', status: 404, text: 'HTTP 404' })).toMatchObject({ code: 'AGRESSO_REFUSED', class: 'permanent' });
    expect(classifyFault({ source: 'protocol', text: 'no OrderNumber' })).toMatchObject({ code: 'AGRESSO_ANSWER_UNREADABLE', class: 'permanent' });
  });
});
