import { journalCodes, type TrainingStatus } from '@nota/protocol';
import { desc, eq, inArray } from 'drizzle-orm';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { journal, users } from '../db/schema';
import { CoreError } from '../errors';
import { logEvent } from '../journal/journal';

const SWITCHES = [journalCodes.trainingOn, journalCodes.trainingOff];

/**
 * Training mode is what the journal last says about it: the journal line is the record the law asks
 * for, so there is no second place that could disagree with it, and it survives a restart.
 */
export function trainingStatus(db: Db): TrainingStatus {
  const last = db
    .select({ code: journal.code, at: journal.occurredAt, by: users.name })
    .from(journal)
    .leftJoin(users, eq(users.id, journal.userId))
    .where(inArray(journal.code, SWITCHES))
    .orderBy(desc(journal.seq))
    .limit(1)
    .get();
  return { on: last?.code === journalCodes.trainingOn, since: last?.at ?? null, by: last?.by ?? null };
}

export function isTrainingOn(db: Db): boolean {
  return trainingStatus(db).on;
}

/** A manager switches training mode; switching it to what it already is changes nothing and logs nothing. */
export function setTraining(ctx: CoreContext, on: boolean): TrainingStatus {
  const user = ctx.session.requireRole('manager', on ? 'turn training mode on' : 'turn training mode off');
  return ctx.db.transaction(
    (tx) => {
      if (trainingStatus(tx).on === on) return trainingStatus(tx);
      logEvent(tx, { code: on ? 'trainingOn' : 'trainingOff', at: ctx.now(), userId: user.id });
      return trainingStatus(tx);
    },
    { behavior: 'immediate' },
  );
}

/** Training sales are for practice: they never make a delivery note, which would take a real number. */
export function refuseInvoiceInTraining(training: boolean, invoiceCustomer: unknown): void {
  if (training && invoiceCustomer) {
    throw new CoreError('TRAINING_NO_INVOICE', 'invoice: invoice sales cannot be made in training mode. Turn training mode off to invoice a customer.', 'invoice');
  }
}
