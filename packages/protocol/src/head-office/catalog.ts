import { z } from 'zod';
import { Product, ProductGroup } from '../catalog';
import { NonNegativeOre, Text } from '../common';
import { VatRateRecord } from '../sync-api';

/**
 * Head office's catalog: products and product groups as `PUT /api/products/:id` and
 * `PUT /api/product-groups/:id` save them (registers mirror them through the change feed), the
 * product list head office searches, and the VAT rates a product's VAT code refers to.
 */

/** A product as head office saves it: what registers mirror, at a price no lower than zero. */
export const ProductBody = Product.extend({ priceOre: NonNegativeOre });
export type ProductBody = z.infer<typeof ProductBody>;

export const ProductSort = z.enum(['name', 'sku', 'price', 'group']);
export type ProductSort = z.infer<typeof ProductSort>;

/**
 * `GET /api/products`: `q` finds a name containing it, or a SKU or barcode starting with it; `groupId`
 * keeps one group (`-` for products in none); `barcode` is one exact barcode (to see who has it).
 */
export const ProductListQuery = z.object({
  q: Text(100).trim().optional(),
  groupId: Text(100).min(1).optional(),
  barcode: Text(64).min(1).optional(),
  sort: ProductSort.default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;
export const ProductListResponse = z.object({ products: z.array(ProductBody), total: z.int() });
export type ProductListResponse = z.infer<typeof ProductListResponse>;

export const ProductGroupList = z.object({ productGroups: z.array(ProductGroup) });
export type ProductGroupList = z.infer<typeof ProductGroupList>;

/** Every VAT rate with its validity, so a page can say which rate a code has on a given day. */
export const VatRateList = z.object({ vatRates: z.array(VatRateRecord) });
export type VatRateList = z.infer<typeof VatRateList>;
