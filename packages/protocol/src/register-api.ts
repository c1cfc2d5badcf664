import { z } from 'zod';
import { Product, ProductGroup, RecordKey } from './catalog';
import { Count, Country, Id, IsoDateTime, MultilineText, Ore, Role, Text } from './common';
import { Customer, CustomerInput, CustomerSummary } from './customers';
import { PaymentMethodId } from './head-office/payment-methods';
import { CompleteSaleRequest, Sale, SaleLineInput } from './sales';

/**
 * The register's handler map: every operation the register UI can ask of the headless core.
 * The Electron preload and the browser shell's local host both serve exactly this map, so the
 * renderer cannot tell them apart. Each entry is validated on the way in.
 */
export const RegisterUser = z.object({ id: RecordKey(100), name: Text(100), role: Role });
export type RegisterUser = z.infer<typeof RegisterUser>;

export const RegisterSettings = z.object({
  registerId: RecordKey(100),
  registerName: Text(100),
  // Head office's, from the pull (the register's cost centre, the seller); null until it brings them.
  storeName: Text(100).nullable(),
  companyName: Text(200).nullable(),
  companyOrgNumber: Text(20).nullable(),
  storeAddress: MultilineText(300).nullable(),
  country: Country,
  language: z.enum(['sv', 'en']),
  printerUrl: Text(300).nullable(),
  printerTimeoutMs: z.int().min(500).max(30_000),
  /** Ask the printer for paper and status before each note; off for printers that never answer. */
  printerStatusCheck: z.boolean(),
  deliveryNoteShowPrices: z.boolean(),
  /** Lowest role allowed to create and edit customers at the register. */
  customerEditRole: Role,
});
export type RegisterSettings = z.infer<typeof RegisterSettings>;

const empty = z.object({});

/** The ways to pay this register offers: what head office has active at its cost centre, as the last pull brought it. */
export const EnabledPaymentMethods = z.object({ methods: z.array(PaymentMethodId) });
export type EnabledPaymentMethods = z.infer<typeof EnabledPaymentMethods>;

export const SyncStatus = z.object({
  state: z.enum(['not-enrolled', 'idle', 'syncing', 'offline', 'refused']),
  serverUrl: z.string().nullable(),
  pending: z.int(),
  rejected: z.int(),
  /** Records of the server's change feed this register could not apply (see sync/set-aside). */
  setAside: z.int(),
  oldestPendingAt: IsoDateTime.nullable(),
  lastSyncAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const PricedLine = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.int(),
  unitPriceOre: Ore,
  listOre: Ore,
  discountOre: Ore,
  grossOre: Ore,
  vatRateBp: z.int(),
  vatOre: Ore,
  netOre: Ore,
});

const CartPrice = z.object({
  lines: z.array(PricedLine),
  totalOre: Ore,
  vatOre: Ore,
  netOre: Ore,
  discountOre: Ore,
  vatSummary: z.array(z.object({ rateBp: z.int(), grossOre: Ore, netOre: Ore, vatOre: Ore })),
});

export const registerApi = {
  'session/users': {
    request: empty,
    response: z.object({ users: z.array(RegisterUser) }),
  },
  'session/sign-in': {
    request: z.object({ userId: RecordKey(100), pin: z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits') }),
    response: z.object({ user: RegisterUser }),
  },
  'session/sign-out': { request: empty, response: empty },
  'session/current': {
    request: empty,
    response: z.object({ user: RegisterUser.nullable() }),
  },
  'settings/get': { request: empty, response: RegisterSettings },
  'settings/update': {
    request: RegisterSettings.omit({ registerId: true, storeName: true, companyName: true, companyOrgNumber: true, storeAddress: true }).partial(),
    response: RegisterSettings,
  },
  'catalog/search': {
    request: z.object({ query: Text(100), limit: z.int().min(1).max(100).optional() }),
    response: z.object({ products: z.array(Product) }),
  },
  'catalog/barcode': {
    request: z.object({ barcode: Text(64).min(1) }),
    response: z.object({ product: Product }),
  },
  /** The quick-pick grid: every product group with its first products by name. */
  'catalog/groups': {
    request: z.object({ perGroup: z.int().min(1).max(100).optional() }),
    response: z.object({ groups: z.array(ProductGroup.extend({ products: z.array(Product) })) }),
  },
  'cart/price': {
    request: z.object({
      lines: z.array(SaleLineInput).max(500),
    }),
    response: CartPrice,
  },
  /**
   * A scan in one call: the product with this barcode, added to `lines` (the cart as it stands) by the
   * till's rule (`addToCart` in the domain), and that cart priced. `price` is null when the cart
   * cannot be priced as it stands (a product in it was withdrawn); `cart/price` then says why.
   */
  'cart/scan': {
    request: z.object({ barcode: Text(64).min(1), lines: z.array(SaleLineInput).max(499) }),
    response: z.object({ product: Product, price: CartPrice.nullable() }),
  },
  /**
   * A page of the customers matching the query. `nextCursor` asks for the page after this one (keyset
   * paging: as quick deep in a million customers as at the top); null when there is no more.
   */
  'customers/search': {
    request: z.object({
      query: Text(100),
      includeInactive: z.boolean().optional(),
      limit: z.int().min(1).max(100).optional(),
      cursor: Text(1000).nullish(),
    }),
    response: z.object({ customers: z.array(CustomerSummary), nextCursor: z.string().nullable() }),
  },
  'customers/get': {
    request: z.object({ id: Id }),
    response: z.object({ customer: Customer }),
  },
  'customers/create': {
    request: z.object({ id: Id.optional(), customer: CustomerInput }),
    response: z.object({ customer: Customer }),
  },
  'customers/update': {
    request: z.object({ id: Id, baseVersion: Count.min(1), customer: CustomerInput }),
    response: z.object({ customer: Customer }),
  },
  'customers/numbers': {
    request: empty,
    response: z.object({ remaining: z.int(), nextNumber: z.int().nullable() }),
  },
  'sales/complete': { request: CompleteSaleRequest, response: z.object({ sale: Sale }) },
  'sales/get': { request: z.object({ id: Id }), response: z.object({ sale: Sale }) },
  'sales/recent': {
    request: z.object({ limit: z.int().min(1).max(200).optional() }),
    response: z.object({ sales: z.array(Sale) }),
  },
  'delivery-notes/print': {
    request: z.object({ saleId: Id }),
    response: z.object({ number: z.int(), copy: z.boolean(), printedAt: IsoDateTime }),
  },
  'delivery-notes/reprint': {
    request: z.object({ saleId: Id }),
    response: z.object({ number: z.int(), copy: z.boolean(), printedAt: IsoDateTime }),
  },
  /** Prints a short test page, to the address given (not yet saved) or the one in the settings. */
  'printer/test': {
    request: z.object({ printerUrl: z.string().trim().min(1).max(200).optional() }),
    response: z.object({ printedAt: IsoDateTime }),
  },
  'outbox/rejected': {
    request: z.object({ limit: z.int().min(1).max(500).optional() }),
    response: z.object({
      events: z.array(z.object({ id: Id, type: z.string(), createdAt: IsoDateTime, reason: z.string(), payload: z.unknown() })),
    }),
  },
  'sync/status': { request: empty, response: SyncStatus },
  'payment-methods/enabled': { request: empty, response: EnabledPaymentMethods },
  'sync/enrol': {
    request: z.object({ serverUrl: z.url({ protocol: /^https?$/ }).max(300), code: Text(16).trim().min(6) }),
    response: z.object({ registerId: z.string(), registerName: z.string(), costCentre: z.object({ code: z.string(), name: z.string() }) }),
  },
  'sync/now': {
    request: empty,
    response: z.object({ pushed: z.int(), rejected: z.int(), pulled: z.int(), leasedNumbers: z.int(), setAside: z.int() }),
  },
  'sync/set-aside': {
    request: z.object({ limit: z.int().min(1).max(500).optional() }),
    response: z.object({
      changes: z.array(
        z.object({
          id: Id,
          entity: z.string(),
          recordId: z.string().nullable(),
          /** Why, for the cashier's screen to word; `reason` has the details as head office gets them. */
          code: z.enum(['RECORD_INVALID', 'RECORD_NOT_STORABLE']),
          reason: z.string(),
          setAsideAt: IsoDateTime,
          /** When head office was told; null until the next sync round reaches the server. */
          reportedAt: IsoDateTime.nullable(),
          /** When a later version of the same record applied, making this one moot. */
          resolvedAt: IsoDateTime.nullable(),
          /** The record as it arrived. */
          data: z.unknown(),
        }),
      ),
    }),
  },
  'outbox/status': {
    request: empty,
    response: z.object({ pending: z.int(), rejected: z.int(), oldestPendingAt: IsoDateTime.nullable() }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type RegisterApi = typeof registerApi;
export type HandlerName = keyof RegisterApi;
export type RequestOf<K extends HandlerName> = z.input<RegisterApi[K]['request']>;
export type ResponseOf<K extends HandlerName> = z.output<RegisterApi[K]['response']>;
