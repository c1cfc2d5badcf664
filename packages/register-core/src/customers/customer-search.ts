import { digitsOnly, foldForSearch } from '@nota/domain';
import type { CustomerSummary } from '@nota/protocol';
import type Database from 'better-sqlite3';

export interface CustomerSearch {
  query: string;
  includeInactive?: boolean | undefined;
  limit?: number | undefined;
}

const SUMMARY_COLUMNS = `c.id, c.customer_number AS customerNumber, c.name, c.org_number AS orgNumber, c.city,
  c.active, c.invoicing_enabled AS invoicingEnabled, c.purchase_instruction AS purchaseInstruction`;

type Row = Omit<CustomerSummary, 'active' | 'invoicingEnabled' | 'invoiceable'> & {
  active: number;
  invoicingEnabled: number;
};

/**
 * Customer lookup at the register, offline, over up to millions of rows. Every branch is served by an
 * index and stops at `limit`:
 *  - digits: customer number (exact) and organisation/personal number (prefix, with or without dash);
 *  - text: names starting with the query (alphabetical), then names with any word starting with each
 *    query word (FTS5), accent-insensitive on both sides ("ostergren" finds "Östergren").
 * Inactive customers appear only when asked for.
 */
export function createCustomerSearch(sqlite: Database.Database) {
  const activeFilter = (includeInactive: boolean) => (includeInactive ? '' : 'AND c.active = 1');
  const statements = new Map<string, Database.Statement>();
  const prepared = (key: string, sql: string) => {
    let statement = statements.get(key);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(key, statement);
    }
    return statement;
  };

  const byNumber = (inactive: boolean) =>
    prepared(`number${inactive}`, `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE c.customer_number = ? ${activeFilter(inactive)}`);
  const byOrgPrefix = (inactive: boolean) =>
    prepared(
      `org${inactive}`,
      `SELECT ${SUMMARY_COLUMNS} FROM customers c
        WHERE c.org_digits >= @digits AND c.org_digits < @digits || ':' ${activeFilter(inactive)}
        ORDER BY c.org_digits LIMIT @limit`,
    );
  const byNamePrefix = (inactive: boolean) =>
    prepared(
      `name${inactive}`,
      `SELECT ${SUMMARY_COLUMNS} FROM customers c
        WHERE c.name_folded >= @folded AND c.name_folded < @folded || char(1114111) ${activeFilter(inactive)}
        ORDER BY c.name_folded LIMIT @limit`,
    );
  const byWords = (inactive: boolean) =>
    prepared(
      `words${inactive}`,
      `SELECT ${SUMMARY_COLUMNS} FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
        WHERE customers_fts MATCH @match ${activeFilter(inactive)} LIMIT @limit`,
    );
  const firstPage = (inactive: boolean) =>
    prepared(`all${inactive}`, `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE 1 = 1 ${activeFilter(inactive)} ORDER BY c.name_folded LIMIT @limit`);

  return function searchCustomers({ query, includeInactive = false, limit = 20 }: CustomerSearch): CustomerSummary[] {
    const q = query.trim();
    const results = new Map<string, Row>();
    const add = (rows: unknown[]) => {
      for (const row of rows as Row[]) if (results.size < limit && !results.has(row.id)) results.set(row.id, row);
    };

    if (!q) {
      add(firstPage(includeInactive).all({ limit }));
    } else if (/^[\d\s+-]+$/.test(q)) {
      const digits = digitsOnly(q);
      if (digits.length <= 9) add(byNumber(includeInactive).all(Number(digits)));
      if (digits.length >= 2) {
        add(byOrgPrefix(includeInactive).all({ digits, limit }));
        // Sole traders are stored with 12-digit personnummer; the cashier usually types 10.
        if (digits.length === 10) {
          for (const century of ['19', '20']) add(byOrgPrefix(includeInactive).all({ digits: century + digits, limit }));
        }
      }
    } else {
      const folded = foldForSearch(q);
      add(byNamePrefix(includeInactive).all({ folded, limit }));
      const match = ftsPrefixQuery(folded);
      if (match && results.size < limit) {
        const words = byWords(includeInactive)
          .all({ match, limit: limit * 2 })
          .sort((a, b) => (a as Row).name.localeCompare((b as Row).name, 'sv'));
        add(words);
      }
    }

    return [...results.values()].map((row) => ({
      ...row,
      active: row.active === 1,
      invoicingEnabled: row.invoicingEnabled === 1,
      invoiceable: row.active === 1 && row.invoicingEnabled === 1,
    }));
  };
}

/** Every query word must start some word of the name: `"oster"* AND "bygg"*`. */
export function ftsPrefixQuery(folded: string): string | null {
  const words = folded
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => `"${w}"*`);
  return words.length ? words.join(' AND ') : null;
}
