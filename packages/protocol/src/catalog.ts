import { z } from 'zod';
import { Ore } from './common';

export const Product = z.object({
  id: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  groupId: z.string().nullable(),
  priceOre: Ore,
  vatCode: z.string(),
  active: z.boolean(),
});
export type Product = z.infer<typeof Product>;

export const ProductGroup = z.object({ id: z.string(), name: z.string() });
export type ProductGroup = z.infer<typeof ProductGroup>;
