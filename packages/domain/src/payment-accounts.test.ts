import { describe, expect, it } from 'vitest';
import { isCountryCode } from './countries';
import { isValidBankgiro, isValidBic, isValidIban, isValidPlusgiro } from './payment-accounts';

describe('payment accounts', () => {
  it('checks a bankgiro number by its Luhn digit and its written form', () => {
    expect(isValidBankgiro('5050-1055')).toBe(true);
    expect(isValidBankgiro('50501055')).toBe(true);
    expect(isValidBankgiro('991-2346')).toBe(true);
    expect(isValidBankgiro('5050-1056')).toBe(false);
    expect(isValidBankgiro('12-34')).toBe(false);
    expect(isValidBankgiro('5050 1055 1')).toBe(false);
    expect(isValidBankgiro('505O-1055')).toBe(false);
  });

  it('checks a plusgiro number written with or without spaces and dash', () => {
    expect(isValidPlusgiro('4 12 34-6')).toBe(true);
    expect(isValidPlusgiro('4123 46')).toBe(true);
    expect(isValidPlusgiro('90 02 0-9')).toBe(true);
    expect(isValidPlusgiro('4 12 34-5')).toBe(false);
    expect(isValidPlusgiro('1')).toBe(false);
    expect(isValidPlusgiro('123456789-7')).toBe(false);
  });

  it('checks an IBAN by country length and mod 97, printed or electronic', () => {
    expect(isValidIban('SE4550000000058398257466')).toBe(true);
    expect(isValidIban('SE45 5000 0000 0583 9825 7466')).toBe(true);
    expect(isValidIban('NO9386011117947')).toBe(true);
    expect(isValidIban('SE4550000000058398257467')).toBe(false);
    expect(isValidIban('SE455000000005839825746')).toBe(false);
    expect(isValidIban('XX4550000000058398257466')).toBe(false);
    expect(isValidIban('SE45-5000-0000-0583-9825-7466')).toBe(false);
  });

  it('checks a BIC', () => {
    expect(isValidBic('ESSESESS')).toBe(true);
    expect(isValidBic('DNBANOKKXXX')).toBe(true);
    expect(isValidBic('ESSE')).toBe(false);
    expect(isValidBic('ESSEXXSS')).toBe(false);
  });

  it('knows ISO 3166 country codes, not just any two capitals', () => {
    expect(isCountryCode('SE')).toBe(true);
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('se')).toBe(false);
    expect(isCountryCode('SWE')).toBe(false);
  });
});
