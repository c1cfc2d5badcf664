import { describe, expect, it } from 'vitest';
import { backofficeEn } from './en';
import { backofficeSv } from './sv';
import { createBackofficeI18n, explain } from '.';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));
}

describe('the back office’s texts', () => {
  it('has every text in both languages', () => {
    expect(keys(backofficeEn).sort()).toEqual(keys(backofficeSv).sort());
  });

  it('explains its own error codes, then the shared ones, then falls back to the server’s message', () => {
    const i18n = createBackofficeI18n('sv');
    expect(explain(i18n.t, { code: 'INVALID_CREDENTIALS', message: 'x' })).toBe('Fel användarnamn eller lösenord.');
    expect(explain(i18n.t, { code: 'INVALID_EMAIL', message: 'x' })).toBe('Ogiltig e-postadress.');
    expect(explain(i18n.t, { code: 'SOMETHING_NEW', message: 'The server’s words.' })).toBe('The server’s words.');
  });
});
