import { and, asc, count, desc, eq, ilike, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { barcodeProblem } from '@nota/domain';
import type { ProductBody, ProductGroup, ProductListQuery, ProductListResponse } from '@nota/protocol';
import type { Queryable, Tx } from '../db/database';
import { productGroups, products, vatRates } from '../db/schema';
import type { Principal } from './auth/principal';
import { audit } from './audit';
import { appendChanges } from './change-feed';
import { HttpError } from './errors';

/** `%`, `_` and `\` typed by a person are searched for as themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const SORT_COLUMN = {
  name: sql`lower(${products.name})`,
  sku: products.sku,
  price: products.priceOre,
  group: sql`lower(${productGroups.name})`,
} as const;

/**
 * Head office's product list: a name containing what was typed, or a SKU or barcode starting with it;
 * one group or none; sorted by any column (then by id, so pages never overlap), a page at a time.
 */
export async function listProducts(db: Queryable, query: ProductListQuery): Promise<ProductListResponse> {
  const q = query.q?.trim() ?? '';
  const conditions: (SQL | undefined)[] = [];
  if (q) {
    const literal = likeLiteral(q);
    conditions.push(or(ilike(products.name, `%${literal}%`), like(products.sku, `${literal}%`), like(products.barcode, `${literal}%`)));
  }
  if (query.groupId) conditions.push(query.groupId === '-' ? isNull(products.groupId) : eq(products.groupId, query.groupId));
  if (query.barcode) conditions.push(eq(products.barcode, query.barcode));
  const where = and(...conditions);
  const order = query.direction === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    db
      .select({ product: products })
      .from(products)
      .leftJoin(productGroups, eq(productGroups.id, products.groupId))
      .where(where)
      .orderBy(sql`${order(SORT_COLUMN[query.sort])} nulls last`, asc(products.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ n: count() }).from(products).where(where),
  ]);
  return { products: rows.map((r) => r.product), total: total?.n ?? 0 };
}

export async function findProduct(db: Queryable, id: string): Promise<ProductBody | null> {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row ?? null;
}

export async function listProductGroups(db: Queryable): Promise<ProductGroup[]> {
  return db.select().from(productGroups).orderBy(asc(productGroups.name), asc(productGroups.id));
}

export async function listVatRates(db: Queryable) {
  return db.select().from(vatRates).orderBy(asc(vatRates.code), asc(vatRates.validFrom));
}

// Barcode checks and writes of products take turns, so two products cannot take one barcode at once.
const BARCODE_LOCK = 727_011;

/** What a product must be before registers get it: a barcode scanners can send and no one else has, a VAT code that exists. */
async function checkProduct(tx: Queryable, product: ProductBody): Promise<void> {
  if (product.barcode !== null) {
    if (barcodeProblem(product.barcode)) {
      throw new HttpError(400, 'BARCODE_CHARACTERS', 'body.barcode: a barcode is 1 to 64 visible characters without spaces.', 'body.barcode');
    }
    await tx.execute(sql`select pg_advisory_xact_lock(${BARCODE_LOCK})`);
    const [other] = await tx
      .select({ id: products.id, name: products.name })
      .from(products)
      .where(and(eq(products.barcode, product.barcode), ne(products.id, product.id)))
      .limit(1);
    if (other) {
      throw new HttpError(409, 'BARCODE_TAKEN', `body.barcode: ${product.barcode} is already the barcode of ${other.name} (${other.id}).`, 'body.barcode');
    }
  }
  const [rate] = await tx.select({ code: vatRates.code }).from(vatRates).where(eq(vatRates.code, product.vatCode)).limit(1);
  if (!rate) throw new HttpError(400, 'UNKNOWN_VAT_CODE', `body.vatCode: there is no VAT rate with the code '${product.vatCode}'.`, 'body.vatCode');
}

/** A save that changes nothing (a script run twice) leaves no line in the audit log. */
function unchanged(before: Record<string, unknown> | undefined, after: Record<string, unknown>): boolean {
  return before !== undefined && Object.keys(after).every((k) => before[k] === after[k]);
}

/** Creates or replaces a product; registers get it through the change feed, the audit log keeps before and after. */
export async function saveProduct(tx: Tx, who: Principal | null, product: ProductBody, now: Date): Promise<ProductBody> {
  await checkProduct(tx, product);
  const [before] = await tx.select().from(products).where(eq(products.id, product.id)).for('update');
  await tx.insert(products).values(product).onConflictDoUpdate({ target: products.id, set: product });
  await appendChanges(tx, [{ entity: 'product', data: product }]);
  if (!unchanged(before, product)) {
    await audit(tx, who, { entity: 'product', entityId: product.id, action: before ? 'update' : 'create', oldValue: before ?? null, newValue: product }, now);
  }
  return product;
}

export async function saveProductGroup(tx: Tx, who: Principal | null, group: ProductGroup, now: Date): Promise<ProductGroup> {
  const [before] = await tx.select().from(productGroups).where(eq(productGroups.id, group.id)).for('update');
  await tx.insert(productGroups).values(group).onConflictDoUpdate({ target: productGroups.id, set: group });
  await appendChanges(tx, [{ entity: 'product_group', data: group }]);
  if (!unchanged(before, group)) await audit(tx, who, { entity: 'product-group', entityId: group.id, action: before ? 'update' : 'create', oldValue: before ?? null, newValue: group }, now);
  return group;
}
