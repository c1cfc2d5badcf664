import { z } from 'zod';
import { Id } from '../common';
import { ProductGroup } from '../catalog';
import { SettingRecord } from '../settings';
import { ApiKeyView, AuditPage, AuditQuery, CreateApiKeyRequest, CreatedApiKey, CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserList, UserResponse } from './administration';
import {
  CostCentreBody,
  CostCentreList,
  CreateCustomerBody,
  CreateRegisterBody,
  CustomerConflict,
  CustomerListQuery,
  CustomerListResponse,
  CustomerResponse,
  EnrolmentCodeResponse,
  RegisterList,
  RegisterView,
  UpdateCustomerBody,
} from './admin';
import { ChangePasswordRequest, SessionInfo, SetupRequest, SignInRequest, type BackOfficeRole } from './auth';
import { ProductBody, ProductGroupList, ProductListQuery, ProductListResponse, VatRateList } from './catalog';
import { PaymentMethodActivationParams, PaymentMethodActivationResponse, PaymentMethodsResponse, SetPaymentMethodActivation } from './payment-methods';
import { CountQuery, IdParams, KeyParams, RegisterUserBody, RegisterUserView, RejectedEvent, SaleRow, SalesQuery, SetAsideChangeView, SettingBody, UuidParams } from './catalog-admin';
import {
  AccountingMappingBody,
  AgressoConnectionBody,
  AgressoConnectionView,
  AssignCustomerBody,
  BatchDetail,
  BatchesQuery,
  ConnectionTestResult,
  CustomerTermsBody,
  ExportBatchView,
  ExportRow,
  ExportsQuery,
  ExportView,
  InvoiceCount,
  InvoiceDetail,
  InvoiceListQuery,
  InvoiceListResponse,
  MappingResponse,
  PdfQuery,
  SellerProfileBody,
} from './invoicing';

/**
 * Every route of the head-office API, by group and name: the one place its method, path, shapes and roles
 * are written. The server registers each route from its entry (`routeOptions` in apps/server), the typed
 * client (`createHeadOfficeClient`) calls it, and a server test fails when the two drift apart.
 *
 * To add a route: add an entry to its group here (or a new group), then register it on the server with
 * `fastify.route({ ...routeOptions(headOffice.group.name), handler })` in a file the head-office group
 * registers. Clients get `client.group.name(args)` without more code.
 *
 * - `path` names its parameters as `:name`; `params` holds a schema with exactly those keys.
 * - `query` and `body` are the request's shapes; `response` the answer's (status 200, or `status: 204`
 *   with `NoContent`). Refusals are the shared `ApiError` at any status and are not listed here.
 * - `produces` marks an answer that is not JSON (a PDF, GL07 XML): clients link to it (`client.url`).
 * - `roles` who may call it (`PUBLIC`: anyone, registered outside the head-office guard);
 *   `sessionOnly`: a signed-in person only, not an API key.
 */

/** Every back-office role. */
export const ALL_ROLES = ['administrator', 'head-office', 'store-manager'] as const satisfies readonly BackOfficeRole[];
/** The books, customers and settings: not store managers. */
export const HEAD_OFFICE = ['administrator', 'head-office'] as const satisfies readonly BackOfficeRole[];
export const ADMINISTRATORS = ['administrator'] as const satisfies readonly BackOfficeRole[];
/** Anyone, without credentials: signing in and the first set-up. */
export const PUBLIC = [] as const satisfies readonly BackOfficeRole[];

/** The answer of a 204 route. */
export const NoContent = z.null().describe('Done');
/** A PDF or XML answer: not parsed, linked to. */
const Binary = (description: string) => z.any().describe(description);

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HeadOfficeRoute {
  readonly method: HttpMethod;
  readonly path: `/api/${string}`;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly status?: 200 | 204;
  readonly produces?: readonly string[];
  readonly roles: readonly BackOfficeRole[];
  readonly sessionOnly?: boolean;
}

const BatchParams = z.object({ number: z.coerce.number().int().min(1) });
const InvoiceAnswer = z.object({ invoice: InvoiceDetail });
// A person's own session: every role, and only with the session cookie (an API key has no session).
const own = { roles: ALL_ROLES, sessionOnly: true } as const;

export const headOffice = {
  auth: {
    /** 401 INVALID_CREDENTIALS (one message for unknown user and wrong password); 429 SIGN_IN_LOCKED with Retry-After. Sets the cookie. */
    signIn: { method: 'POST', path: '/api/auth/sign-in', body: SignInRequest, response: SessionInfo, roles: PUBLIC },
    /** With the code the first start printed; 410 SETUP_DONE once an administrator exists. */
    setup: { method: 'POST', path: '/api/auth/setup', body: SetupRequest, response: SessionInfo, roles: PUBLIC },
    session: { method: 'GET', path: '/api/auth/session', response: SessionInfo, ...own },
    signOut: { method: 'POST', path: '/api/auth/sign-out', response: NoContent, status: 204, ...own },
    signOutEverywhere: { method: 'POST', path: '/api/auth/sign-out-everywhere', response: NoContent, status: 204, ...own },
    /** The user's other sessions end. */
    changePassword: { method: 'POST', path: '/api/auth/password', body: ChangePasswordRequest, response: NoContent, status: 204, ...own },
  },
  users: {
    list: { method: 'GET', path: '/api/users', response: UserList, roles: ADMINISTRATORS },
    create: { method: 'POST', path: '/api/users', body: CreateUserRequest, response: UserResponse, roles: ADMINISTRATORS },
    update: { method: 'PATCH', path: '/api/users/:id', params: UuidParams, body: UpdateUserRequest, response: UserResponse, roles: ADMINISTRATORS },
    resetPassword: { method: 'POST', path: '/api/users/:id/password', params: UuidParams, body: ResetPasswordRequest, response: NoContent, status: 204, roles: ADMINISTRATORS },
  },
  apiKeys: {
    list: { method: 'GET', path: '/api/api-keys', response: z.object({ apiKeys: z.array(ApiKeyView) }), roles: ADMINISTRATORS },
    create: { method: 'POST', path: '/api/api-keys', body: CreateApiKeyRequest, response: CreatedApiKey, roles: ADMINISTRATORS },
    revoke: { method: 'POST', path: '/api/api-keys/:id/revoke', params: UuidParams, response: z.object({ apiKey: ApiKeyView }), roles: ADMINISTRATORS },
  },
  audit: {
    list: { method: 'GET', path: '/api/audit', query: AuditQuery, response: AuditPage, roles: ADMINISTRATORS },
  },
  costCentres: {
    list: { method: 'GET', path: '/api/cost-centres', response: CostCentreList, roles: ALL_ROLES },
    /** Creates the cost centre, or renames it when its code exists. */
    save: { method: 'POST', path: '/api/cost-centres', body: CostCentreBody, response: CostCentreBody, roles: HEAD_OFFICE },
  },
  registers: {
    list: { method: 'GET', path: '/api/registers', response: RegisterList, roles: ALL_ROLES },
    create: { method: 'POST', path: '/api/registers', body: CreateRegisterBody, response: EnrolmentCodeResponse, roles: ALL_ROLES },
    newEnrolmentCode: { method: 'POST', path: '/api/registers/:id/enrolment-code', params: UuidParams, response: EnrolmentCodeResponse, roles: ALL_ROLES },
    revoke: { method: 'POST', path: '/api/registers/:id/revoke', params: UuidParams, response: z.object({ register: RegisterView }), roles: ALL_ROLES },
  },
  paymentMethods: {
    /** Every method with its activation per cost centre; a store manager's answer holds its own cost centres only. */
    list: { method: 'GET', path: '/api/payment-methods', response: PaymentMethodsResponse, roles: ALL_ROLES },
    /** Audited, and fed to that cost centre's registers only; saving the state it already has changes nothing. */
    setActivation: {
      method: 'PUT',
      path: '/api/payment-methods/:method/cost-centres/:costCentreCode',
      params: PaymentMethodActivationParams,
      body: SetPaymentMethodActivation,
      response: PaymentMethodActivationResponse,
      roles: HEAD_OFFICE,
    },
  },
  registerUsers: {
    /** Creates or updates; the PIN is hashed at head office and never stored or answered. */
    save: { method: 'PUT', path: '/api/register-users/:id', params: IdParams, body: RegisterUserBody, response: RegisterUserView, roles: ALL_ROLES },
  },
  products: {
    /** Name containing `q`, or SKU or barcode starting with it; a group (`-`: none) or one exact barcode; sorted and paged. */
    list: { method: 'GET', path: '/api/products', query: ProductListQuery, response: ProductListResponse, roles: HEAD_OFFICE },
    get: { method: 'GET', path: '/api/products/:id', params: IdParams, response: ProductBody, roles: HEAD_OFFICE },
    /** 409 BARCODE_TAKEN naming the product that has it; 400 UNKNOWN_VAT_CODE. Audited; fed to every register. */
    save: { method: 'PUT', path: '/api/products/:id', params: IdParams, body: ProductBody, response: ProductBody, roles: HEAD_OFFICE },
  },
  productGroups: {
    list: { method: 'GET', path: '/api/product-groups', response: ProductGroupList, roles: HEAD_OFFICE },
    save: { method: 'PUT', path: '/api/product-groups/:id', params: IdParams, body: ProductGroup, response: ProductGroup, roles: HEAD_OFFICE },
  },
  vatRates: {
    list: { method: 'GET', path: '/api/vat-rates', response: VatRateList, roles: HEAD_OFFICE },
  },
  settings: {
    save: { method: 'PUT', path: '/api/settings/:key', params: KeyParams, body: SettingBody, response: SettingRecord, roles: HEAD_OFFICE },
  },
  customers: {
    list: { method: 'GET', path: '/api/customers', query: CustomerListQuery, response: CustomerListResponse, roles: ALL_ROLES },
    get: { method: 'GET', path: '/api/customers/:id', params: UuidParams, response: CustomerResponse, roles: ALL_ROLES },
    create: { method: 'POST', path: '/api/customers', body: CreateCustomerBody, response: CustomerResponse, roles: HEAD_OFFICE },
    /** 409 when `baseVersion` is not the stored version. */
    update: { method: 'PUT', path: '/api/customers/:id', params: UuidParams, body: UpdateCustomerBody, response: CustomerResponse, roles: HEAD_OFFICE },
    conflicts: { method: 'GET', path: '/api/customer-conflicts', response: z.object({ conflicts: z.array(CustomerConflict) }), roles: HEAD_OFFICE },
    setPaymentTerms: { method: 'PUT', path: '/api/customers/:id/payment-terms', params: UuidParams, body: CustomerTermsBody, response: CustomerTermsBody, roles: HEAD_OFFICE },
  },
  sales: {
    list: { method: 'GET', path: '/api/sales', query: SalesQuery, response: z.object({ sales: z.array(SaleRow) }), roles: ALL_ROLES },
    count: { method: 'GET', path: '/api/sales/count', query: CountQuery, response: z.object({ count: z.int() }), roles: ALL_ROLES },
  },
  syncReports: {
    rejectedEvents: { method: 'GET', path: '/api/sync/rejected-events', response: z.object({ events: z.array(RejectedEvent) }), roles: ALL_ROLES },
    setAsideChanges: { method: 'GET', path: '/api/sync/set-aside-changes', response: z.object({ changes: z.array(SetAsideChangeView) }), roles: ALL_ROLES },
  },
  invoices: {
    list: { method: 'GET', path: '/api/invoices', query: InvoiceListQuery, response: InvoiceListResponse, roles: ALL_ROLES },
    count: { method: 'GET', path: '/api/invoices/count', response: InvoiceCount, roles: HEAD_OFFICE },
    get: { method: 'GET', path: '/api/invoices/:id', params: UuidParams, response: InvoiceAnswer, roles: ALL_ROLES },
    pdf: { method: 'GET', path: '/api/invoices/:id/pdf', params: UuidParams, query: PdfQuery, response: Binary('The invoice as a PDF (A4)'), produces: ['application/pdf'], roles: ALL_ROLES },
    gl07: {
      method: 'GET',
      path: '/api/invoices/:id/gl07',
      params: UuidParams,
      response: Binary('The GL07 document its voucher was sent to Agresso in (the whole batch)'),
      produces: ['application/xml'],
      roles: HEAD_OFFICE,
    },
    /** 409 INVOICE_INCOMPLETE with the draft's problems as details. */
    activate: { method: 'POST', path: '/api/invoices/:id/activate', params: UuidParams, response: InvoiceAnswer, roles: HEAD_OFFICE },
    assignCustomer: { method: 'PUT', path: '/api/invoices/:id/customer', params: UuidParams, body: AssignCustomerBody, response: InvoiceAnswer, roles: HEAD_OFFICE },
    credit: { method: 'POST', path: '/api/invoices/:id/credit', params: UuidParams, response: z.object({ invoice: InvoiceDetail, creditOf: Id }), roles: HEAD_OFFICE },
  },
  exports: {
    list: { method: 'GET', path: '/api/exports', query: ExportsQuery, response: z.object({ exports: z.array(ExportRow) }), roles: HEAD_OFFICE },
    batches: { method: 'GET', path: '/api/exports/batches', query: BatchesQuery, response: z.object({ batches: z.array(ExportBatchView) }), roles: HEAD_OFFICE },
    batch: { method: 'GET', path: '/api/exports/batches/:number', params: BatchParams, response: z.object({ batch: BatchDetail }), roles: HEAD_OFFICE },
    retry: { method: 'POST', path: '/api/exports/:id/retry', params: UuidParams, response: z.object({ export: ExportView }), roles: HEAD_OFFICE },
    retryFailed: { method: 'POST', path: '/api/exports/retry-failed', response: z.object({ retried: z.int() }), roles: HEAD_OFFICE },
  },
  seller: {
    get: { method: 'GET', path: '/api/invoicing/seller', response: z.object({ seller: SellerProfileBody.nullable() }), roles: HEAD_OFFICE },
    save: { method: 'PUT', path: '/api/invoicing/seller', body: SellerProfileBody, response: z.object({ seller: SellerProfileBody }), roles: HEAD_OFFICE },
  },
  accounting: {
    mapping: { method: 'GET', path: '/api/accounting/mapping', response: MappingResponse, roles: HEAD_OFFICE },
    saveMapping: { method: 'PUT', path: '/api/accounting/mapping', body: AccountingMappingBody, response: MappingResponse, roles: HEAD_OFFICE },
  },
  agresso: {
    connection: { method: 'GET', path: '/api/agresso/connection', response: z.object({ connection: AgressoConnectionView.nullable() }), roles: HEAD_OFFICE },
    /** The password is write-only: omit it to keep the stored one. */
    saveConnection: { method: 'PUT', path: '/api/agresso/connection', body: AgressoConnectionBody, response: z.object({ connection: AgressoConnectionView }), roles: ADMINISTRATORS },
    testConnection: { method: 'POST', path: '/api/agresso/connection/test', response: ConnectionTestResult, roles: HEAD_OFFICE },
  },
} as const satisfies Record<string, Record<string, HeadOfficeRoute>>;

export type HeadOffice = typeof headOffice;

/** Every route of the map, flat, with its `group.name`. */
export function headOfficeRoutes(): { name: string; route: HeadOfficeRoute }[] {
  return Object.entries(headOffice).flatMap(([group, routes]) =>
    Object.entries(routes as Record<string, HeadOfficeRoute>).map(([name, route]) => ({ name: `${group}.${name}`, route })),
  );
}
