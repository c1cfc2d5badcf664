import { describe, expect, it } from 'vitest';
import { TEST_SELLER } from './test-fixtures';
import { validateSeller } from './seller';
import type { SellerProfile } from './invoice';

const fieldsOf = (overrides: Partial<SellerProfile>) => {
  const result = validateSeller({ ...TEST_SELLER, ...overrides });
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe('validateSeller', () => {
  it('accepts the example seller and writes its numbers the usual way', () => {
    const result = validateSeller({ ...TEST_SELLER, orgNumber: '2120001124', vatNumber: 'se 2120001124 01', postalCode: '21118' });
    expect(result).toEqual({ ok: true, value: { ...TEST_SELLER, orgNumber: '212000-1124', vatNumber: 'SE212000112401', postalCode: '211 18' } });
  });

  it('requires the VAT number that belongs to the organisation number', () => {
    expect(fieldsOf({ vatNumber: 'SE212000112402' })).toEqual(['vatNumber:INVALID_VAT_NUMBER']);
    expect(fieldsOf({ vatNumber: 'SE556036079301' })).toEqual(['vatNumber:INVALID_VAT_NUMBER']);
    const result = validateSeller({ ...TEST_SELLER, vatNumber: '212000112401' });
    expect(result.ok ? '' : result.errors[0]!.message).toContain('that is SE212000112401');
  });

  it('refuses a wrong organisation number, without judging the VAT number against it', () => {
    expect(fieldsOf({ orgNumber: '212000-1125' })).toEqual(['orgNumber:INVALID_ORG_NUMBER']);
  });

  it('gives a Norwegian seller NO + number + MVA and Norwegian postal codes', () => {
    const norwegian = { country: 'NO' as const, orgNumber: '923609016', vatNumber: 'NO 923 609 016 MVA', postalCode: '0150' };
    expect(validateSeller({ ...TEST_SELLER, ...norwegian })).toMatchObject({ ok: true, value: { vatNumber: 'NO923609016MVA' } });
    expect(fieldsOf({ ...norwegian, vatNumber: 'NO923609016' })).toEqual(['vatNumber:INVALID_VAT_NUMBER']);
    expect(fieldsOf({ ...norwegian, postalCode: '211 18' })).toEqual(['postalCode:INVALID_POSTAL_CODE']);
  });

  it('checks every payment account and contact detail given', () => {
    expect(
      fieldsOf({ bankgiro: '5050-1056', plusgiro: '4 12 34-5', iban: 'SE4550000000058398257467', bic: 'ESSE', email: 'butik', phone: '12' }),
    ).toEqual(['email:INVALID_EMAIL', 'phone:INVALID_PHONE', 'bankgiro:INVALID_BANKGIRO', 'plusgiro:INVALID_PLUSGIRO', 'iban:INVALID_IBAN', 'bic:INVALID_BIC']);
    expect(fieldsOf({ bankgiro: null, plusgiro: '4 12 34-6', iban: null, bic: null, email: null, phone: null })).toEqual([]);
    expect(validateSeller({ ...TEST_SELLER, bic: ' ', phone: '' })).toMatchObject({ ok: true, value: { bic: null, phone: null } });
  });
});
