import { z } from 'zod';
import { BoundedJson, Id, IsoDateTime, Role, Text } from '../common';
import { RegisterUserRecord, SetAsideChange } from '../sync-api';

/**
 * Head-office shapes for what registers mirror (products, groups, register users, settings) and for
 * the sync reports (sales, rejected events, set-aside changes). Moved here from the server so the route
 * map in `routes.ts` can name them.
 */

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
export type RegisterUserBody = z.input<typeof RegisterUserBody>;
/** A register user as head office sees it: never its PIN or the PIN's hash. */
export const RegisterUserView = RegisterUserRecord.omit({ pinHash: true }).extend({ costCentreCode: z.string() });

/** What each key may hold is the protocol's SettingRecord; the route checks the pair. */
export const SettingBody = z.object({ value: BoundedJson.meta({ description: "The setting's value; see SettingRecord for what each key takes." }) });

export const RejectedEvent = z.object({
  eventId: Id,
  registerId: Id,
  type: z.string(),
  reason: z.object({ code: z.string(), message: z.string() }),
  payload: z.unknown(),
  receivedAt: IsoDateTime,
});
export const SetAsideChangeView = SetAsideChange.extend({ registerId: Id, receivedAt: IsoDateTime });

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
