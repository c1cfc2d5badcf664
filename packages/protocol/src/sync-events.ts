import { z } from 'zod';
import { Customer } from './customers';
import { Count, Id, IsoDateTime, Text } from './common';
import { JournalEntry } from './journal';
import { DayReport } from './reports';
import { Sale } from './sales';

/**
 * Events a register writes to its outbox in the same transaction as the data, and later pushes to
 * the server. `v` is the event schema version: the server refuses versions it does not know.
 */
export const CustomerCreatedEvent = z.object({
  v: z.literal(1),
  id: Id,
  type: z.literal('customer.created'),
  occurredAt: IsoDateTime,
  customer: Customer,
});

export const CustomerUpdatedEvent = z.object({
  v: z.literal(1),
  id: Id,
  type: z.literal('customer.updated'),
  occurredAt: IsoDateTime,
  /** The version the edit was made on: the server merges field by field when it is stale. */
  baseVersion: Count.min(1),
  customer: Customer,
  changedFields: z.array(Text(50)).max(50),
});

export const SaleCompletedEvent = z.object({
  v: z.literal(1),
  id: Id,
  type: z.literal('sale.completed'),
  occurredAt: IsoDateTime,
  sale: Sale,
});

/** A line of the register's journal (log-ins, drawer openings, copies, reports...), kept by head office. */
export const JournalLoggedEvent = z.object({
  v: z.literal(1),
  id: Id,
  type: z.literal('journal.logged'),
  occurredAt: IsoDateTime,
  entry: JournalEntry,
});

/**
 * Norway (signing): the public half of a register's receipt-signing key, so head office can verify the
 * signatures in its SAF-T file. Only a public key fits the pattern; the private key never leaves the register.
 */
export const RegisterKeyEvent = z.object({
  v: z.literal(1),
  id: Id,
  type: z.literal('register.key'),
  occurredAt: IsoDateTime,
  keyVersion: Count.min(1),
  algorithm: z.literal('RSA-SHA1'),
  publicKeyPem: z
    .string()
    .max(1000)
    .regex(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/, 'a PEM public key (SPKI)'),
});

/** A Z report closed at the register: stored by head office once, immutable, per register and number. */
export const ZReportClosedEvent = z.object({
  v: z.literal(1),
  id: Id,
  type: z.literal('z-report.closed'),
  occurredAt: IsoDateTime,
  report: DayReport.extend({ kind: z.literal('z'), number: Count.min(1) }),
});

export const SyncEvent = z.discriminatedUnion('type', [
  CustomerCreatedEvent,
  CustomerUpdatedEvent,
  SaleCompletedEvent,
  JournalLoggedEvent,
  RegisterKeyEvent,
  ZReportClosedEvent,
]);
export type SyncEvent = z.infer<typeof SyncEvent>;
export type SyncEventType = SyncEvent['type'];
