import { and, asc, eq, gte } from 'drizzle-orm';
import { validateCustomer, type CustomerFields } from '@nota/domain';
import type { Customer, CustomerInput } from '@nota/protocol';
import type { Queryable, Tx } from '../db/database';
import { customerConflicts, customers, customerVersions } from '../db/schema';
import { appendChanges } from './change-feed';
import { Rejection } from './errors';

/** The fields people edit; everything a merge looks at. */
export const EDITABLE_FIELDS = [
  'active',
  'internal',
  'externalId',
  'name',
  'orgNumber',
  'country',
  'street',
  'postalCode',
  'city',
  'billingCountry',
  'email',
  'phone',
  'invoicingEnabled',
  'purchaseInstruction',
] as const satisfies readonly (keyof CustomerInput)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type Editable = Pick<CustomerFields, EditableField>;

type CustomerRow = typeof customers.$inferSelect;

export function toCustomer(row: CustomerRow): Customer {
  return {
    ...pickEditable(row),
    id: row.id,
    customerNumber: row.customerNumber,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function pickEditable(source: Editable): Editable {
  const out = {} as Record<EditableField, unknown>;
  for (const f of EDITABLE_FIELDS) out[f] = source[f];
  return out as Editable;
}

/** Domain rules decide; the stored form is the normalized one, and the feed sends it back. */
export function validated(input: CustomerInput): Editable {
  const result = validateCustomer(input);
  if (!result.ok) {
    throw new Rejection('INVALID_CUSTOMER', result.errors.map((e) => e.message).join('; '));
  }
  return pickEditable(result.value);
}

export async function findCustomer(db: Queryable, id: string, forUpdate = false): Promise<CustomerRow | undefined> {
  const query = db.select().from(customers).where(eq(customers.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertCustomer(
  tx: Tx,
  fields: Editable,
  identity: { id: string; customerNumber: number; createdAt: Date },
  authorRegisterId: string | null = null,
): Promise<Customer> {
  const [row] = await tx
    .insert(customers)
    .values({ ...fields, ...identity, version: 1, updatedAt: identity.createdAt })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await tx.insert(customerVersions).values({ customerId: row.id, version: 1, snapshot: pickEditable(row), authorRegisterId });
  const customer = toCustomer(row);
  await appendChanges(tx, [{ entity: 'customer', data: customer }]);
  return customer;
}

async function writeVersion(tx: Tx, current: CustomerRow, fields: Editable, now: Date, authorRegisterId: string | null): Promise<Customer> {
  const version = current.version + 1;
  const [row] = await tx
    .update(customers)
    .set({ ...fields, version, updatedAt: now })
    .where(eq(customers.id, current.id))
    .returning();
  if (!row) throw new Error('update returned no row');
  await tx.insert(customerVersions).values({ customerId: row.id, version, snapshot: fields, authorRegisterId });
  const customer = toCustomer(row);
  await appendChanges(tx, [{ entity: 'customer', data: customer }]);
  return customer;
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

export interface RegisterEdit {
  customerId: string;
  baseVersion: number;
  incoming: CustomerInput;
  /** What the register says it changed; a stale edit without a base snapshot falls back to it. */
  changedFields: readonly string[];
  registerId: string;
  eventId: string;
}

/**
 * A register's edit. On the current version it simply applies. On a stale version each field is
 * merged against the version the register saw: a field only the register changed is taken, a field
 * both changed differently keeps head office's value and is recorded as a conflict.
 */
export async function applyRegisterEdit(tx: Tx, edit: RegisterEdit, now: Date): Promise<void> {
  const current = await findCustomer(tx, edit.customerId, true);
  if (!current) throw new Rejection('UNKNOWN_CUSTOMER', `Customer ${edit.customerId} does not exist on the server.`);
  if (edit.baseVersion > current.version) {
    throw new Rejection(
      'INVALID_BASE_VERSION',
      `The edit is based on version ${edit.baseVersion}, but the server's newest is ${current.version}.`,
    );
  }
  const theirs = validated(edit.incoming);
  const ours = pickEditable(current);
  if (edit.baseVersion === current.version) {
    if (EDITABLE_FIELDS.every((f) => same(ours[f], theirs[f]))) return;
    await writeVersion(tx, current, theirs, now, edit.registerId);
    return;
  }

  // Every version since the one the register saw: a field counts as changed by someone else only if
  // a version written by head office or another register changed it. The register's own earlier
  // edits (two edits made offline, say) are what it built on, not a conflict.
  const history = await tx
    .select({ version: customerVersions.version, snapshot: customerVersions.snapshot, author: customerVersions.authorRegisterId })
    .from(customerVersions)
    .where(and(eq(customerVersions.customerId, current.id), gte(customerVersions.version, edit.baseVersion)))
    .orderBy(asc(customerVersions.version));
  const baseFields = history[0]?.version === edit.baseVersion ? (history[0].snapshot as Editable) : undefined;
  const changedByOthers = (f: EditableField) => {
    if (!baseFields) return true;
    for (let i = 1; i < history.length; i++) {
      const before = history[i - 1]!.snapshot as Editable;
      const after = history[i]!.snapshot as Editable;
      if (history[i]!.author !== edit.registerId && !same(before[f], after[f])) return true;
    }
    return false;
  };
  const merged = { ...ours } as Record<EditableField, unknown>;
  const conflicts: EditableField[] = [];
  let changed = false;
  for (const f of EDITABLE_FIELDS) {
    const registerChanged = baseFields ? !same(baseFields[f], theirs[f]) : edit.changedFields.includes(f);
    if (!registerChanged || same(ours[f], theirs[f])) continue;
    if (changedByOthers(f)) {
      conflicts.push(f);
    } else {
      merged[f] = theirs[f];
      changed = true;
    }
  }
  if (conflicts.length > 0) {
    await tx.insert(customerConflicts).values(
      conflicts.map((f) => ({
        customerId: current.id,
        field: f,
        headOfficeValue: ours[f] ?? null,
        registerValue: theirs[f] ?? null,
        registerId: edit.registerId,
        eventId: edit.eventId,
      })),
    );
  }
  if (changed) {
    // A merge of two valid versions can still break a cross-field rule (e.g. internal ⇒ externalId).
    await writeVersion(tx, current, validated(merged as unknown as CustomerInput), now, edit.registerId);
  }
}

/** Head office edits must be based on the newest version; the back office reloads and retries. */
export async function applyHeadOfficeEdit(
  tx: Tx,
  id: string,
  baseVersion: number,
  input: CustomerInput,
  now: Date,
): Promise<Customer | { stale: Customer } | null> {
  const current = await findCustomer(tx, id, true);
  if (!current) return null;
  if (current.version !== baseVersion) return { stale: toCustomer(current) };
  const fields = validated(input);
  if (EDITABLE_FIELDS.every((f) => same(current[f], fields[f]))) return toCustomer(current);
  return writeVersion(tx, current, fields, now, null);
}
