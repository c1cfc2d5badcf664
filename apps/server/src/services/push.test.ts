import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_ROUTES, type PushResponse } from '@nota/protocol';
import { completed, created, customer, journalLine, sale } from '../test-support/fixtures';
import { registerJournal } from '../db/schema';
import { processBatch } from './push';
import { createTestApp, enrolRegister, expectJson, leaseBlock, push, syncHeaders, testDatabases, type TestApp } from '../test-support/test-app';

describe.each(testDatabases())('push (%s)', (kind) => {
  let t: TestApp;
  let register: { registerId: string; token: string };
  let block: { firstNumber: number; lastNumber: number };
  let next = 0;
  let receipt = 0;
  const number = () => block.firstNumber + next++;

  beforeAll(async () => {
    t = await createTestApp(kind);
    register = await enrolRegister(t);
    block = await leaseBlock(t, register.token, 500);
  });
  afterAll(() => t.close());

  const statuses = (body: PushResponse) => body.results.map((r) => r.reason?.code ?? r.status);
  const salesCount = async () =>
    expectJson<{ count: number }>(await t.app.inject({ method: 'GET', url: '/api/sales/count', headers: t.adminHeaders }), 200).count;

  it('applies a customer and an invoice sale to it in one batch, and records last seen and backlog', async () => {
    const c = customer(number());
    const res = expectJson<PushResponse>(await push(t, register.token, [created(c), completed(sale(++receipt, c))], 7), 200);
    expect(statuses(res)).toEqual(['applied', 'applied']);
    const list = expectJson<{ registers: { id: string; lastSeenAt: string | null; reportedBacklog: number | null }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/registers', headers: t.adminHeaders }),
      200,
    );
    const me = list.registers.find((r) => r.id === register.registerId);
    expect(me?.reportedBacklog).toBe(7);
    expect(me?.lastSeenAt).not.toBeNull();
  });

  it('answers duplicate for the same batch delivered twice, and applies nothing twice', async () => {
    const before = await salesCount();
    const events = [completed(sale(++receipt)), completed(sale(++receipt))];
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, events), 200))).toEqual(['applied', 'applied']);
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, events), 200))).toEqual(['duplicate', 'duplicate']);
    expect(await salesCount()).toBe(before + 2);
  });

  it('handles two batches out of order: each event once; a sale before its customer is kept, its invoice waiting as a draft', async () => {
    const before = await salesCount();
    const c = customer(number());
    const charged = sale(++receipt, c);
    const batch1 = [created(c)];
    const batch2 = [completed(charged), completed(sale(++receipt))];
    // The sale happened: it is recorded even though head office does not know its customer yet.
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, batch2), 200))).toEqual(['applied', 'applied']);
    const { invoices } = expectJson<{ invoices: { id: string; saleId: string; status: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/invoices?status=draft', headers: t.adminHeaders }),
      200,
    );
    const draft = invoices.find((i) => i.saleId === charged.id)!;
    expect(draft.status).toBe('draft');
    const problemCodes = async () => {
      const res = await t.app.inject({ method: 'POST', url: `/api/invoices/${draft.id}/activate`, headers: t.adminHeaders });
      return (expectJson<{ details: { code: string }[] }>(res, 409).details ?? []).map((d) => d.code);
    };
    expect(await problemCodes()).toContain('CUSTOMER_UNKNOWN');

    expect(statuses(expectJson<PushResponse>(await push(t, register.token, batch1), 200))).toEqual(['applied']);
    // A redelivery does not re-run anything.
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, batch2), 200))).toEqual(['duplicate', 'duplicate']);
    expect(await salesCount()).toBe(before + 2);
    // The customer has arrived; only head office's own setup (no seller details here) is missing now.
    expect(await problemCodes()).toEqual(['SELLER_INCOMPLETE']);
  });

  it('applies a run of sales in bulk, yet answers each exactly: a clash, a bad sale and a replay in the run', async () => {
    const before = await salesCount();
    const first = completed(sale(++receipt));
    const clash = completed(sale(receipt)); // same receipt number, another sale
    const broken = sale(++receipt);
    broken.totalOre += 1;
    const last = completed(sale(++receipt));
    const res = expectJson<PushResponse>(await push(t, register.token, [first, clash, completed(broken), last, first]), 200);
    expect(statuses(res)).toEqual(['applied', 'RECEIPT_NUMBER_CONFLICT', 'SALE_INCONSISTENT', 'applied', 'duplicate']);
    expect(await salesCount()).toBe(before + 2);
    const again = expectJson<PushResponse>(await push(t, register.token, [first, clash, last]), 200);
    expect(statuses(again)).toEqual(['duplicate', 'RECEIPT_NUMBER_CONFLICT', 'duplicate']);
    expect(await salesCount()).toBe(before + 2);
  });

  it('rejects business errors with a reason, stores them and goes on with later events', async () => {
    const unleased = customer(block.lastNumber + 100_000);
    const bad = sale(++receipt);
    bad.totalOre += 1;
    const invalid = customer(number(), { orgNumber: '123' });
    const taken = customer(block.firstNumber); // taken by the first test
    const ok = completed(sale(++receipt));
    const res = expectJson<PushResponse>(
      await push(t, register.token, [created(unleased), completed(bad), created(invalid), created(taken), ok]),
      200,
    );
    expect(statuses(res)).toEqual(['CUSTOMER_NUMBER_CONFLICT', 'SALE_INCONSISTENT', 'INVALID_CUSTOMER', 'CUSTOMER_NUMBER_CONFLICT', 'applied']);
    const rejected = expectJson<{ events: { eventId: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/sync/rejected-events', headers: t.adminHeaders }),
      200,
    );
    for (const r of res.results.slice(0, 4)) expect(rejected.events.map((e) => e.eventId)).toContain(r.id);
  });

  const rejectedList = async () =>
    expectJson<{ events: { eventId: string; type: string; reason: { code: string; message: string }; payload: unknown }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/sync/rejected-events', headers: t.adminHeaders }),
      200,
    ).events;

  it.each([
    ['a NUL', 'Nul\u0000 AB'],
    ['an unpaired surrogate', 'Trasig \ud800 AB'],
  ])('rejects a customer whose name has %s, keeps and lists it, and applies the sales behind it now and in later batches', async (_label, name) => {
    const before = await salesCount();
    // Sent raw, as a register from before the protocol refused such names would have queued it.
    const poisoned = created(customer(number(), { name }));
    const res = expectJson<PushResponse>(await push(t, register.token, [poisoned, completed(sale(++receipt)), completed(sale(++receipt))]), 200);
    expect(statuses(res)).toEqual(['EVENT_INVALID', 'applied', 'applied']);
    expect(res.results[0]!.reason!.message).toMatch(/customer\.name/);
    // The register retries it with its next batch: the same answer, and the sale behind it goes in.
    const again = expectJson<PushResponse>(await push(t, register.token, [poisoned, completed(sale(++receipt))]), 200);
    expect(statuses(again)).toEqual(['EVENT_INVALID', 'applied']);
    expect(await salesCount()).toBe(before + 3);
    const listed = (await rejectedList()).find((e) => e.eventId === poisoned.id);
    expect(listed).toMatchObject({ type: 'customer.created', reason: { code: 'EVENT_INVALID' } });
    // Kept as it came, although PostgreSQL's JSON cannot hold the name as such.
    expect(listed!.payload).toEqual(poisoned);
  });

  it('rejects an event whose write the database refuses, with the reason, and goes on with the sales behind it', async () => {
    const refusedReceipt = 900_000;
    await t.database.transaction(async (tx) => {
      await tx.execute(sql.raw(`create function refuse_receipt() returns trigger language plpgsql as $$
        begin if new.receipt_number = ${refusedReceipt} then raise exception 'storage refused receipt %', new.receipt_number; end if; return new; end $$`));
      await tx.execute(sql.raw('create trigger refuse_receipt before insert on sales for each row execute function refuse_receipt()'));
    });
    try {
      const before = await salesCount();
      const refused = completed(sale(refusedReceipt));
      // In a run of sales (the bulk path) and alone (the one-by-one path).
      const run = expectJson<PushResponse>(await push(t, register.token, [refused, completed(sale(++receipt)), completed(sale(++receipt))]), 200);
      expect(statuses(run)).toEqual(['EVENT_NOT_STORABLE', 'applied', 'applied']);
      // A reason in words: the database's own message quotes the event's values, so only the log gets its facts.
      expect(run.results[0]!.reason!.message).toMatch(/could not store this event: a rule in the database \(a trigger\) refused it/);
      expect(run.results[0]!.reason!.message).not.toMatch(/900000|storage refused/);
      const alone = completed(sale(refusedReceipt));
      const logged: Record<string, unknown>[] = [];
      const later = await processBatch(t.database, register.registerId, { events: [created(customer(number())), alone, completed(sale(++receipt))], backlog: 0 }, new Date(), {
        warn: (details) => logged.push(details),
      });
      expect(later.map((r) => r.reason?.code ?? r.status)).toEqual(['applied', 'EVENT_NOT_STORABLE', 'applied']);
      expect(logged).toEqual([expect.objectContaining({ eventId: alone.id, code: 'P0001' })]);
      expect(JSON.stringify(logged)).not.toMatch(/900000|storage refused/);
      expect(await salesCount()).toBe(before + 3);
      const listed = await rejectedList();
      for (const id of [refused.id, alone.id]) {
        const reason = listed.find((e) => e.eventId === id)?.reason;
        expect(reason?.code).toBe('EVENT_NOT_STORABLE');
        expect(reason?.message).not.toMatch(/900000/);
      }
    } finally {
      await t.database.transaction(async (tx) => {
        await tx.execute(sql.raw('drop trigger refuse_receipt on sales'));
        await tx.execute(sql.raw('drop function refuse_receipt()'));
      });
    }
  });

  it('refuses a number leased to another register', async () => {
    const other = await enrolRegister(t, 'Kassa 2');
    const c = customer(number());
    const res = expectJson<PushResponse>(await push(t, other.token, [created(c)]), 200);
    expect(statuses(res)).toEqual(['CUSTOMER_NUMBER_CONFLICT']);
    // The same event id from another register is not that register's duplicate.
    const stolen = expectJson<PushResponse>(await push(t, register.token, [{ ...completed(sale(1)), id: res.results[0]!.id }]), 200);
    expect(statuses(stolen)).toEqual(['EVENT_ID_REUSED']);
  });

  it('applies each event once when the same batch arrives twice at the same time', async () => {
    const before = await salesCount();
    const events = Array.from({ length: 20 }, () => completed(sale(++receipt)));
    const payload = { batchId: randomUUID(), events, backlog: 0 };
    const deliver = () => t.app.inject({ method: 'POST', url: SYNC_ROUTES.push, headers: syncHeaders(register.token), payload });
    const [a, b] = await Promise.all([deliver(), deliver()]);
    const ra = expectJson<PushResponse>(a!, 200).results;
    const rb = expectJson<PushResponse>(b!, 200).results;
    for (let i = 0; i < events.length; i += 1) {
      expect([ra[i]!.status, rb[i]!.status].sort()).toEqual(['applied', 'duplicate']);
    }
    expect(await salesCount()).toBe(before + events.length);
  });

  it('keeps journal lines per register, each once, and refuses another line under a number already kept', async () => {
    const lines = [journalLine(1, '13001'), journalLine(2, '13003'), journalLine(3, '13005')];
    // Interleaved with a sale, as a register's outbox sends them.
    const res = expectJson<PushResponse>(await push(t, register.token, [lines[0]!, completed(sale(++receipt)), lines[1]!, lines[2]!]), 200);
    expect(statuses(res)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, lines), 200))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, [journalLine(2, '13004')]), 200))).toEqual(['JOURNAL_LINE_CONFLICT']);
    // Another register numbers its own journal from 1.
    const other = await enrolRegister(t, 'Kassa 3');
    expect(statuses(expectJson<PushResponse>(await push(t, other.token, [journalLine(1)]), 200))).toEqual(['applied']);
    const kept = await t.database.read((db) => db.select().from(registerJournal));
    expect(kept.filter((r) => r.registerId === register.registerId).map((r) => [r.seq, r.code]).sort()).toEqual([
      [1, '13001'],
      [2, '13003'],
      [3, '13005'],
    ]);
  });
});
