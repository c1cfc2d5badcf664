import { digitsOnly, foldForSearch } from '@nota/domain';
import type { CustomerSummary } from '@nota/protocol';
import type Database from 'better-sqlite3';
import { CoreError } from '../errors';

export interface CustomerSearch {
  query: string;
  includeInactive?: boolean | undefined;
  limit?: number | undefined;
  /** Where the previous page ended (its `nextCursor`); absent for the first page. */
  cursor?: string | null | undefined;
}

export interface CustomerPage {
  customers: CustomerSummary[];
  /** Hands the next page to the same search; null when this page is the last. */
  nextCursor: string | null;
}

const SUMMARY_COLUMNS = `c.id, c.customer_number AS customerNumber, c.name, c.org_number AS orgNumber, c.city,
  c.active, c.invoicing_enabled AS invoicingEnabled, c.purchase_instruction AS purchaseInstruction, c.rowid AS rowid`;

type Row = Omit<CustomerSummary, 'active' | 'invoicingEnabled' | 'invoiceable'> & {
  active: number;
  invoicingEnabled: number;
  rowid: number;
  sortKey: string;
};

/**
 * A search is a list of phases read one after the other (customer number, then organisation numbers;
 * or names that start with the query, then names with a word that does). Each phase is read in a fixed
 * order, (sort key, rowid), so a page ends at a position the next page starts after: keyset paging,
 * which costs the same at row 900,000 as at row 1. Phases exclude what an earlier phase listed.
 */
type Phase =
  | { kind: 'number'; number: number }
  | { kind: 'org'; digits: string; except: string; exceptNumber: number }
  | { kind: 'all' }
  | { kind: 'name'; folded: string }
  | { kind: 'words'; folded: string; match: string };

/** A position: phase index, then the last row's sort key and rowid in that phase. */
type Position = [phase: number, key: string, rowid: number];
const START: Position = [0, '', -1];
/** An org-number prefix no row has (digits sort before ':'), for "exclude nothing". */
const NO_PREFIX = ':';

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value.length === 3 && Number.isInteger(value[0]) && value[0] >= 0 && typeof value[1] === 'string' && Number.isInteger(value[2])) {
      return value as Position;
    }
  } catch {
    // falls through to the refusal
  }
  throw new CoreError('VALIDATION', 'The cursor is not one a customer search gave.', 'cursor');
}

function phasesFor(query: string): Phase[] {
  const q = query.trim();
  if (!q) return [{ kind: 'all' }];
  if (/^[\d\s+-]+$/.test(q)) {
    const digits = digitsOnly(q);
    const number = digits.length > 0 && digits.length <= 9 ? Number(digits) : -1;
    const phases: Phase[] = [];
    if (number >= 0) phases.push({ kind: 'number', number });
    if (digits.length >= 2) {
      phases.push({ kind: 'org', digits, except: NO_PREFIX, exceptNumber: number });
      // Sole traders are stored with 12-digit personnummer; the cashier usually types 10.
      if (digits.length === 10) for (const century of ['19', '20']) phases.push({ kind: 'org', digits: century + digits, except: digits, exceptNumber: number });
    }
    return phases;
  }
  const folded = foldForSearch(q);
  const match = ftsPrefixQuery(folded);
  return match ? [{ kind: 'name', folded }, { kind: 'words', folded, match }] : [{ kind: 'name', folded }];
}

/**
 * Customer lookup at the register, offline, over up to millions of rows, a page at a time. Every
 * phase is served by an index and stops at the page's end:
 *  - digits: customer number (exact) and organisation/personal number (prefix, with or without dash);
 *  - text: names starting with the query (alphabetical), then names with any word starting with each
 *    query word (FTS5, alphabetical), accent-insensitive on both sides ("ostergren" finds "Östergren");
 *  - nothing typed: everyone, alphabetical.
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
  const after = '(c.sortKey, c.rowid) > (@key, @rowid)';
  const sql: Record<Phase['kind'], (inactive: boolean) => string> = {
    number: (inactive) =>
      `SELECT ${SUMMARY_COLUMNS}, '' AS sortKey FROM customers c WHERE c.customer_number = @number AND c.rowid > @rowid ${activeFilter(inactive)}`,
    org: (inactive) =>
      `SELECT ${SUMMARY_COLUMNS}, c.org_digits AS sortKey FROM customers c
        WHERE c.org_digits >= @digits AND c.org_digits < @digits || ':' AND ${after.replace('c.sortKey', 'c.org_digits')}
          AND NOT (c.org_digits >= @except AND c.org_digits < @except || ':') AND c.customer_number <> @exceptNumber ${activeFilter(inactive)}
        ORDER BY c.org_digits, c.rowid LIMIT @limit`,
    all: (inactive) =>
      `SELECT ${SUMMARY_COLUMNS}, c.name_folded AS sortKey FROM customers c
        WHERE ${after.replace('c.sortKey', 'c.name_folded')} ${activeFilter(inactive)}
        ORDER BY c.name_folded, c.rowid LIMIT @limit`,
    name: (inactive) =>
      `SELECT ${SUMMARY_COLUMNS}, c.name_folded AS sortKey FROM customers c
        WHERE c.name_folded >= @folded AND c.name_folded < @folded || char(1114111) AND ${after.replace('c.sortKey', 'c.name_folded')} ${activeFilter(inactive)}
        ORDER BY c.name_folded, c.rowid LIMIT @limit`,
    words: (inactive) =>
      `SELECT ${SUMMARY_COLUMNS}, c.name_folded AS sortKey FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
        WHERE customers_fts MATCH @match AND NOT (c.name_folded >= @folded AND c.name_folded < @folded || char(1114111))
          AND ${after.replace('c.sortKey', 'c.name_folded')} ${activeFilter(inactive)}
        ORDER BY c.name_folded, c.rowid LIMIT @limit`,
  };
  const read = (phase: Phase, inactive: boolean, key: string, rowid: number, limit: number) => {
    const { kind, ...params } = phase;
    return prepared(`${kind}${inactive}`, sql[kind](inactive)).all({ ...params, key, rowid, limit }) as Row[];
  };

  return function searchCustomers({ query, includeInactive = false, limit = 20, cursor }: CustomerSearch): CustomerPage {
    const phases = phasesFor(query);
    let [phase, key, rowid] = cursor ? decodeCursor(cursor) : START;
    const rows: Row[] = [];
    while (phase < phases.length && rows.length < limit) {
      const wanted = limit - rows.length;
      // One row more than wanted says whether this phase goes on past the page.
      const found = read(phases[phase]!, includeInactive, key, rowid, wanted + 1);
      if (found.length > wanted) {
        rows.push(...found.slice(0, wanted));
        const last = rows[rows.length - 1]!;
        [key, rowid] = [last.sortKey, last.rowid];
      } else {
        rows.push(...found);
        [phase, key, rowid] = [phase + 1, START[1], START[2]];
      }
    }

    return {
      customers: rows.map(({ rowid: _rowid, sortKey: _sortKey, ...row }) => ({
        ...row,
        active: row.active === 1,
        invoicingEnabled: row.invoicingEnabled === 1,
        invoiceable: row.active === 1 && row.invoicingEnabled === 1,
      })),
      nextCursor: phase < phases.length ? encodeCursor([phase, key, rowid]) : null,
    };
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
