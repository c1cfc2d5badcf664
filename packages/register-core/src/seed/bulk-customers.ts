import type { Customer } from '@nota/protocol';
import type Database from 'better-sqlite3';
import { upsertCustomersPage } from '../customers/customer-repo';

const PAGE = 10_000;

/**
 * Loads a large customer register (benchmarks, demos) in one transaction through the sync pull's own
 * write path, so the rows and the search index are exactly what a pull would have left. One commit
 * instead of one per page: a million rows cost one fsync, not a hundred. The page cache is raised for
 * the load, as index pages of a million rows do not fit the default 2 MB, and put back afterwards.
 */
export function insertCustomersInBulk(sqlite: Database.Database, customers: Iterable<Customer>): number {
  const cacheBefore = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  let count = 0;
  try {
    sqlite.transaction(() => {
      let page: Customer[] = [];
      for (const customer of customers) {
        page.push(customer);
        if (page.length === PAGE) {
          upsertCustomersPage(sqlite, page);
          count += page.length;
          page = [];
        }
      }
      if (page.length) upsertCustomersPage(sqlite, page);
      count += page.length;
    })();
  } finally {
    sqlite.pragma(`cache_size = ${cacheBefore}`);
  }
  return count;
}
