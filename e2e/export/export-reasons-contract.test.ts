import { FAULT_RULES } from '@nota/agresso';
import { describe, expect, it } from 'vitest';
import { backofficeEn } from '../../apps/backoffice/src/i18n/en';
import { backofficeSv } from '../../apps/backoffice/src/i18n/sv';

/**
 * The back office words an export's failure from its code (the server's sentence is English), so every
 * code Business World's fault table can give must have its Swedish and English text there. A rule added
 * to the table without them fails here instead of showing English to a Swedish bookkeeper.
 */
describe('every Agresso fault code has its words in the back office', () => {
  it.each([
    ['sv', backofficeSv.exportError],
    ['en', backofficeEn.exportError],
  ] as const)('%s', (_language, texts) => {
    const codes = [...new Set(FAULT_RULES.map((rule) => rule.code))];
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !(code in texts) || (texts as Record<string, string>)[code]!.trim() === '')).toEqual([]);
  });
});
