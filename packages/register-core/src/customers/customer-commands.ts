import { validateCustomer, type CustomerFields } from '@nota/domain';
import type { Customer, CustomerInput } from '@nota/protocol';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context';
import { customers } from '../db/schema';
import { CoreError } from '../errors';
import { appendEvent } from '../outbox/outbox';
import { readSettings } from '../settings/settings';
import { findCustomer, getCustomer, searchColumns } from './customer-repo';
import { takeCustomerNumber } from './customer-numbers';

function validated(input: CustomerInput): CustomerFields {
  const result = validateCustomer(input);
  if (!result.ok) {
    const fields = result.errors.map((e) => e.field).join(', ');
    throw new CoreError('VALIDATION', `The customer has invalid fields: ${fields}.`, result.errors[0]?.field, result.errors);
  }
  return result.value;
}

/**
 * Creates an invoice customer at the register. The number comes from the leased block inside the
 * same transaction as the row and its outbox event, so a failure returns the number unused.
 * Retrying with the same id returns the customer already created.
 */
export function createCustomer(ctx: CoreContext, req: { id?: string | undefined; customer: CustomerInput }): Customer {
  ctx.session.requireRole(readSettings(ctx.db).customerEditRole, 'create customers');
  const { orgDigits: _orgDigits, ...fields } = validated(req.customer);
  const id = req.id ?? randomUUID();
  const existing = findCustomer(ctx.db, id);
  if (existing) return existing;

  const now = ctx.now().toISOString();
  return ctx.db.transaction(
    (tx) => {
      const customer: Customer = {
        ...fields,
        id,
        customerNumber: takeCustomerNumber(tx),
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      tx.insert(customers).values({ ...customer, ...searchColumns(customer) }).run();
      appendEvent(tx, { type: 'customer.created', customer }, now);
      return customer;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Edits a customer. The edit must be made on the version the person saw: if the register's copy
 * moved on meanwhile (a sync pull), the edit is refused so nobody overwrites a change unseen.
 */
export function updateCustomer(
  ctx: CoreContext,
  req: { id: string; baseVersion: number; customer: CustomerInput },
): Customer {
  ctx.session.requireRole(readSettings(ctx.db).customerEditRole, 'edit customers');
  const fields = validated(req.customer);
  const now = ctx.now().toISOString();
  return ctx.db.transaction(
    (tx) => {
      const current = getCustomer(tx, req.id);
      const { serverVersion } = tx.select({ serverVersion: customers.serverVersion }).from(customers).where(eq(customers.id, req.id)).get()!;
      if (current.version !== req.baseVersion) {
        throw new CoreError(
          'STALE_VERSION',
          `Customer ${current.customerNumber} was changed meanwhile (version ${current.version}, you edited ${req.baseVersion}). Reopen it and edit again.`,
          'baseVersion',
        );
      }
      const changedFields = (Object.keys(fields) as (keyof CustomerFields)[]).filter(
        (key) => key !== 'orgDigits' && fields[key] !== (current as Record<string, unknown>)[key],
      );
      if (changedFields.length === 0) return current;
      const { orgDigits: _orgDigits, ...editable } = fields;
      const customer: Customer = { ...current, ...editable, version: current.version + 1, updatedAt: now };
      tx.update(customers)
        .set({ ...editable, ...searchColumns(customer), version: customer.version, updatedAt: now })
        .where(eq(customers.id, req.id))
        .run();
      // The server merges against the version it knows this register saw, not the local count.
      appendEvent(tx, { type: 'customer.updated', baseVersion: serverVersion, customer, changedFields }, now);
      return customer;
    },
    { behavior: 'immediate' },
  );
}
