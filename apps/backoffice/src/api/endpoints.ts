import {
  headOffice,
  type PaymentMethodId,
  type AccountingMappingBody,
  type AgressoConnectionBody,
  type ChangePasswordRequest,
  type CreateRegisterBody,
  type CustomerInput,
  type ExportBatchView,
  type ExportView,
  type InvoiceDetail,
  type SignInRequest,
  type AuditEntity,
  type CreateApiKeyRequest,
  type CreateUserRequest,
  type ProductBody,
  type ProductGroup,
  type ProductListQuery,
  type UpdateUserRequest,
  type InvoiceSort,
} from '@nota/protocol';
import type { z } from 'zod';
import { headOfficeClient as client } from './client';

export type ProductFilter = Partial<Pick<ProductListQuery, 'q' | 'groupId' | 'barcode' | 'sort' | 'direction' | 'limit' | 'offset'>>;
export interface AuditFilter {
  entity?: AuditEntity | undefined;
  actorId?: string | undefined;
  before?: number | undefined;
  limit?: number;
}

export type ExportState = z.infer<typeof ExportView>['state'];
export type DocumentStatus = z.infer<typeof InvoiceDetail>['status'];
export type BatchState = z.infer<typeof ExportBatchView>['state'];

export interface InvoiceFilter {
  status?: DocumentStatus | undefined;
  exportState?: ExportState | undefined;
  costCentre?: string | undefined;
  sort?: InvoiceSort | undefined;
  dir?: 'asc' | 'desc' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: string | undefined;
  limit?: number;
}

/**
 * What the pages call, in the pages' words. Each is one call of the typed client (`client.group.name`),
 * whose paths and answer shapes come from the route map in @nota/protocol: nothing is retyped here.
 */
export const api = {
  auth: {
    session: () => client.auth.session(),
    signIn: (body: SignInRequest) => client.auth.signIn({ body }),
    signOut: () => client.auth.signOut(),
    signOutEverywhere: () => client.auth.signOutEverywhere(),
    changePassword: (body: ChangePasswordRequest) => client.auth.changePassword({ body }),
  },
  customers: {
    list: (query: { q?: string; limit: number; after?: number | undefined; offset?: number }) => client.customers.list({ query }),
    get: (id: string) => client.customers.get({ params: { id } }),
    create: (customer: CustomerInput) => client.customers.create({ body: { customer } }),
    update: (id: string, baseVersion: number, customer: CustomerInput) => client.customers.update({ params: { id }, body: { baseVersion, customer } }),
    conflicts: () => client.customers.conflicts(),
  },
  invoices: {
    list: (filter: InvoiceFilter) => client.invoices.list({ query: filter }),
    count: () => client.invoices.count(),
    get: (id: string) => client.invoices.get({ params: { id } }),
    activate: (id: string) => client.invoices.activate({ params: { id } }),
    credit: (id: string) => client.invoices.credit({ params: { id } }),
    pdfUrl: (id: string, lang: 'sv' | 'en') => client.url(headOffice.invoices.pdf, { params: { id }, query: { lang } }),
  },
  exports: {
    list: (state?: ExportState) => client.exports.list({ query: { state } }),
    batches: (state?: BatchState) => client.exports.batches({ query: { state } }),
    batch: (number: number) => client.exports.batch({ params: { number } }),
    retry: (documentId: string) => client.exports.retry({ params: { id: documentId } }),
    retryFailed: () => client.exports.retryFailed(),
  },
  accounting: {
    mapping: () => client.accounting.mapping(),
    save: (mapping: AccountingMappingBody) => client.accounting.saveMapping({ body: mapping }),
  },
  registers: {
    list: () => client.registers.list(),
    costCentres: () => client.costCentres.list(),
    create: (body: CreateRegisterBody) => client.registers.create({ body }),
    newCode: (id: string) => client.registers.newEnrolmentCode({ params: { id } }),
    revoke: (id: string) => client.registers.revoke({ params: { id } }),
    rejectedEvents: () => client.syncReports.rejectedEvents(),
    setAsideChanges: () => client.syncReports.setAsideChanges(),
  },
  paymentMethods: {
    list: () => client.paymentMethods.list(),
    setActive: (method: PaymentMethodId, costCentreCode: string, active: boolean) =>
      client.paymentMethods.setActivation({ params: { method, costCentreCode }, body: { active } }),
  },
  agresso: {
    connection: () => client.agresso.connection(),
    save: (body: AgressoConnectionBody) => client.agresso.saveConnection({ body }),
    test: () => client.agresso.testConnection(),
  },
  catalog: {
    products: (filter: ProductFilter) => client.products.list({ query: filter }),
    product: (id: string) => client.products.get({ params: { id } }),
    saveProduct: (product: ProductBody) => client.products.save({ params: { id: product.id }, body: product }),
    groups: () => client.productGroups.list(),
    saveGroup: (group: ProductGroup) => client.productGroups.save({ params: { id: group.id }, body: group }),
    vatRates: () => client.vatRates.list(),
  },
  users: {
    list: () => client.users.list(),
    create: (body: CreateUserRequest) => client.users.create({ body }),
    update: (id: string, body: UpdateUserRequest) => client.users.update({ params: { id }, body }),
  },
  apiKeys: {
    list: () => client.apiKeys.list(),
    create: (body: CreateApiKeyRequest) => client.apiKeys.create({ body }),
    revoke: (id: string) => client.apiKeys.revoke({ params: { id } }),
  },
  audit: {
    list: (filter: AuditFilter) => client.audit.list({ query: filter }),
  },
};
