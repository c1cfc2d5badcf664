import { and, asc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import { activateInvoice, activationProblems, localDateIn, TIME_ZONES, type ActivationProblem, type InvoiceContent } from '@nota/domain';
import type { Database } from '../../db/database';
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
    const installation = await readConfig(tx, 'installation');
    if (!installation) throw new Error('installation id missing: seed did not run');
    const customers = await loadInvoiceCustomers(tx, drafts.map((d) => d.customerId));

    const ready: { id: string; content: InvoiceContent; customerId: string }[] = [];
    for (const draft of drafts) {
      const content = draft.content as InvoiceContent;
      const problems = activationProblems(content, customers.get(draft.customerId) ?? null, seller);
      if (problems.length === 0) {
        ready.push({ id: draft.id, content, customerId: draft.customerId });
        continue;
      }
      result.waiting.push({ id: draft.id, problems });
      await tx.update(invoiceDocuments).set({ problems, activationDueAt: null }).where(eq(invoiceDocuments.id, draft.id));
    }
    if (ready.length === 0 || !seller) return result;

    const productIds = [...new Set(ready.flatMap((r) => r.content.lines.map((l) => l.productId)))];
    const groups = new Map(
      (await tx.select({ id: products.id, groupId: products.groupId }).from(products).where(inArray(products.id, productIds))).map((p) => [p.id, p.groupId]),
    );
    const today = localDateIn(now, TIME_ZONES[seller.country]);
    const activate = (draft: (typeof ready)[number], number: number) =>
      activateInvoice(draft.content, { number, today, seller, customer: customers.get(draft.customerId)!, productGroups: groups });
    // Tried before numbers are taken: a draft activation cannot handle stops only itself, and no
    // number is taken for it (the series stays gapless).
    const activatable: typeof ready = [];
    for (const draft of ready) {
      try {
        activate(draft, 1);
        activatable.push(draft);
      } catch (error) {
        const problems: ActivationProblem[] = [{ code: 'ACTIVATION_FAILED', message: `The invoice cannot be activated: ${(error as Error).message}` }];
        result.waiting.push({ id: draft.id, problems });
        await tx.update(invoiceDocuments).set({ problems, activationDueAt: null }).where(eq(invoiceDocuments.id, draft.id));
      }
    }
    const numbers = await takeInvoiceNumbers(tx, activatable.length);
    for (const [i, draft] of activatable.entries()) {
      const number = numbers[i]!;
      const doc = activate(draft, number);
      await tx
        .update(invoiceDocuments)
        .set({
          status: 'active',
          number,
          content: doc,
          invoiceDate: doc.invoiceDate,
          dueDate: doc.dueDate,
          paymentReference: doc.paymentReference,
          problems: null,
          activationDueAt: null,
          activatedAt: now,
        })
        .where(eq(invoiceDocuments.id, draft.id));
      result.activated.push({ id: draft.id, number });
    }
    await enqueueExports(tx, result.activated, installation.id, now);
    return result;
  });
}
