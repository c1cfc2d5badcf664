import { z } from 'zod';
import { Ore, Text } from './common';

/** A catalog key chosen by head office (product, group, VAT code): one line, never empty. */
export const RecordKey = (max: number) => Text(max).min(1);

export const Product = z.object({
  id: RecordKey(100),
  sku: Text(64),
  barcode: Text(64).nullable(),
  name: Text(200),
  groupId: RecordKey(100).nullable(),
  priceOre: Ore,
  vatCode: RecordKey(20),
  active: z.boolean(),
});
export type Product = z.infer<typeof Product>;

export const ProductGroup = z.object({ id: RecordKey(100), name: Text(200) });
export type ProductGroup = z.infer<typeof ProductGroup>;
