import { barcodeProblem } from '@nota/domain';
import { ProductBody } from '@nota/protocol';
import { amountForInput, parseAmount } from '@nota/web-kit';
import { z } from 'zod';

/** What the product form holds: text as typed (the price in kronor), a group and VAT code by their ids. */
export interface ProductFormValues {
  sku: string;
  name: string;
  groupId: string;
  price: string;
  vatCode: string;
  barcode: string;
  active: boolean;
}
export type ProductFields = Omit<ProductBody, 'id'>;

export function productFormValues(p: ProductBody | null): ProductFormValues {
  return p
    ? { sku: p.sku, name: p.name, groupId: p.groupId ?? '', price: amountForInput(p.priceOre, { language: 'sv', country: 'SE' }), vatCode: p.vatCode, barcode: p.barcode ?? '', active: p.active }
    : { sku: '', name: '', groupId: '', price: '', vatCode: 'standard', barcode: '', active: true };
}

const WireFields = ProductBody.omit({ id: true });
/** The form's name for a wire field. */
const FORM_FIELD: Record<string, keyof ProductFormValues> = { priceOre: 'price' };

/**
 * The server's rules in the browser: required fields, the price as web-kit reads an amount ("149,50"),
 * a barcode scanners can send (the domain's rule), then the wire contract (lengths, no control characters).
 * Messages are error codes where there is one, which the form turns into words.
 */
export const ProductFormSchema = z
  .object({ sku: z.string(), name: z.string(), groupId: z.string(), price: z.string(), vatCode: z.string(), barcode: z.string(), active: z.boolean() })
  .transform((v, ctx): ProductFields => {
    for (const field of ['sku', 'name', 'vatCode'] as const) {
      if (v[field].trim() === '') ctx.addIssue({ code: 'custom', path: [field], message: 'REQUIRED' });
    }
    const price = parseAmount(v.price);
    if (!price.ok) ctx.addIssue({ code: 'custom', path: ['price'], message: price.code });
    const barcode = v.barcode.trim() === '' ? null : v.barcode.trim();
    if (barcode !== null && barcodeProblem(barcode)) ctx.addIssue({ code: 'custom', path: ['barcode'], message: barcodeProblem(barcode)! });
    const fields: ProductFields = { sku: v.sku.trim(), barcode, name: v.name.trim(), groupId: v.groupId || null, priceOre: price.ok ? price.value : 0, vatCode: v.vatCode, active: v.active };
    const wire = WireFields.safeParse(fields);
    if (!wire.success) {
      for (const issue of wire.error.issues) {
        const field = String(issue.path[0]);
        if (v[FORM_FIELD[field] ?? (field as keyof ProductFormValues)] === '') continue; // already REQUIRED
        ctx.addIssue({ code: 'custom', path: [FORM_FIELD[field] ?? field], message: issue.message });
      }
    }
    return fields;
  });
