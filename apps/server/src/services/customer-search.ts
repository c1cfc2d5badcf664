import { asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { CustomerListQuery, CustomerListResponse } from '@nota/protocol';
import type { Queryable } from '../db/database';
import { customers } from '../db/schema';
import { toCustomer } from './customers';

/** `%`, `_` and `\` typed by a person are searched for as themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Head office's customer list: a name containing the words typed, an organisation number however it
 * is punctuated, or the customer number itself; in customer-number order, one page at a time.
 */
export async function searchCustomers(db: Queryable, query: CustomerListQuery): Promise<CustomerListResponse> {
  const q = query.q?.trim() ?? '';
  let where: SQL | undefined;
  if (q) {
    const conditions: SQL[] = [ilike(customers.name, `%${likeLiteral(q)}%`)];
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 4) {
      conditions.push(sql`regexp_replace(${customers.orgNumber}, '[^0-9]', '', 'g') like ${`${digits}%`}`);
    }
    if (/^\d{1,9}$/.test(q)) conditions.push(eq(customers.customerNumber, Number(q)));
    where = or(...conditions);
  }
  const [rows, [total]] = await Promise.all([
    db.select().from(customers).where(where).orderBy(asc(customers.customerNumber)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(customers).where(where),
  ]);
  return { customers: rows.map(toCustomer), total: total?.n ?? 0 };
}
