import { and, asc, eq, inArray, notExists } from 'drizzle-orm';
import type { Change, PaymentMethodActivationResponse, PaymentMethodId, PaymentMethodsResponse } from '@nota/protocol';
import type { Queryable, Tx } from '../db/database';
import { changeFeed, costCentres, paymentMethods, paymentMethodActivations } from '../db/schema';
import { audit } from './audit';
import type { Principal } from './auth/principal';
import { appendCostCentreChanges } from './change-feed';
import { HttpError } from './errors';

// The rule: a payment method is active at a cost centre unless head office turned it off there.
// A cost centre without a row for a method offers it; cash, card and invoice alike, so a new store
// can sell at once and invoice is "active for all cost centres" from the start, as the Agresso set-up
// promises. Invoice may be turned off like the others (a store that never sells on account).
// `payment_methods.enabled` stays the installation-wide switch above that (all on; no route changes it).
//
// Registers get their cost centre's effective records only: one change-feed row per method and cost
// centre (`cash@NORR`), read by that cost centre's registers alone (change-feed.ts readChanges), so
// switching card off at NORR reaches NORR's registers at their next pull and no other register.

type Method = typeof paymentMethods.$inferSelect;

const feedId = (method: PaymentMethodId, costCentre: string) => `${method}@${costCentre}`;
const isActive = (method: Method, row: { active: boolean } | undefined) => method.enabled && (row?.active ?? true);

/** As a cashier meets them: the ways to pay now, invoice last. */
const ORDER: readonly PaymentMethodId[] = ['cash', 'card', 'invoice'];

/** Every method with its activation at each cost centre (a store manager's own ones only). */
export async function listPaymentMethods(db: Queryable, scope: string[] | null): Promise<PaymentMethodsResponse> {
  const centres = await db
    .select({ code: costCentres.code, name: costCentres.name })
    .from(costCentres)
    .where(scope ? inArray(costCentres.code, scope) : undefined)
    .orderBy(asc(costCentres.code));
  const methods = await db.select().from(paymentMethods).orderBy(asc(paymentMethods.id));
  const rows = await db.select().from(paymentMethodActivations);
  const rowOf = (method: string, code: string) => rows.find((r) => r.method === method && r.costCentre === code);
  return {
    costCentres: centres,
    methods: ORDER.flatMap((id) => methods.filter((m) => m.id === id)).map((m) => ({
      id: m.id,
      name: m.name,
      activations: centres.map((c) => ({ costCentre: c.code, active: isActive(m, rowOf(m.id, c.code)) })),
    })),
  };
}

/**
 * Turns `method` on or off at `costCentreCode`: audited with the old and new state and fed to that
 * cost centre's registers, in the caller's transaction. Setting what is already set changes nothing.
 */
export async function setPaymentMethodActivation(
  tx: Tx,
  who: Principal | null,
  input: { method: PaymentMethodId; costCentreCode: string; active: boolean },
  now: Date,
): Promise<PaymentMethodActivationResponse> {
  const { method: id, costCentreCode, active } = input;
  // Locks the cost centre: two changes to its methods at once are applied one after the other.
  const [centre] = await tx.select({ code: costCentres.code }).from(costCentres).where(eq(costCentres.code, costCentreCode)).for('update');
  if (!centre) throw new HttpError(404, 'UNKNOWN_COST_CENTRE', `Cost centre '${costCentreCode}' does not exist.`, 'costCentreCode');
  const [method] = await tx.select().from(paymentMethods).where(eq(paymentMethods.id, id));
  if (!method) throw new HttpError(404, 'UNKNOWN_PAYMENT_METHOD', `Payment method '${id}' does not exist.`, 'method');
  const [row] = await tx
    .select({ active: paymentMethodActivations.active })
    .from(paymentMethodActivations)
    .where(and(eq(paymentMethodActivations.method, id), eq(paymentMethodActivations.costCentre, costCentreCode)));
  const before = isActive(method, row);
  const answer = { method: id, costCentre: costCentreCode, active };
  if (row?.active === active || (!row && before === active)) return { ...answer, active: before };

  await tx
    .insert(paymentMethodActivations)
    .values({ method: id, costCentre: costCentreCode, active, updatedAt: now })
    .onConflictDoUpdate({ target: [paymentMethodActivations.method, paymentMethodActivations.costCentre], set: { active, updatedAt: now } });
  const after = isActive(method, { active });
  await appendCostCentreChanges(tx, costCentreCode, [{ entityId: feedId(id, costCentreCode), change: record(method, after) }]);
  await audit(
    tx,
    who,
    {
      entity: 'payment-method',
      entityId: feedId(id, costCentreCode),
      action: active ? 'activate' : 'deactivate',
      oldValue: { method: id, costCentre: costCentreCode, active: before },
      newValue: { method: id, costCentre: costCentreCode, active: after },
    },
    now,
  );
  return { ...answer, active: after };
}

const record = (method: Method, enabled: boolean): Change => ({ entity: 'payment_method', data: { id: method.id, name: method.name, enabled } });

/**
 * Feeds every method to the registers of the cost centres that have no payment-method rows in the
 * feed yet: a new cost centre, or all of them once after migration 0008 (runs at every start).
 */
export async function feedMissingPaymentMethods(tx: Tx, only?: string): Promise<void> {
  const unfed = await tx
    .select({ code: costCentres.code })
    .from(costCentres)
    .where(
      and(
        only === undefined ? undefined : eq(costCentres.code, only),
        notExists(tx.select({ seq: changeFeed.seq }).from(changeFeed).where(and(eq(changeFeed.entity, 'payment_method'), eq(changeFeed.costCentre, costCentres.code)))),
      ),
    );
  if (unfed.length === 0) return;
  const methods = await tx.select().from(paymentMethods);
  const rows = await tx.select().from(paymentMethodActivations).where(inArray(paymentMethodActivations.costCentre, unfed.map((c) => c.code)));
  for (const { code } of unfed) {
    const changes = methods.map((m) => ({
      entityId: feedId(m.id, code),
      change: record(m, isActive(m, rows.find((r) => r.method === m.id && r.costCentre === code))),
    }));
    await appendCostCentreChanges(tx, code, changes);
  }
}
