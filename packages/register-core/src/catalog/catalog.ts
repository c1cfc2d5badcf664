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

/**
 * One search box for the cashier: an exact barcode or SKU wins, then names that start with the
 * query, then names that contain it. The catalog is thousands of rows, not millions, so the
 * "contains" scan is cheap.
 */
export function searchProducts(sqlite: Database.Database, query: string, limit = 20): Product[] {
  const q = query.trim();
  if (!q) return [];
  const folded = foldForSearch(q);
  const rows = sqlite
    .prepare(
      `SELECT id, sku, barcode, name, group_id AS groupId, price_ore AS priceOre, vat_code AS vatCode, active,
              CASE WHEN barcode = @q OR sku = @q THEN 0
                   WHEN name_folded >= @f AND name_folded < @f || char(0x10FFFF) THEN 1
                   ELSE 2 END AS rank
         FROM products
        WHERE active = 1
          AND (barcode = @q OR sku = @q OR name_folded LIKE '%' || @like || '%' ESCAPE '\\')
        ORDER BY rank, name_folded
        LIMIT @limit`,
    )
    .all({ q, f: folded, like: escapeLike(folded), limit }) as (Omit<Product, 'active'> & { rank: number; active: number })[];
  return rows.map(({ rank: _rank, ...row }) => ({ ...row, active: row.active === 1 }));
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
 * One query for all groups: the grid is drawn once when the sale screen opens.
 */
export function productGroupsWithProducts(sqlite: Database.Database, perGroup = 24): (ProductGroup & { products: Product[] })[] {
  const groups = sqlite.prepare('SELECT id, name FROM product_groups ORDER BY name').all() as ProductGroup[];
  const rows = sqlite
    .prepare(
      `SELECT id, sku, barcode, name, groupId, priceOre, vatCode, active FROM (
         SELECT id, sku, barcode, name, group_id AS groupId, price_ore AS priceOre, vat_code AS vatCode, active,
                ROW_NUMBER() OVER (PARTITION BY group_id ORDER BY name_folded) AS n
           FROM products WHERE active = 1 AND group_id IS NOT NULL)
        WHERE n <= ? ORDER BY groupId, n`,
    )
    .all(perGroup) as (Omit<Product, 'active'> & { active: number })[];
  const byGroup = new Map(groups.map((g) => [g.id, { ...g, products: [] as Product[] }]));
  for (const row of rows) byGroup.get(row.groupId!)?.products.push({ ...row, active: row.active === 1 });
  return [...byGroup.values()].filter((g) => g.products.length > 0);
}
