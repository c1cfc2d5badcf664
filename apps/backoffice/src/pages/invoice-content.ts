import { z } from 'zod';

/**
 * The few parts of an invoice's content the panel shows. The protocol carries content as a record (the
 * domain's InvoiceDocument or a draft's InvoiceContent); what is missing or odd shows as nothing.
 */
const Line = z.object({
  description: z.string(),
  quantity: z.number(),
  unitPriceOre: z.int(),
  discountOre: z.int().catch(0),
  grossOre: z.int(),
  vatRateBp: z.int(),
});
export const InvoiceContentView = z.object({
  lines: z.array(Line).catch([]),
  netOre: z.int().optional().catch(undefined),
  vatOre: z.int().optional().catch(undefined),
  buyerReference: z.string().nullable().optional().catch(null),
  registerName: z.string().optional().catch(undefined),
});
export type InvoiceContentView = z.infer<typeof InvoiceContentView>;

export function contentView(content: Record<string, unknown>): InvoiceContentView {
  const parsed = InvoiceContentView.safeParse(content);
  return parsed.success ? parsed.data : { lines: [] };
}
