import { z } from 'zod';
import { Product, ProductGroup } from './catalog';
import { Count, Id, IsoDateTime, MultilineText, Role, Text } from './common';
import { RecordKey } from './catalog';
import { Customer } from './customers';
import { SettingRecord } from './settings';
import { SyncEvent } from './sync-events';

/**
 * The register ↔ server sync contract. Every request carries the protocol version in the
 * `nota-protocol` header; a server that does not speak it answers 426 with code
 * PROTOCOL_UNSUPPORTED and a message telling the register to update.
 */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'nota-protocol';

export const SYNC_ROUTES = {
  enrol: '/api/sync/enrol',
  push: '/api/sync/push',
  pull: '/api/sync/pull',
  leaseNumbers: '/api/sync/customer-numbers/lease',
  setAside: '/api/sync/set-aside',
} as const;

// Enrolment: a one-time code typed at the register is exchanged for a long-lived register token.
export const EnrolRequest = z.object({
  code: Text(16).trim().min(6),
  clientVersion: Text(40),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  registerId: Id,
  registerName: Text(100),
  costCentre: z.object({ code: Text(20), name: Text(100) }),
  /** Shown once; the server keeps only its hash. Sent as `Authorization: Bearer <token>`. */
  token: Text(200).min(1),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

// Push: the register's outbox, in order. Every event gets its own answer.
export const PushRequest = z.object({
  batchId: Id,
  events: z.array(SyncEvent).min(1).max(500),
  /** Events still waiting in the register's outbox after this batch, for head office's overview. */
  backlog: Count,
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * The push body as the server reads it. Each event is checked against SyncEvent on its own, so an
 * event the contract refuses is rejected with its reason while the rest of the batch is applied: a
 * register that queued such an event (say, before an upgrade tightened the contract) is never stuck.
 */
export const PushEnvelope = PushRequest.extend({
  events: z
    .array(z.looseObject({ id: Id }).meta({ description: 'A SyncEvent (customer.created, customer.updated or sale.completed).' }))
    .min(1)
    .max(500),
});
export type PushEnvelope = z.infer<typeof PushEnvelope>;

export const PushEventResult = z.object({
  id: Id,
  status: z.enum(['applied', 'duplicate', 'rejected']),
  reason: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).optional(),
});
export type PushEventResult = z.infer<typeof PushEventResult>;

export const PushResponse = z.object({
  results: z.array(PushEventResult),
  serverTime: IsoDateTime,
});
export type PushResponse = z.infer<typeof PushResponse>;

// Pull: a change feed of what registers need, latest state per record, ordered by a monotonic cursor.
export const PullQuery = z.object({
  /** Opaque; '0' for a register that has nothing yet. */
  cursor: z.string().regex(/^\d{1,19}$/).default('0'),
  limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const VatRateRecord = z.object({
  id: RecordKey(100),
  code: RecordKey(20),
  rateBp: z.int().min(0).max(10_000),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
});
export const PaymentMethodRecord = z.object({
  id: z.enum(['cash', 'card', 'invoice']),
  name: Text(100),
  enabled: z.boolean(),
});
export const RegisterUserRecord = z.object({
  id: RecordKey(100),
  name: Text(100),
  role: Role,
  /** scrypt hash in the register's format; the PIN itself never leaves head office. */
  pinHash: Text(500),
  active: z.boolean(),
});
/** Head office's seller as a register prints it on a delivery note; the rest stays at head office. */
export const SellerRecord = z.object({ name: Text(200), orgNumber: Text(20) });
/** A cost centre (a store or unit); a register prints its own one's name and address. */
export const CostCentreRecord = z.object({ code: RecordKey(20), name: Text(100), address: Text(200).nullable() });

export const Change = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('customer'), data: Customer }),
  z.object({ entity: z.literal('product'), data: Product }),
  z.object({ entity: z.literal('product_group'), data: ProductGroup }),
  z.object({ entity: z.literal('vat_rate'), data: VatRateRecord }),
  z.object({ entity: z.literal('payment_method'), data: PaymentMethodRecord }),
  z.object({ entity: z.literal('register_user'), data: RegisterUserRecord }),
  z.object({ entity: z.literal('setting'), data: SettingRecord }),
  z.object({ entity: z.literal('seller'), data: SellerRecord }),
  z.object({ entity: z.literal('cost_centre'), data: CostCentreRecord }),
]);
export type Change = z.infer<typeof Change>;
export type ChangeEntity = Change['entity'];

/**
 * A change as it travels. The register checks each one against Change on its own: a record it cannot
 * read or store is set aside with its reason while the rest of the page applies and the cursor moves on.
 */
export const ChangeRecord = z.looseObject({ entity: z.string(), data: z.unknown() }).meta({ description: 'A Change.' });

export const PullResponse = z.object({
  changes: z.array(ChangeRecord),
  /** Pass back as `cursor` for the next page; store it in the same transaction as the page. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// Customer-number blocks, leased to one register, never overlapping, never reused.
export const LeaseNumbersRequest = z.object({ size: z.int().min(10).max(10_000).default(1_000) });
export const LeaseNumbersResponse = z.object({
  block: z.object({ id: Id, firstNumber: Count, lastNumber: Count }),
});
export type LeaseNumbersResponse = z.infer<typeof LeaseNumbersResponse>;

// Set-aside changes: records of the change feed a register could not apply, reported to head office.
export const SetAsideChange = z.object({
  /** Made by the register when it set the record aside; a report sent twice is stored once. */
  id: Id,
  entity: Text(40),
  /** The record's id or key, when the register could read it. */
  recordId: Text(200).nullable(),
  reason: MultilineText(2_000),
  setAsideAt: IsoDateTime,
});
export type SetAsideChange = z.infer<typeof SetAsideChange>;

export const SetAsideReport = z.object({ changes: z.array(SetAsideChange).min(1).max(500) });
export type SetAsideReport = z.infer<typeof SetAsideReport>;
export const SetAsideReportResponse = z.object({ received: Count });
