import type { ExportView as ExportViewSchema } from '@nota/protocol';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { formatFor } from '../components/format';
import { createBackofficeI18n } from '../i18n';
import { exportReason, exportStatusText, hasOwnReason } from './export-status';

type ExportView = z.infer<typeof ExportViewSchema>;

const base: ExportView = {
  state: 'pending',
  status: 'server words',
  batch: null,
  batchId: null,
  attempts: 0,
  nextAttemptAt: '2026-11-27T10:05:00.000Z',
  orderNumber: null,
  voucherNo: null,
  apArNo: null,
  error: null,
  sentAt: null,
  confirmedAt: null,
  updatedAt: '2026-11-27T10:00:00.000Z',
};
const batch: NonNullable<ExportView['batch']> = {
  number: 7,
  batchId: 'NOTA-7',
  state: 'preparing',
  vouchers: 12,
  orderNumber: null,
  sendStartedAt: null,
  sentAt: null,
  doneAt: null,
  nextAttemptAt: '2026-11-27T10:07:00.000Z',
  note: null,
  error: null,
  createdAt: '2026-11-27T10:00:00.000Z',
};

function swedish() {
  const i18n = createBackofficeI18n('sv');
  return { t: i18n.t.bind(i18n), format: formatFor('sv') };
}

describe('an export status in the bookkeeper’s language', () => {
  it('says each state from the facts, not from the server’s English sentence', () => {
    const { t, format } = swedish();
    const text = (ex: Partial<ExportView>) => exportStatusText(t, format, { ...base, ...ex });
    expect(text({})).toBe('Väntar på att samlas i en omgång till Agresso.');
    expect(text({ state: 'batched', batch })).toBe('I omgång 7: skickas till Agresso.');
    expect(text({ state: 'sent', batch: { ...batch, state: 'sent' }, sentAt: '2026-11-27T10:01:00.000Z', orderNumber: 5501 })).toBe(
      `Skickad ${format.dateTime('2026-11-27T10:01:00.000Z')} i omgång 7, GL07-order 5501: väntar på att Agresso bokför den.`,
    );
    expect(text({ state: 'confirmed', voucherNo: '900123', orderNumber: 5501 })).toBe('Bokförd i Agresso som verifikation 900123 (GL07-order 5501).');
    const failed = text({ state: 'failed', error: { code: 'AGRESSO_UNKNOWN_ACCOUNT', message: 'Agresso does not accept an account (account 3001 is closed).', permanent: true } });
    expect(failed).toMatch(/^Väntar på en person: Agresso godtar inte ett konto/);
    expect(failed).not.toContain('server words');
  });

  it('tells a lost answer apart from a batch that is simply being sent, with when Agresso is asked', () => {
    const { t, format } = swedish();
    const lost = exportStatusText(t, format, { ...base, state: 'batched', batch: { ...batch, sendStartedAt: '2026-11-27T10:03:00.000Z', note: 'Sent at 10:03:00 UTC, answer lost' } });
    expect(lost).toBe(
      `I omgång 7: skickad ${format.dateTime('2026-11-27T10:03:00.000Z')}, men svaret kom bort. Nota frågar Agresso ${format.dateTime(batch.nextAttemptAt!)} och skickar aldrig något två gånger.`,
    );
    const retrying = exportStatusText(t, format, { ...base, state: 'batched', batch: { ...batch, error: { code: 'AGRESSO_BUSY', message: 'deadlock' } } });
    expect(retrying).toMatch(/^I omgång 7, försöker igen av sig själv: Agressos databas var upptagen/);
  });

  it('falls back to the server’s own words for a code the page does not know, and says so', () => {
    const { t } = swedish();
    const unknown = { code: 'SOMETHING_NEW', message: 'A brand new refusal.' };
    expect(exportReason(t, unknown)).toBe('A brand new refusal.');
    expect(hasOwnReason(t, unknown)).toBe(false);
    expect(hasOwnReason(t, { code: 'AGRESSO_BUSY' })).toBe(true);
  });

});
