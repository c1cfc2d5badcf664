import type { AgressoLink } from './export-setup';

/** One row of Agresso's confirmation template: a voucher of a batch, posted (P) or in batch input (E). */
export type AgressoRow = Record<string, string>;

/** What the confirmation template knows of a batch: one row per voucher GL07 has run. */
export function batchRows(link: AgressoLink, batchId: string): Promise<AgressoRow[]> {
  return link.client.getTemplateResult({ templateId: link.connection.confirmationTemplateId, criteria: [{ column: 'batch_id', value: batchId }] });
}

/** The distinct orders a batch arrived with: more than one means it was received more than once. */
export function orderNumbers(rows: readonly AgressoRow[]): number[] {
  return [...new Set(rows.map((r) => Number(r.order_id)).filter((n) => Number.isSafeInteger(n) && n > 0))];
}

export const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** A time as the back office shows it in a sentence: 12:03:07 UTC. */
export const clock = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;
