import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { CUSTOMER_COUNT_CAP, type CustomerListQuery, type CustomerListResponse } from '@nota/protocol';
import type { Queryable } from '../db/database';
import { customers } from '../db/schema';
import { toCustomer } from './customers';

/** `%`, `_` and `\` typed by a person are searched for as themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The organisation number's digits alone: migration 0009 indexes this expression for prefix search. */
const ORG_DIGITS = sql`regexp_replace(${customers.orgNumber}, '[^0-9]', '', 'g')`;

/**
 * Head office's customer list: a name containing every word typed (in any order; a trigram index of
 * migration 0009 answers it), an organisation number however it is punctuated, or the customer number
 * itself; in customer-number order, one page at a time: after the last customer number shown
 * (`after`, as quick deep in the list as at its start) or at an offset.
 */
export async function searchCustomers(db: Queryable, query: CustomerListQuery): Promise<CustomerListResponse> {
  const q = query.q?.trim() ?? '';
  let where: SQL | undefined;
  if (q) {
    const words = q.split(/\s+/);
    const conditions: SQL[] = [and(...words.map((w) => ilike(customers.name, `%${likeLiteral(w)}%`)))!];
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 4) conditions.push(sql`${ORG_DIGITS} like ${`${digits}%`}`);
    if (/^\d{1,9}$/.test(q)) conditions.push(eq(customers.customerNumber, Number(q)));
    where = or(...conditions);
  }
  const page = query.after === undefined ? where : and(where, gt(customers.customerNumber, query.after));
  // Counted up to the cap and no further: a count of a million rows on every page would cost more than the page.
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(db.select({ one: sql`1` }).from(customers).where(where).limit(CUSTOMER_COUNT_CAP + 1).as('matches'));
  const n = counted?.n ?? 0;
  // Few matches (an org number, a rare name): read them through the search indexes and sort those; ordering
  // by the bare customer number would let the planner walk its index through a million customers looking
  // for them. Many matches: they are dense, and that walk finds a page at once.
  const order = where && n <= CUSTOMER_COUNT_CAP ? sql`${customers.customerNumber} + 0` : customers.customerNumber;
  const rows = await db
    .select()
    .from(customers)
    .where(page)
    .orderBy(asc(order))
    .limit(query.limit)
    .offset(query.after === undefined ? query.offset : 0);
  return { customers: rows.map(toCustomer), total: Math.min(n, CUSTOMER_COUNT_CAP), totalCapped: n > CUSTOMER_COUNT_CAP };
}
