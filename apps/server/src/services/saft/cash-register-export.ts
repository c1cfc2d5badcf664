import { nextDate, norwegianDayStart, type SellerProfile } from '@nota/domain';
import type { DayReport, JournalEntry, Sale } from '@nota/protocol';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { costCentres, productGroups, products, registerJournal, registers, registerUsers, sales, vatRates, zReports } from '../../db/schema';
import { readConfig } from '../config/server-config';
import { HttpError } from '../errors';
import { LINE_TYPES, PAYMENT_TYPES, TRANSACTION_KINDS } from './saft-codes';
import {
  eventXml,
  FILE_END,
  fileStart,
  fitsId,
  LOCATION_END,
  locationStart,
  REGISTER_END,
  registerStart,
  transactionXml,
  type KnownIds,
  type SaftFileFacts,
} from './saft-xml';
import { eventReportXml, zEventXml } from './z-report-xml';

export interface SaftRequest {
  /** First and last day of the period, Norwegian calendar days, both included. */
  from: string;
  to: string;
  costCentre?: string | undefined;
}

/** What the file is about, read before the first byte is sent, so a refusal can still be an HTTP error. */
export interface SaftPlan {
  facts: SaftFileFacts;
  known: KnownIds;
  /** The company as each Z report names it. */
  reportCompany: { ident: string; name: string };
  start: Date;
  end: Date;
  locations: { name: string; registers: { id: string; name: string }[] }[];
}

/** Norway's standard rates are always declared; any other rate head office has is added. */
const NORWEGIAN_RATES_BP = [2500, 1500, 1200, 0];
/** Rows per query: enough to keep the database busy, small enough that memory stays flat. */
const PAGE = 1_000;

export async function planSaftExport(db: Database, req: SaftRequest, now: Date, softwareVersion: string): Promise<SaftPlan> {
  return db.read(async (q) => {
    const seller = await readConfig(q, 'seller');
    if (!seller?.name || !seller.orgNumber) {
      throw new HttpError(409, 'SELLER_INCOMPLETE', "The SAF-T file names the company: save head office's seller (name and organisation number) first.", 'seller');
    }
    const centres = await q
      .select({ code: costCentres.code, name: costCentres.name })
      .from(costCentres)
      .where(req.costCentre === undefined ? undefined : eq(costCentres.code, req.costCentre))
      .orderBy(asc(costCentres.code));
    if (req.costCentre !== undefined && centres.length === 0) {
      throw new HttpError(404, 'UNKNOWN_COST_CENTRE', `costCentre: there is no cost centre ${req.costCentre}.`, 'costCentre');
    }
    const regs = await q.select({ id: registers.id, name: registers.name, costCentre: registers.costCentre }).from(registers).orderBy(asc(registers.name), asc(registers.id));
    const users = (await q.select({ id: registerUsers.id, name: registerUsers.name }).from(registerUsers).orderBy(asc(registerUsers.id))).filter((u) => fitsId(u.id));
    const groups = await q.select({ id: productGroups.id, name: productGroups.name }).from(productGroups).orderBy(asc(productGroups.id));
    const fixedIds = new Set<string>([...Object.values(LINE_TYPES), ...Object.values(TRANSACTION_KINDS), ...Object.values(PAYMENT_TYPES)].map((b) => b.basicID));
    // A group is declared under its own id unless that id cannot be one (too long, or taken by a fixed code).
    const declaredGroups = groups.filter((g) => fitsId(g.id) && !fixedIds.has(g.id) && !/^13\d{3}$/.test(g.id));
    const groupIds = new Set(declaredGroups.map((g) => g.id));
    const articles = (await q.select({ id: products.id, name: products.name, groupId: products.groupId }).from(products).orderBy(asc(products.id)))
      .filter((a) => fitsId(a.id))
      .map((a) => ({ ...a, groupId: a.groupId !== null && groupIds.has(a.groupId) ? a.groupId : null }));
    const rates = new Set([...NORWEGIAN_RATES_BP, ...(await q.selectDistinct({ bp: vatRates.rateBp }).from(vatRates)).map((r) => r.bp)]);
    return {
      facts: {
        from: req.from,
        to: req.to,
        createdAt: now,
        softwareVersion,
        comment: `Period ${req.from} to ${req.to}${req.costCentre !== undefined ? `, cost centre ${req.costCentre}` : ''}`,
        company: companyOf(seller),
        vatRatesBp: [...rates].sort((a, b) => b - a),
        employees: users,
        articles,
        groups: declaredGroups,
      },
      known: { employees: new Set(users.map((u) => u.id)), articleGroups: new Map(articles.map((a) => [a.id, a.groupId])) },
      reportCompany: { ident: seller.orgNumber.replace(/\D/g, '') || seller.orgNumber, name: seller.name },
      start: norwegianDayStart(req.from),
      end: norwegianDayStart(nextDate(req.to)),
      locations: centres.map((c) => ({ name: c.name, registers: regs.filter((r) => r.costCentre === c.code) })),
    };
  });
}

function companyOf(seller: SellerProfile) {
  return { orgNumber: seller.orgNumber, name: seller.name, street: seller.street, postalCode: seller.postalCode, city: seller.city, country: seller.country };
}

/**
 * The file, piece by piece: each register's journal lines and then its sales of the period, read a page at
 * a time by keyset (never OFFSET, never the whole period), each page one short read of its own, so the
 * export never holds the database (PGlite has one connection) while the client downloads.
 */
export async function* saftCashRegisterXml(db: Database, plan: SaftPlan, pageSize = PAGE): AsyncGenerator<string> {
  yield fileStart(plan.facts);
  for (const location of plan.locations) {
    yield locationStart(location.name);
    for (const register of location.registers) {
      yield registerStart(register.id, register.name);
      yield* events(db, plan, register.id, pageSize);
      yield* transactions(db, plan, register.id, pageSize);
      yield REGISTER_END;
    }
    yield LOCATION_END;
  }
  yield FILE_END;
}

/**
 * The register's journal lines of the period, then its Z reports: a Z report rides on the journal line
 * that logged it (code 13009, `Z <number>`), and one whose line head office does not have comes on its own.
 */
async function* events(db: Database, plan: SaftPlan, registerId: string, pageSize: number): AsyncGenerator<string> {
  // A year has about 365 Z reports per register: small enough to hold while the journal streams by.
  const zRows = await db.read((q) =>
    q
      .select({ number: zReports.number, payload: zReports.payload })
      .from(zReports)
      .where(and(eq(zReports.registerId, registerId), gte(zReports.closedAt, plan.start), lt(zReports.closedAt, plan.end)))
      .orderBy(asc(zReports.number)),
  );
  const pending = new Map(zRows.map((z) => [z.number, z.payload as DayReport]));
  const reportFor = (entry: JournalEntry): string => {
    const number = entry.code === '13009' ? /^Z (\d+)$/.exec(entry.detail ?? '')?.[1] : undefined;
    const report = number === undefined ? undefined : pending.get(Number(number));
    if (!report) return '';
    pending.delete(report.number!);
    return eventReportXml(report, registerId, plan.reportCompany);
  };
  yield* journalEvents(db, plan, registerId, pageSize, reportFor);
  const unlogged = [...pending.values()].map((report) => zEventXml(report, registerId, plan.reportCompany, plan.known));
  if (unlogged.length) yield unlogged.join('');
}

async function* journalEvents(db: Database, plan: SaftPlan, registerId: string, pageSize: number, reportFor: (entry: JournalEntry) => string): AsyncGenerator<string> {
  let afterSeq = 0;
  for (;;) {
    const page = await db.read((q) =>
      q
        .select({ seq: registerJournal.seq, payload: registerJournal.payload, receiptNumber: sales.receiptNumber })
        .from(registerJournal)
        // The sale a line concerns (a copy, a return receipt) is named by its receipt number, as transactions are.
        .leftJoin(sales, and(eq(sales.registerId, registerJournal.registerId), sql`${sales.id} = (${registerJournal.payload} ->> 'saleId')::uuid`))
        .where(
          and(
            eq(registerJournal.registerId, registerId),
            sql`${registerJournal.seq} > ${afterSeq}`,
            gte(registerJournal.occurredAt, plan.start),
            lt(registerJournal.occurredAt, plan.end),
          ),
        )
        .orderBy(asc(registerJournal.seq))
        .limit(pageSize),
    );
    if (page.length === 0) return;
    yield page
      .map((row) => {
        const entry = row.payload as JournalEntry;
        return eventXml(entry, row.receiptNumber, plan.known, reportFor(entry));
      })
      .join('');
    afterSeq = page[page.length - 1]!.seq;
    if (page.length < pageSize) return;
  }
}

async function* transactions(db: Database, plan: SaftPlan, registerId: string, pageSize: number): AsyncGenerator<string> {
  let after: { at: Date; nr: number } | null = null;
  for (;;) {
    const cursor: { at: Date; nr: number } | null = after;
    const page: { completedAt: Date; receiptNumber: number; payload: unknown }[] = await db.read((q) =>
      q
        .select({ completedAt: sales.completedAt, receiptNumber: sales.receiptNumber, payload: sales.payload })
        .from(sales)
        .where(
          and(
            eq(sales.registerId, registerId),
            gte(sales.completedAt, plan.start),
            lt(sales.completedAt, plan.end),
            cursor ? sql`(${sales.completedAt}, ${sales.receiptNumber}) > (${cursor.at.toISOString()}::timestamptz, ${cursor.nr})` : undefined,
          ),
        )
        .orderBy(asc(sales.completedAt), asc(sales.receiptNumber))
        .limit(pageSize),
    );
    if (page.length === 0) return;
    yield page.map((row) => transactionXml(row.payload as Sale, plan.known)).join('');
    const last = page[page.length - 1]!;
    after = { at: last.completedAt, nr: last.receiptNumber };
    if (page.length < pageSize) return;
  }
}
