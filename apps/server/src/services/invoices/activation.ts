import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { activateInvoice, activationProblems, localDateIn, TIME_ZONES, type ActivationProblem, type InvoiceContent, type InvoiceDocument } from '@nota/domain';
import type { Database, Tx } from '../../db/database';
import { invoiceDocuments, products } from '../../db/schema';
import { readConfig } from '../config/server-config';
import { enqueueExports } from '../export/export-jobs';
import { loadInvoiceCustomers } from './invoice-customer';
import { takeInvoiceNumbers } from './invoice-numbers';

export interface ActivationResult {
  activated: { id: string; number: number }[];
  waiting: { id: string; problems: ActivationProblem[] }[];
}

const BATCH = 200;

/**
 * Activates drafts: checks each for completeness, and numbers the complete ones from the gapless
 * series in one transaction, queueing their exports with them. A draft that cannot be activated
 * keeps its reasons and waits for a person or a change (the customer arrives, the seller details are
 * filled in). Drafts are locked with SKIP LOCKED, so concurrent activators (other instances) take
 * different drafts; the number counter's row lock orders their numbers.
 */
export async function activateDrafts(db: Database, now: Date, which: { due: true } | { ids: readonly string[] }): Promise<ActivationResult> {
  return db.transaction(async (tx) => {
    const filter: SQL[] = [eq(invoiceDocuments.status, 'draft')];
    filter.push('ids' in which ? inArray(invoiceDocuments.id, [...which.ids]) : lte(invoiceDocuments.activationDueAt, now));
    const drafts = await tx
      .select({ id: invoiceDocuments.id, content: invoiceDocuments.content, customerId: invoiceDocuments.customerId })
      .from(invoiceDocuments)
      .where(and(...filter))
      .orderBy(asc(invoiceDocuments.createdAt), asc(invoiceDocuments.id))
      .limit(BATCH)
      // The background round skips drafts another holds; a person asking for one draft waits for it.
      .for('update', 'ids' in which ? {} : { skipLocked: true });
    const result: ActivationResult = { activated: [], waiting: [] };
    if (drafts.length === 0) return result;

    const seller = await readConfig(tx, 'seller');
    const customers = await loadInvoiceCustomers(tx, drafts.map((d) => d.customerId));
    const productIds = [...new Set(drafts.flatMap((d) => (d.content as InvoiceContent).lines.map((l) => l.productId)))];
    const groups = new Map(
      (await tx.select({ id: products.id, groupId: products.groupId }).from(products).where(inArray(products.id, productIds))).map((p) => [p.id, p.groupId]),
    );

    const ready: { id: string; activate: (number: number) => InvoiceDocument }[] = [];
    for (const draft of drafts) {
      const content = draft.content as InvoiceContent;
      const customer = customers.get(draft.customerId) ?? null;
      let problems = activationProblems(content, customer, seller);
      if (problems.length === 0 && seller && customer) {
        const today = localDateIn(now, TIME_ZONES[seller.country]);
        const activate = (number: number) => activateInvoice(content, { number, today, seller, customer, productGroups: groups });
        // Tried before numbers are taken: a draft activation cannot handle stops only itself, and no
        // number is taken for it (the series stays gapless).
        try {
          activate(1);
          ready.push({ id: draft.id, activate });
          continue;
        } catch (error) {
          problems = [{ code: 'ACTIVATION_FAILED', message: `The invoice cannot be activated: ${(error as Error).message}` }];
        }
      }
      result.waiting.push({ id: draft.id, problems });
    }
    await setAside(tx, result.waiting);

    const numbers = await takeInvoiceNumbers(tx, ready.length);
    const documents = ready.map((draft, i) => ({ id: draft.id, doc: draft.activate(numbers[i]!) }));
    await markActive(tx, documents, now);
    result.activated = documents.map(({ id, doc }) => ({ id, number: doc.number }));
    await enqueueExports(tx, result.activated, now);
    return result;
  });
}

/** Drafts that wait keep their reasons, one statement per distinct set of reasons. */
async function setAside(tx: Tx, waiting: ActivationResult['waiting']): Promise<void> {
  const byReasons = new Map<string, string[]>();
  for (const w of waiting) {
    const key = JSON.stringify(w.problems);
    byReasons.set(key, [...(byReasons.get(key) ?? []), w.id]);
  }
  for (const [problems, ids] of byReasons) {
    await tx
      .update(invoiceDocuments)
      .set({ problems: JSON.parse(problems) as ActivationProblem[], activationDueAt: null })
      .where(inArray(invoiceDocuments.id, ids));
  }
}

/** The activated documents in one statement: each its number, content, dates and reference. */
async function markActive(tx: Tx, documents: readonly { id: string; doc: InvoiceDocument }[], now: Date): Promise<void> {
  if (documents.length === 0) return;
  const values = sql.join(
    documents.map(
      ({ id, doc }) =>
        sql`(${id}::uuid, ${doc.number}::integer, ${JSON.stringify(doc)}::jsonb, ${doc.invoiceDate}, ${doc.dueDate}, ${doc.paymentReference})`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update ${invoiceDocuments} set
      status = 'active', number = v.number, content = v.content, invoice_date = v.invoice_date,
      due_date = v.due_date, payment_reference = v.reference, problems = null, activation_due_at = null,
      activated_at = ${now.toISOString()}::timestamptz
    from (values ${values}) as v(id, number, content, invoice_date, due_date, reference)
    where ${invoiceDocuments.id} = v.id`);
}
