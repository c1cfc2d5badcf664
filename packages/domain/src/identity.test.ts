import { describe, expect, it } from 'vitest';
import { digitsOnly, parseIdentityNumber } from './identity';

// Check digits below were recomputed by hand with Luhn (SE) and MOD11 weights 3,2,7,6,5,4,3,2 (NO).
describe('parseIdentityNumber, Sweden', () => {
  it('accepts real organisationsnummer in their usual spellings', () => {
    const volvo = { ok: true, country: 'SE', kind: 'organisation', normalized: '556036-0793', digits: '5560360793' };
    for (const input of ['556036-0793', '5560360793', '16556036-0793', '165560360793', ' 556036 0793 ']) {
      expect(parseIdentityNumber(input, 'SE')).toEqual(volvo);
    }
    expect(parseIdentityNumber('202100-6255', 'SE')).toMatchObject({ ok: true, kind: 'organisation', normalized: '202100-6255' });
  });

  it('rejects a bad check digit with a message saying so', () => {
    expect(parseIdentityNumber('556036-0794', 'SE')).toEqual({
      ok: false,
      code: 'INVALID_ORG_NUMBER',
      message: '556036-0794 is not a valid Swedish organisation number (check digit)',
    });
  });

  it('tells wrong length, bad characters and bad layout apart', () => {
    const message = (input: string) => {
      const r = parseIdentityNumber(input, 'SE');
      return r.ok ? 'ok' : r.message;
    };
    expect(message('556036-079')).toMatch(/9 digits/);
    expect(message('SE556036-0793')).toMatch(/characters/);
    expect(message('5560-360793')).toMatch(/NNNNNN-NNNN/);
    expect(message('556036+0793')).toMatch(/'\+' is only used in personnummer/);
    expect(message('')).toMatch(/empty/);
  });

  it('accepts personnummer of sole traders and normalizes to 12 digits', () => {
    const person = { ok: true, country: 'SE', kind: 'person', normalized: '19811218-9876', digits: '198112189876' };
    for (const input of ['19811218-9876', '811218-9876', '8112189876', '198112189876', '19811218 9876']) {
      expect(parseIdentityNumber(input, 'SE')).toEqual(person);
    }
  });

  it("reads '+' as born more than 100 years ago", () => {
    expect(parseIdentityNumber('811218+9876', 'SE')).toMatchObject({ ok: true, normalized: '18811218-9876' });
  });

  it('accepts samordningsnummer (day + 60)', () => {
    expect(parseIdentityNumber('811278-9873', 'SE')).toMatchObject({ ok: true, kind: 'person', normalized: '19811278-9873' });
  });

  it('rejects personnummer with a bad check digit or an impossible date', () => {
    expect(parseIdentityNumber('811218-9877', 'SE')).toMatchObject({ ok: false, message: expect.stringMatching(/personnummer \(check digit\)/) });
    // Luhn is right (…2) but 30 February does not exist.
    expect(parseIdentityNumber('810230-9872', 'SE')).toMatchObject({ ok: false, message: expect.stringMatching(/birth date/) });
  });
});

describe('parseIdentityNumber, Norway', () => {
  it('accepts real organisasjonsnummer, with or without spaces', () => {
    expect(parseIdentityNumber('923609016', 'NO')).toEqual({
      ok: true,
      country: 'NO',
      kind: 'organisation',
      normalized: '923609016',
      digits: '923609016',
    });
    expect(parseIdentityNumber('923 609 016', 'NO')).toMatchObject({ ok: true, normalized: '923609016' });
    expect(parseIdentityNumber('974760673', 'NO')).toMatchObject({ ok: true });
  });

  it('tells check digit, length and characters apart', () => {
    expect(parseIdentityNumber('923609017', 'NO')).toMatchObject({ ok: false, message: expect.stringMatching(/check digit/) });
    expect(parseIdentityNumber('92360901', 'NO')).toMatchObject({ ok: false, message: expect.stringMatching(/8 digits/) });
    expect(parseIdentityNumber('923-609-016', 'NO')).toMatchObject({ ok: false, message: expect.stringMatching(/characters/) });
  });

  it('does not accept a Swedish number as Norwegian or vice versa', () => {
    expect(parseIdentityNumber('556036-0793', 'NO').ok).toBe(false);
    expect(parseIdentityNumber('923609016', 'SE').ok).toBe(false);
  });
});

describe('digitsOnly', () => {
  it('drops everything but digits', () => {
    expect(digitsOnly(' 556036-0793 ')).toBe('5560360793');
    expect(digitsOnly('+46 (0)31')).toBe('46031');
  });
});
