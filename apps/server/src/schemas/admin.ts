import { z } from 'zod';
import { ApiErrorSchema, BoundedJson, Id, IsoDateTime, Role, Text } from '@nota/protocol';

// Head-office API shapes the back office does not read yet. Those it reads live in @nota/protocol
// (head-office/admin.ts) and are re-exported here for the routes.
export {
  CostCentreBody,
  CostCentreList,
  CreateCustomerBody,
  CreateRegisterBody,
  CustomerConflict,
  CustomerListQuery,
  CustomerListResponse,
  CustomerResponse,
  EnrolmentCodeResponse,
  ProductBody,
  RegisterList,
  RegisterView,
  UpdateCustomerBody,
} from '@nota/protocol';

export const errorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  410: ApiErrorSchema,
  413: ApiErrorSchema,
  426: ApiErrorSchema,
  429: ApiErrorSchema,
};

/** One line typed by head office: never empty, no control, bidi-override or broken characters. */
const Line = (max: number) => Text(max).trim().min(1);

export const IdParams = z.object({ id: Line(100) });
export const UuidParams = z.object({ id: Id });
export const KeyParams = z.object({ key: Line(100) });

/** A manager's PIN opens refunds and the drawer: six digits at least, so an offline search takes more than seconds. */
export const MANAGER_PIN_MIN = 6;
export const RegisterUserBody = z
  .object({
    name: Line(100),
    role: Role,
    pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits'),
    active: z.boolean().default(true),
    /** The registers of this cost centre, and only they, get the user and its PIN hash. */
    costCentreCode: Line(20),
  })
  .refine((u) => u.role !== 'manager' || u.pin.length >= MANAGER_PIN_MIN, {
    path: ['pin'],
    message: `a manager's PIN is ${MANAGER_PIN_MIN} to 8 digits`,
  });
/** What each key may hold is the protocol's SettingRecord; the route checks the pair. */
export const SettingBody = z.object({ value: BoundedJson.meta({ description: 'The setting\'s value; see SettingRecord for what each key takes.' }) });


export const RejectedEvent = z.object({
  eventId: Id,
  registerId: Id,
  type: z.string(),
  reason: z.object({ code: z.string(), message: z.string() }),
  payload: z.unknown(),
  receivedAt: IsoDateTime,
});

export const SalesQuery = z.object({
  registerId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});
export const SaleRow = z.object({
  id: Id,
  registerId: Id,
  receiptNumber: z.int(),
  completedAt: IsoDateTime,
  totalOre: z.int(),
  customerId: Id.nullable(),
});
export const CountQuery = z.object({ registerId: Id.optional() });
