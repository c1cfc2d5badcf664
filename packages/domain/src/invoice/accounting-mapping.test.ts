import { describe, expect, it } from 'vitest';
import { BAS_DEFAULT_MAPPING, mappingInputErrors, type AccountingMapping } from './accounting-mapping';
import { TEST_MAPPING } from './test-fixtures';

const fieldsOf = (mapping: AccountingMapping) => mappingInputErrors(mapping).map((e) => `${e.field}:${e.code}`);

describe('mappingInputErrors', () => {
  it('accepts the BAS defaults and a mapping with gaps still to fill in', () => {
    expect(fieldsOf(BAS_DEFAULT_MAPPING)).toEqual([]);
    expect(fieldsOf(TEST_MAPPING)).toEqual([]);
    expect(fieldsOf({ ...TEST_MAPPING, rounding: null, paymentMethods: { cash: '', card: null } })).toEqual([]);
  });

  it('refuses accounts that are not four digits, naming each', () => {
    const mapping: AccountingMapping = {
      ...TEST_MAPPING,
      paymentMethods: { cash: '191', card: '1580 ' },
      vatRates: TEST_MAPPING.vatRates.map((r, i) => (i === 2 ? { ...r, vatAccount: 'moms' } : r)),
      productGroups: [{ groupId: 'books', salesAccount: '30031' }],
      rounding: '3740',
      agresso: { ...TEST_MAPPING.agresso, customerLedgerAccount: '15 10' },
    };
    expect(fieldsOf(mapping)).toEqual([
      'paymentMethods.cash:INVALID_ACCOUNT',
      'paymentMethods.card:INVALID_ACCOUNT',
      'vatRates[2].vatAccount:INVALID_ACCOUNT',
      'productGroups[0].salesAccount:INVALID_ACCOUNT',
      'agresso.customerLedgerAccount:INVALID_ACCOUNT',
    ]);
  });

  it('refuses a VAT rate, product group or cost centre mapped twice, at the second entry', () => {
    const mapping: AccountingMapping = {
      ...TEST_MAPPING,
      vatRates: [...TEST_MAPPING.vatRates, { ...TEST_MAPPING.vatRates[1]! }],
      productGroups: [
        { groupId: 'books', salesAccount: '3002' },
        { groupId: 'mugs', salesAccount: null },
        { groupId: 'books', salesAccount: '3003' },
      ],
      costCentres: [
        { code: 'CC1', accountingCode: '100' },
        { code: 'CC1', accountingCode: '200' },
      ],
    };
    const errors = mappingInputErrors(mapping);
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual(['vatRates[4].rateBp:DUPLICATE', 'productGroups[2].groupId:DUPLICATE', 'costCentres[1].code:DUPLICATE']);
    expect(errors[0]!.message).toBe('vatRates[4].rateBp: VAT 12 % is mapped twice');
  });
});
