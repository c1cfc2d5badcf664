import {
  AUTH_ROUTES,
  BatchDetail,
  ConnectionTestResult,
  CostCentreList,
  CustomerConflict,
  CustomerListResponse,
  CustomerResponse,
  EnrolmentCodeResponse,
  ExportBatchView,
  ExportRow,
  ExportView,
  InvoiceCount,
  InvoiceDetail,
  InvoiceListResponse,
  MappingResponse,
  AgressoConnectionView,
  RegisterList,
  RegisterView,
  SessionInfo,
  type AccountingMappingBody,
  type AgressoConnectionBody,
  type ChangePasswordRequest,
  type CreateRegisterBody,
  type CustomerInput,
  type SignInRequest,
  type InvoiceSort,
} from '@nota/protocol';
import { z } from 'zod';
import { apiUrl, call } from './client';

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

/** Every route the back office calls, typed by the protocol's schemas. */
export const api = {
  auth: {
    session: () => call('GET', AUTH_ROUTES.session.path, { response: SessionInfo }),
    signIn: (body: SignInRequest) => call('POST', AUTH_ROUTES.signIn.path, { body, response: SessionInfo }),
    signOut: () => call('POST', AUTH_ROUTES.signOut.path),
    signOutEverywhere: () => call('POST', AUTH_ROUTES.signOutEverywhere.path),
    changePassword: (body: ChangePasswordRequest) => call('POST', AUTH_ROUTES.changePassword.path, { body }),
  },
  customers: {
    list: (query: { q?: string; limit: number; after?: number | undefined; offset?: number }) => call('GET', '/api/customers', { query, response: CustomerListResponse }),
    get: (id: string) => call('GET', `/api/customers/${id}`, { response: CustomerResponse }),
    create: (customer: CustomerInput) => call('POST', '/api/customers', { body: { customer }, response: CustomerResponse }),
    update: (id: string, baseVersion: number, customer: CustomerInput) =>
      call('PUT', `/api/customers/${id}`, { body: { baseVersion, customer }, response: CustomerResponse }),
    conflicts: () => call('GET', '/api/customer-conflicts', { response: z.object({ conflicts: z.array(CustomerConflict) }) }),
  },
  invoices: {
    list: (filter: InvoiceFilter) => call('GET', '/api/invoices', { query: { ...filter }, response: InvoiceListResponse }),
    count: () => call('GET', '/api/invoices/count', { response: InvoiceCount }),
    get: (id: string) => call('GET', `/api/invoices/${id}`, { response: z.object({ invoice: InvoiceDetail }) }),
    activate: (id: string) => call('POST', `/api/invoices/${id}/activate`, { response: z.object({ invoice: InvoiceDetail }) }),
    pdfUrl: (id: string, lang: 'sv' | 'en') => apiUrl(`/api/invoices/${id}/pdf`, { lang }),
  },
  exports: {
    list: (state?: ExportState) => call('GET', '/api/exports', { query: { state }, response: z.object({ exports: z.array(ExportRow) }) }),
    batches: (state?: BatchState) => call('GET', '/api/exports/batches', { query: { state }, response: z.object({ batches: z.array(ExportBatchView) }) }),
    batch: (number: number) => call('GET', `/api/exports/batches/${number}`, { response: z.object({ batch: BatchDetail }) }),
    retry: (documentId: string) => call('POST', `/api/exports/${documentId}/retry`, { response: z.object({ export: ExportView }) }),
    retryFailed: () => call('POST', '/api/exports/retry-failed', { response: z.object({ retried: z.int() }) }),
  },
  accounting: {
    mapping: () => call('GET', '/api/accounting/mapping', { response: MappingResponse }),
    save: (mapping: AccountingMappingBody) => call('PUT', '/api/accounting/mapping', { body: mapping, response: MappingResponse }),
  },
  registers: {
    list: () => call('GET', '/api/registers', { response: RegisterList }),
    costCentres: () => call('GET', '/api/cost-centres', { response: CostCentreList }),
    create: (body: CreateRegisterBody) => call('POST', '/api/registers', { body, response: EnrolmentCodeResponse }),
    newCode: (id: string) => call('POST', `/api/registers/${id}/enrolment-code`, { response: EnrolmentCodeResponse }),
    revoke: (id: string) => call('POST', `/api/registers/${id}/revoke`, { response: z.object({ register: RegisterView }) }),
  },
  agresso: {
    connection: () => call('GET', '/api/agresso/connection', { response: z.object({ connection: AgressoConnectionView.nullable() }) }),
    save: (body: AgressoConnectionBody) => call('PUT', '/api/agresso/connection', { body, response: z.object({ connection: AgressoConnectionView }) }),
    test: () => call('POST', '/api/agresso/connection/test', { response: ConnectionTestResult }),
  },
};
