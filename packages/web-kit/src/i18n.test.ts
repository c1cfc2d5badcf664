import { describe, expect, it } from 'vitest';
import { createI18n, errorText, fieldErrors } from './i18n';
import { commonEn } from './texts/common.en';
import { commonSv } from './texts/common.sv';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));
}

describe('i18n', () => {
  const app = { sv: { app: { hello: 'Hej {{name}}' } }, en: { app: { hello: 'Hello {{name}}' } } };

  it('has every shared text in both languages', () => {
    expect(keys(commonEn).sort()).toEqual(keys(commonSv).sort());
    for (const key of keys(commonEn)) expect(key).not.toBe('');
  });

  it('starts in Swedish, switches language, and finds common texts from the app namespace', async () => {
    const i18n = createI18n({ app, defaultNS: 'app' });
    expect(i18n.t('hello', { name: 'Åsa & co' })).toBe('Hej Åsa & co');
    expect(i18n.t('action.save')).toBe('Spara');
    await i18n.changeLanguage('en');
    expect(i18n.t('hello', { name: 'Ann' })).toBe('Hello Ann');
    expect(i18n.t('common:action.save')).toBe('Save');
  });

  it('explains an error by its code, and falls back to the core’s message for codes it does not know', () => {
    const i18n = createI18n({ app, defaultNS: 'app', language: 'en' });
    expect(errorText(i18n.t, { code: 'WRONG_PIN', message: 'Wrong user or PIN.' })).toBe('Wrong user or PIN.');
    expect(errorText(i18n.t, { code: 'PRINTER_PAPER_OUT', message: 'x' })).toBe('The printer is out of paper.');
    expect(errorText(i18n.t, { code: 'SOMETHING_NEW', message: 'A new refusal.' })).toBe('A new refusal.');
    expect(errorText(i18n.t, { code: 'SOMETHING_NEW', message: '' })).toBe('Something went wrong.');
  });

  it('gathers field errors by field, the first one per field winning', () => {
    const errors = fieldErrors({
      code: 'VALIDATION',
      message: 'bad',
      field: 'name',
      details: [
        { field: 'name', code: 'REQUIRED', message: 'name: is required' },
        { field: 'email', code: 'INVALID_EMAIL', message: 'email: bad' },
        { field: 'email', code: 'REQUIRED', message: 'email: second' },
      ],
    });
    expect(errors).toEqual({
      name: { code: 'REQUIRED', message: 'name: is required' },
      email: { code: 'INVALID_EMAIL', message: 'email: bad' },
    });
    expect(fieldErrors({ code: 'WRONG_PIN', message: 'x', field: 'pin' })).toEqual({ pin: { code: 'WRONG_PIN', message: 'x' } });
  });
});
