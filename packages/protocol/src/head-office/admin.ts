import { z } from 'zod';
import { Count, Id, IsoDateTime, MAX_INT32, Text } from '../common';
import { Customer, CustomerInput } from '../customers';

/**
 * Head-office API shapes for customers, cost centres and registers: the server validates and serialises
 * with them, the back office parses its answers with them.
 */

/** One line typed by head office: never empty, no control, bidi-override or broken characters. */
const Line = (max: number) => Text(max).trim().min(1);

export const CostCentreBody = z.object({
  code: Line(20),
  name: Line(100),
  /** One line, as the delivery notes of its registers print it, e.g. 'Storgatan 1, 837 52 Åre'. */
  address: Text(200).nullable().optional(),
});
export type CostCentreBody = z.infer<typeof CostCentreBody>;
export const CostCentreList = z.object({ costCentres: z.array(z.object({ code: z.string(), name: z.string(), address: z.string().nullable() })) });

export const RegisterView = z.object({
  id: Id,
  name: z.string(),
  costCentre: z.string(),
  createdAt: IsoDateTime,
  enrolledAt: IsoDateTime.nullable(),
  revoked: z.boolean(),
  lastSeenAt: IsoDateTime.nullable(),
  reportedBacklog: z.int().nullable(),
});
export type RegisterView = z.infer<typeof RegisterView>;
export const RegisterList = z.object({ registers: z.array(RegisterView) });
export const CreateRegisterBody = z.object({
  name: Line(100),
  costCentreCode: Line(20),
});
export type CreateRegisterBody = z.infer<typeof CreateRegisterBody>;
export const EnrolmentCodeResponse = z.object({
  register: RegisterView,
  /** Shown once; the server keeps only its hash. */
  enrolmentCode: z.string(),
  expiresAt: IsoDateTime,
});
export type EnrolmentCodeResponse = z.infer<typeof EnrolmentCodeResponse>;

export const CreateCustomerBody = z.object({ customer: CustomerInput });
export const UpdateCustomerBody = z.object({ baseVersion: Count.min(1), customer: CustomerInput });
export const CustomerResponse = z.object({ customer: Customer });

/**
 * `GET /api/customers`: head office's customer list, searched by name, organisation number or
 * customer number, one page at a time, in customer-number order.
 */
export const CustomerListQuery = z.object({
  q: Text(100).trim().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  /** The page after this customer number (the last one shown): as quick on the last page as on the first. */
  after: z.coerce.number().int().min(0).max(MAX_INT32).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;
/**
 * `total` counts the matches up to CUSTOMER_COUNT_CAP; past it, `totalCapped` is true and the page says
 * "more than" that many, rather than counting a million rows for every page.
 */
export const CustomerListResponse = z.object({ customers: z.array(Customer), total: z.int(), totalCapped: z.boolean() });
export const CUSTOMER_COUNT_CAP = 10_000;
export type CustomerListResponse = z.infer<typeof CustomerListResponse>;

export const CustomerConflict = z.object({
  id: z.int(),
  customerId: Id,
  field: z.string(),
  headOfficeValue: z.unknown(),
  registerValue: z.unknown(),
  registerId: Id.nullable(),
  eventId: Id.nullable(),
  createdAt: IsoDateTime,
});
export type CustomerConflict = z.infer<typeof CustomerConflict>;
