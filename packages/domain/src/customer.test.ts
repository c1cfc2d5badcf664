import { describe, expect, it } from 'vitest';
import { isInvoiceable, validateCustomer, type CustomerInput } from './customer';

const volvo = (over: Partial<CustomerInput> = {}): CustomerInput => ({
  active: true,
  internal: false,
  name: 'Volvo Personvagnar AB',
  orgNumber: '5560360793',
  country: 'SE',
  street: 'Gunnar Engellaus väg 8',
  postalCode: '40531',
  city: 'Göteborg',
  email: 'faktura@volvo.example.com',
  phone: '+46 31-59 00 00',
  invoicingEnabled: true,
  ...over,
});

const errorsOf = (input: CustomerInput) => {
  const r = validateCustomer(input);
  return r.ok ? [] : r.errors;
};
const fieldsOf = (input: CustomerInput) => errorsOf(input).map((e) => `${e.field}:${e.code}`);

describe('validateCustomer', () => {
  it('accepts a complete customer and normalizes it', () => {
    expect(validateCustomer(volvo({ name: '  Volvo Personvagnar AB ', purchaseInstruction: '   ' }))).toEqual({
      ok: true,
      value: {
        active: true,
        internal: false,
        externalId: null,
        name: 'Volvo Personvagnar AB',
        orgNumber: '556036-0793',
        orgDigits: '5560360793',
        country: 'SE',
        street: 'Gunnar Engellaus väg 8',
        postalCode: '405 31',
        city: 'Göteborg',
        billingCountry: 'SE',
        email: 'faktura@volvo.example.com',
        phone: '+46 31-59 00 00',
        invoicingEnabled: true,
        purchaseInstruction: null,
      },
    });
  });

  it('collects every missing field of a non-internal customer at once', () => {
    expect(fieldsOf(volvo({ street: '  ', postalCode: null, city: undefined, email: '' }))).toEqual([
      'street:REQUIRED',
      'postalCode:REQUIRED',
      'city:REQUIRED',
      'email:REQUIRED',
    ]);
    expect(fieldsOf(volvo({ name: ' ', orgNumber: '' }))).toEqual(['name:REQUIRED', 'orgNumber:REQUIRED']);
  });

  it('lets an internal customer get by with name, orgNumber and externalId', () => {
    const r = validateCustomer({
      active: true,
      internal: true,
      externalId: ' 100234 ',
      name: 'Equinor ASA',
      orgNumber: '923 609 016',
      country: 'NO',
      invoicingEnabled: true,
    });
    expect(r).toMatchObject({ ok: true, value: { externalId: '100234', orgNumber: '923609016', billingCountry: 'NO', street: null, email: null } });
  });

  it('requires externalId for an internal customer but still validates optional fields', () => {
    expect(fieldsOf(volvo({ internal: true, externalId: null }))).toEqual(['externalId:REQUIRED']);
    expect(fieldsOf(volvo({ internal: true, externalId: 'X1', email: 'not-an-email', street: null }))).toEqual(['email:INVALID_EMAIL']);
  });

  it('explains an invalid organisation number, prefixed with the field', () => {
    expect(errorsOf(volvo({ orgNumber: '556036-0794' }))).toEqual([
      {
        field: 'orgNumber',
        code: 'INVALID_ORG_NUMBER',
        message: 'orgNumber: 556036-0794 is not a valid Swedish organisation number (check digit)',
      },
    ]);
    expect(fieldsOf(volvo({ orgNumber: '923609016' }))).toEqual(['orgNumber:INVALID_ORG_NUMBER']);
  });

  it('validates postal codes by billing country', () => {
    expect(fieldsOf(volvo({ postalCode: '405 31' }))).toEqual([]);
    expect(fieldsOf(volvo({ postalCode: '4053' }))).toEqual(['postalCode:INVALID_POSTAL_CODE']);
    expect(fieldsOf(volvo({ postalCode: '012 34' }))).toEqual(['postalCode:INVALID_POSTAL_CODE']);
    expect(fieldsOf(volvo({ billingCountry: 'NO', postalCode: '0150' }))).toEqual([]);
    expect(fieldsOf(volvo({ billingCountry: 'NO', postalCode: '01500' }))).toEqual(['postalCode:INVALID_POSTAL_CODE']);
    const de = validateCustomer(volvo({ billingCountry: 'de', postalCode: '10115' }));
    expect(de).toMatchObject({ ok: true, value: { billingCountry: 'DE', postalCode: '10115' } });
    expect(fieldsOf(volvo({ billingCountry: 'DE', postalCode: 'X' }))).toEqual(['postalCode:INVALID_POSTAL_CODE']);
    expect(fieldsOf(volvo({ billingCountry: 'Sweden' }))).toEqual(['billingCountry:INVALID']);
  });

  it('accepts plausible emails only', () => {
    for (const email of ['a@b.se', 'first.last+tag@sub.example.co.uk']) expect(fieldsOf(volvo({ email }))).toEqual([]);
    for (const email of ['a@b', 'a@@b.se', 'a@b@c.se', 'a b@c.se', '@b.se', 'a@.se', 'a@b.']) {
      expect(fieldsOf(volvo({ email }))).toEqual(['email:INVALID_EMAIL']);
    }
  });

  it('accepts phone numbers of 6-20 digits with the usual punctuation', () => {
    for (const phone of ['+46 (0)31-59 00 00', '123456', '1'.repeat(20), null]) expect(fieldsOf(volvo({ phone }))).toEqual([]);
    for (const phone of ['12345', '1'.repeat(21), '031-59 00 00 ext 5', 'abc123456']) {
      expect(fieldsOf(volvo({ phone }))).toEqual(['phone:INVALID_PHONE']);
    }
  });

  it('enforces maximum lengths at their bounds', () => {
    expect(fieldsOf(volvo({ name: 'x'.repeat(200) }))).toEqual([]);
    expect(fieldsOf(volvo({ name: 'x'.repeat(201) }))).toEqual(['name:INVALID']);
    expect(fieldsOf(volvo({ externalId: 'x'.repeat(50) }))).toEqual([]);
    expect(fieldsOf(volvo({ externalId: 'x'.repeat(51) }))).toEqual(['externalId:INVALID']);
    expect(fieldsOf(volvo({ purchaseInstruction: 'x'.repeat(500) }))).toEqual([]);
    expect(fieldsOf(volvo({ purchaseInstruction: 'x'.repeat(501) }))).toEqual(['purchaseInstruction:INVALID']);
  });

  it('starts every message with its field name', () => {
    const errors = errorsOf(volvo({ name: '', orgNumber: 'abc', street: null, email: 'x', phone: '1', billingCountry: 'XXX' }));
    expect(errors.length).toBe(6);
    for (const e of errors) expect(e.message.startsWith(`${e.field}: `)).toBe(true);
  });
});

describe('isInvoiceable', () => {
  it('needs both active and invoicing enabled', () => {
    expect(isInvoiceable({ active: true, invoicingEnabled: true })).toBe(true);
    expect(isInvoiceable({ active: false, invoicingEnabled: true })).toBe(false);
    expect(isInvoiceable({ active: true, invoicingEnabled: false })).toBe(false);
  });
});
