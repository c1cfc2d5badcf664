import { foldForSearch } from '@nota/domain';
import type { Product, ProductGroup } from '@nota/protocol';
import { eq, inArray } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { productGroups, products } from '../db/schema';
import { CoreError } from '../errors';

const columns = {
  id: products.id,
  sku: products.sku,
  barcode: products.barcode,
  name: products.name,
  groupId: products.groupId,
  priceOre: products.priceOre,
  vatCode: products.vatCode,
  active: products.active,
};

export function upsertProducts(db: Db, rows: readonly Product[], groups: readonly ProductGroup[] = []): void {
  db.transaction((tx) => {
    for (const group of groups) {
      tx.insert(productGroups).values(group).onConflictDoUpdate({ target: productGroups.id, set: { name: group.name } }).run();
    }
    for (const row of rows) {
      const values = { ...row, nameFolded: foldForSearch(row.name) };
      tx.insert(products).values(values).onConflictDoUpdate({ target: products.id, set: values }).run();
    }
  });
}

const PRODUCT_COLUMNS = 'id, sku, barcode, name, group_id AS groupId, price_ore AS priceOre, vat_code AS vatCode, active';
type ProductRow = Omit<Product, 'active'> & { active: number };
const toProduct = (row: ProductRow): Product => ({ ...row, active: row.active === 1 });

// Statements are prepared once per connection: the search runs at every keystroke.
const statementsByConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let statements = statementsByConnection.get(sqlite);
  if (!statements) statementsByConnection.set(sqlite, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

const EXACT = `SELECT ${PRODUCT_COLUMNS} FROM products WHERE active = 1 AND (barcode = @q OR sku = @q) ORDER BY name_folded LIMIT @limit`;
const NAME_PREFIX = `SELECT ${PRODUCT_COLUMNS} FROM products
  WHERE active = 1 AND name_folded >= @f AND name_folded < @f || char(0x10FFFF) ORDER BY name_folded LIMIT @limit`;
// Walks the name index in order and stops at the limit, instead of sorting every match.
const NAME_CONTAINS = `SELECT ${PRODUCT_COLUMNS} FROM products INDEXED BY products_name_folded
  WHERE active = 1 AND name_folded LIKE '%' || @like || '%' ESCAPE '\\' ORDER BY name_folded LIMIT @limit`;

/**
 * One search box for the cashier: an exact barcode or SKU wins, then names that start with the
 * query, then names that contain it, each by name. Each part is served by an index and stops at the
 * limit; the "contains" part reads names in order until it has enough.
 */
export function searchProducts(sqlite: Database.Database, query: string, limit = 20): Product[] {
  const q = query.trim();
  if (!q) return [];
  const folded = foldForSearch(q);
  const found = new Map<string, Product>();
  const add = (rows: unknown[]) => {
    for (const row of rows as ProductRow[]) if (found.size < limit && !found.has(row.id)) found.set(row.id, toProduct(row));
  };
  add(prepared(sqlite, EXACT).all({ q, limit }));
  if (found.size < limit) add(prepared(sqlite, NAME_PREFIX).all({ f: folded, limit }));
  // The names already found match here too: ask for that many more.
  if (found.size < limit) add(prepared(sqlite, NAME_CONTAINS).all({ like: escapeLike(folded), limit: limit + found.size }));
  return [...found.values()];
}

export function findByBarcode(db: Db, barcode: string): Product {
  const row = db.select(columns).from(products).where(eq(products.barcode, barcode.trim())).get();
  if (!row || !row.active) {
    throw new CoreError('UNKNOWN_PRODUCT', `No product has the barcode ${barcode}.`, 'barcode');
  }
  return row;
}

/** Products by id for pricing a sale; every id must exist and be active. */
export function productsForSale(db: Db, ids: readonly string[]): Map<string, Product> {
  const found = new Map(
    db.select(columns).from(products).where(inArray(products.id, [...new Set(ids)])).all().map((p) => [p.id, p]),
  );
  ids.forEach((id, i) => {
    const product = found.get(id);
    if (!product || !product.active) {
      throw new CoreError('UNKNOWN_PRODUCT', `lines[${i}].productId: no active product ${id}.`, `lines[${i}].productId`);
    }
  });
  return found;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Product groups for the quick-pick grid, each with its first `perGroup` active products by name.
 * Each group is a short read of the (group, name) index: the grid is drawn when the sale screen opens,
 * and sorting the whole catalog by group and name made that wait.
 */
export function productGroupsWithProducts(sqlite: Database.Database, perGroup = 24): (ProductGroup & { products: Product[] })[] {
  const groups = prepared(sqlite, 'SELECT id, name FROM product_groups ORDER BY name').all() as ProductGroup[];
  const firstOfGroup = prepared(
    sqlite,
    `SELECT ${PRODUCT_COLUMNS} FROM products WHERE group_id = ? AND active = 1 ORDER BY name_folded LIMIT ?`,
  );
  return groups
    .map((g) => ({ ...g, products: (firstOfGroup.all(g.id, perGroup) as ProductRow[]).map(toProduct) }))
    .filter((g) => g.products.length > 0);
}
