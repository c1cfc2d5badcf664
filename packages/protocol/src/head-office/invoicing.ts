import { z } from 'zod';
import { Id, IsoDateTime, MAX_INT32, Ore, Text, textProblem } from '../common';

/**
 * Head-office API shapes for invoices, accounting and the Agresso export: the server validates and
 * serialises with them, the back office parses its answers with them.
 */

const text = (max: number) => Text(max).trim().min(1);
const optionalText = (max: number) => Text(max).trim().nullable();
const IsoDate = z.iso.date();
const LedgerCode = Text(25).nullable();
/** The URL parser drops tabs and line breaks silently, so the text rules run on what was sent. */
const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const SellerProfileBody = z.object({
  name: text(200),
  orgNumber: text(20),
  vatNumber: text(20),
  fTaxApproved: z.boolean(),
  street: text(200),
  postalCode: text(12),
  city: text(100),
  country: z.enum(['SE', 'NO']),
  email: optionalText(254),
  phone: optionalText(40),
  bankgiro: optionalText(20),
  plusgiro: optionalText(20),
  iban: optionalText(34),
  bic: optionalText(11),
  paymentTermsDays: z.int().min(0).max(365),
  reference: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ocr'), lengthDigit: z.boolean() }),
    z.object({ kind: z.literal('kid'), algorithm: z.enum(['MOD10', 'MOD11']) }),
  ]),
});

export const AccountingMappingBody = z.object({
  paymentMethods: z.object({ cash: LedgerCode, card: LedgerCode }),
  vatRates: z
    .array(z.object({ rateBp: z.int().min(0).max(10_000), salesAccount: LedgerCode, vatAccount: LedgerCode, taxCode: LedgerCode }))
    .max(20),
  productGroups: z.array(z.object({ groupId: text(100), salesAccount: LedgerCode })).max(1_000),
  rounding: LedgerCode,
  costCentres: z.array(z.object({ code: text(20), accountingCode: LedgerCode })).max(1_000),
  agresso: z.object({
    companyCode: LedgerCode,
    interface: LedgerCode,
    voucherType: LedgerCode,
    customerLedgerAccount: LedgerCode,
    costCentreDimension: z.int().min(1).max(7).nullable(),
    customerGroup: LedgerCode,
    customerIdPrefix: Text(10).nullable().default(null),
  }),
});
export const MappingResponse = z.object({
  mapping: AccountingMappingBody,
  /** Empty when the export can run. */
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
});

const ServerProcess = z.object({ menuId: text(10), variant: z.int().min(0).max(9_999) });
const AgressoConnectionFields = z.object({
  /** The service base, e.g. https://abw.example.se/BusinessWorld-webservices/service.svc */
  baseUrl: HttpUrl,
  username: text(100),
  client: text(25),
  timeoutMs: z.int().min(1_000).max(300_000).default(30_000),
  gl07: ServerProcess.default({ menuId: 'BI88', variant: 0 }),
  cs15: ServerProcess.default({ menuId: 'BI192', variant: 0 }),
  /** The browser template over batch input and posted vouchers that confirms a batch landed. */
  confirmationTemplateId: z.int().min(1).max(MAX_INT32),
});
export const AgressoConnectionBody = AgressoConnectionFields.extend({
  /** Write-only; omit to keep the stored one. */
  password: Text(200).min(1).optional(),
});
export const AgressoConnectionView = AgressoConnectionFields.extend({ passwordSet: z.boolean() });

export const CustomerTermsBody = z.object({ paymentTermsDays: z.int().min(0).max(365).nullable() });

export const DocumentStatus = z.enum(['draft', 'active', 'transferred']);
/** pending: waits to be gathered; batched: in a batch not yet sent; sent: in a GL07 order Agresso took; confirmed: posted. */
export const ExportState = z.enum(['pending', 'batched', 'sent', 'confirmed', 'failed', 'blocked']);
export const BatchState = z.enum(['preparing', 'sent', 'done']);

/** One GL07 order's batch, as head office follows it. */
export const ExportBatchView = z.object({
  number: z.int(),
  batchId: z.string(),
  state: BatchState,
  vouchers: z.int(),
  orderNumber: z.int().nullable(),
  /** When its send began; set while that send may have reached Agresso without an answer. */
  sendStartedAt: IsoDateTime.nullable(),
  sentAt: IsoDateTime.nullable(),
  doneAt: IsoDateTime.nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
  /** What it is doing or waiting for, in words ("Sent at 12:03:07 UTC, answer lost; asking Agresso at 12:05:00 UTC."). */
  note: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: IsoDateTime,
});

export const ExportView = z.object({
  state: ExportState,
  /** Its status in a bookkeeper's words: waiting, in batch N, sent (order), posted (voucher), failed (reason) or retrying (next attempt). */
  status: z.string(),
  /** The batch it is in now (batched or sent). */
  batch: ExportBatchView.nullable(),
  /** The batch id its voucher was last sent in (how Agresso's batch input knows it). */
  batchId: z.string().nullable(),
  attempts: z.int(),
  /** When it is tried again on its own; null when it waits for a person or is done. */
  nextAttemptAt: IsoDateTime.nullable(),
  orderNumber: z.int().nullable(),
  voucherNo: z.string().nullable(),
  apArNo: z.string().nullable(),
  /** permanent: waits for a person; otherwise a passing fault that is being retried. */
  error: z.object({ code: z.string(), message: z.string(), permanent: z.boolean() }).nullable(),
  sentAt: IsoDateTime.nullable(),
  confirmedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
});

export const InvoiceSummary = z.object({
  id: Id,
  kind: z.enum(['invoice', 'credit']),
  status: DocumentStatus,
  number: z.int().nullable(),
  customerId: Id,
  customerNumber: z.int(),
  customerName: z.string(),
  costCentre: z.string(),
  invoiceDate: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  paymentReference: z.string().nullable(),
  totalOre: Ore,
  amountDueOre: Ore,
  saleId: Id.nullable(),
  creditOfId: Id.nullable(),
  problems: z.array(z.object({ code: z.string(), message: z.string(), field: z.string().optional() })),
  export: ExportView.nullable(),
  createdAt: IsoDateTime,
  activatedAt: IsoDateTime.nullable(),
  transferredAt: IsoDateTime.nullable(),
});

/** Another document this one points at (the invoice a credit note credits, or the credit note of an invoice). */
const DocumentRef = z.object({ id: Id, number: z.int().nullable() });

export const InvoiceDetail = InvoiceSummary.extend({
  /** For a credit invoice: the invoice it credits. */
  creditOf: DocumentRef.nullable(),
  /** For an invoice: its credit invoice, once made (an invoice is credited at most once). */
  creditedBy: DocumentRef.nullable(),
  /** The draft's content, or the whole immutable document once active. */
  content: z.record(z.string(), z.unknown()),
  events: z.array(
    z.object({ at: IsoDateTime, step: z.string(), outcome: z.string(), message: z.string(), orderNumber: z.int().nullable() }),
  ),
});

/** The columns the invoice list sorts by on the server; ties go newest first. */
export const InvoiceSort = z.enum(['created', 'number', 'invoiceDate', 'dueDate', 'total', 'customer', 'costCentre', 'status']);
export type InvoiceSort = z.infer<typeof InvoiceSort>;

export const InvoiceListQuery = z.object({
  status: DocumentStatus.optional(),
  exportState: ExportState.optional(),
  customerId: Id.optional(),
  costCentre: Text(20).min(1).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: InvoiceSort.default('created'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Opaque, from the previous page of the same sort. */
  before: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,600}$/, 'not a cursor this API gave out')
    .optional(),
});

/** Counting stops here: past it, a count of a million posted invoices would cost more than the page polling it. */
export const INVOICE_COUNT_CAP = 10_000;
/** Documents per status and export jobs per state, each exact up to INVOICE_COUNT_CAP; `over` names those with more. */
export const InvoiceCount = z.object({
  documents: z.record(DocumentStatus, z.int()),
  exports: z.record(ExportState, z.int()),
  over: z.array(z.union([DocumentStatus, ExportState])),
});

export const PdfQuery = z.object({ lang: z.enum(['sv', 'en']).default('sv') });
export const AssignCustomerBody = z.object({ customerId: Id });

/** `GET /api/invoices`: one page, and the cursor of the next (null on the last page). */
export const InvoiceListResponse = z.object({ invoices: z.array(InvoiceSummary), next: z.string().nullable() });

const DocumentKind = z.enum(['invoice', 'credit']);
/** One row of the export queue (`GET /api/exports`). */
export const ExportRow = ExportView.extend({ documentId: Id, number: z.int().nullable(), kind: DocumentKind });
export const ExportsQuery = z.object({ state: ExportState.optional(), limit: z.coerce.number().int().min(1).max(1_000).default(100) });
export const BatchesQuery = z.object({ state: BatchState.optional(), limit: z.coerce.number().int().min(1).max(1_000).default(100) });
/** A batch with the invoices in it now and those sent in it that have moved on since. */
export const BatchDetail = ExportBatchView.extend({
  invoices: z.array(z.object({ documentId: Id, number: z.int().nullable(), kind: DocumentKind, export: ExportView })),
});
export const ConnectionTestResult = z.object({ ok: z.boolean(), message: z.string() });

export type AccountingMappingBody = z.infer<typeof AccountingMappingBody>;
export type AgressoConnectionBody = z.infer<typeof AgressoConnectionBody>;
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;
export type ExportRow = z.infer<typeof ExportRow>;
