import { z } from 'zod';
import { Product, ProductGroup } from './catalog';
import { Id, IsoDateTime, Role } from './common';
import { Customer } from './customers';
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
} as const;

// Enrolment: a one-time code typed at the register is exchanged for a long-lived register token.
export const EnrolRequest = z.object({
  code: z.string().trim().min(6).max(16),
  clientVersion: z.string().max(40),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  registerId: Id,
  registerName: z.string(),
  costCentre: z.object({ code: z.string(), name: z.string() }),
  /** Shown once; the server keeps only its hash. Sent as `Authorization: Bearer <token>`. */
  token: z.string(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

// Push: the register's outbox, in order. Every event gets its own answer.
export const PushRequest = z.object({
  batchId: Id,
  events: z.array(SyncEvent).min(1).max(500),
  /** Events still waiting in the register's outbox after this batch, for head office's overview. */
  backlog: z.int().min(0),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushEventResult = z.object({
  id: Id,
  status: z.enum(['applied', 'duplicate', 'rejected']),
  reason: z.object({ code: z.string(), message: z.string() }).optional(),
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
  id: z.string(),
  code: z.string(),
  rateBp: z.int(),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
});
export const PaymentMethodRecord = z.object({
  id: z.enum(['cash', 'card', 'invoice']),
  name: z.string(),
  enabled: z.boolean(),
});
export const RegisterUserRecord = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  /** scrypt hash in the register's format; the PIN itself never leaves head office. */
  pinHash: z.string(),
  active: z.boolean(),
});
export const SettingRecord = z.object({ key: z.string(), value: z.unknown() });
/** Head office's seller as a register prints it on a delivery note; the rest stays at head office. */
export const SellerRecord = z.object({ name: z.string(), orgNumber: z.string() });
/** A cost centre (a store or unit); a register prints its own one's name and address. */
export const CostCentreRecord = z.object({ code: z.string(), name: z.string(), address: z.string().nullable() });

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

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Pass back as `cursor` for the next page; store it in the same transaction as the page. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// Customer-number blocks, leased to one register, never overlapping, never reused.
export const LeaseNumbersRequest = z.object({ size: z.int().min(10).max(10_000).default(1_000) });
export const LeaseNumbersResponse = z.object({
  block: z.object({ id: Id, firstNumber: z.int(), lastNumber: z.int() }),
});
export type LeaseNumbersResponse = z.infer<typeof LeaseNumbersResponse>;
