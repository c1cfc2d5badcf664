import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayReport, PushResponse, ZReportSummary } from '@nota/protocol';
import { zReports } from '../db/schema';
import { createUser, signIn } from '../test-support/back-office';
import { zClosed as closed, zReport } from '../test-support/fixtures';
import { createTestApp, enrolRegister, expectJson, push, testDatabases, type TestApp } from '../test-support/test-app';

describe.each(testDatabases())('Z reports at head office (%s)', (kind) => {
  let t: TestApp;
  let register: { registerId: string; token: string };
  beforeAll(async () => {
    t = await createTestApp(kind);
    register = await enrolRegister(t);
  });
  afterAll(() => t.close());

  const statuses = (body: PushResponse) => body.results.map((r) => r.reason?.code ?? r.status);
  const get = (url: string, headers = t.adminHeaders) => t.app.inject({ method: 'GET', url, headers });

  it('stores each Z report once, and refuses another report under a number already stored', async () => {
    const report = zReport(register.registerId, 1, 10_000, 10_000);
    const first = closed(report);
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, [first]), 200))).toEqual(['applied']);
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, [first]), 200))).toEqual(['duplicate']);
    // The same report again under another event id (a register restored from a backup) changes nothing.
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, [closed(report)]), 200))).toEqual(['applied']);
    const other = await push(t, register.token, [closed(zReport(register.registerId, 1, 99_995, 99_995))]);
    const [result] = expectJson<PushResponse>(other, 200).results;
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'Z_REPORT_CONFLICT' } });
    expect(result!.reason!.message).toMatch(/Z report 1 is already recorded/);
    // Another register's report cannot be pushed as this one's.
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, [closed(zReport(randomUUID(), 2, 5, 5))]), 200))).toEqual(['Z_REPORT_WRONG_REGISTER']);
    const stored = await t.database.read((db) => db.select().from(zReports));
    expect(stored.map((z) => [z.registerId, z.number, z.netSalesOre])).toEqual([[register.registerId, 1, 10_000]]);
  });

  it('lists a register\'s Z reports newest first, a page at a time, and gives each one\'s figures', async () => {
    let grand = 10_000;
    const events = [2, 3, 4, 5].map((n) => closed(zReport(register.registerId, n, n * 1000, (grand += n * 1000))));
    expect(statuses(expectJson<PushResponse>(await push(t, register.token, events), 200))).toEqual(['applied', 'applied', 'applied', 'applied']);
    const page1 = expectJson<{ zReports: ZReportSummary[]; nextBefore: number | null }>(await get(`/api/registers/${register.registerId}/z-reports?limit=3`), 200);
    expect(page1.zReports.map((z) => z.number)).toEqual([5, 4, 3]);
    expect(page1.zReports[0]).toEqual({ number: 5, closedAt: '2026-11-05T17:00:00.000Z', netSalesOre: 5000, grandTotalOre: grand, receiptCount: 3, cashDifferenceOre: -100 });
    const page2 = expectJson<{ zReports: ZReportSummary[]; nextBefore: number | null }>(await get(`/api/registers/${register.registerId}/z-reports?limit=3&before=${page1.nextBefore}`), 200);
    expect(page2).toMatchObject({ zReports: [{ number: 2 }, { number: 1 }], nextBefore: null });
    const detail = expectJson<{ report: DayReport }>(await get(`/api/registers/${register.registerId}/z-reports/4`), 200);
    expect(detail.report).toEqual(zReport(register.registerId, 4, 4000, 10_000 + 2000 + 3000 + 4000));
    expect(expectJson(await get(`/api/registers/${register.registerId}/z-reports/99`), 404)).toMatchObject({ code: 'UNKNOWN_Z_REPORT' });
    expect(expectJson(await get(`/api/registers/${randomUUID()}/z-reports`), 404)).toMatchObject({ code: 'UNKNOWN_REGISTER' });
    expect(expectJson(await get(`/api/registers/${register.registerId}/z-reports/0`), 400)).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('shows a store manager its own cost centre\'s Z reports only', async () => {
    await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'OTHER', name: 'Annan butik' } });
    await createUser(t, { username: 'own', role: 'store-manager', costCentres: ['CC1'] });
    await createUser(t, { username: 'other', role: 'store-manager', costCentres: ['OTHER'] });
    const own = await signIn(t, 'own');
    const other = await signIn(t, 'other');
    expectJson(await get(`/api/registers/${register.registerId}/z-reports`, own.headers), 200);
    expectJson(await get(`/api/registers/${register.registerId}/z-reports/1`, own.headers), 200);
    expect(expectJson(await get(`/api/registers/${register.registerId}/z-reports`, other.headers), 403)).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(expectJson(await get(`/api/registers/${register.registerId}/z-reports/1`, other.headers), 403)).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('keeps a stored Z report from being changed or removed', async () => {
    await expect(t.database.transaction((tx) => tx.execute(sql`update z_reports set net_sales_ore = 0`))).rejects.toThrow();
    await expect(t.database.transaction((tx) => tx.execute(sql`delete from z_reports`))).rejects.toThrow();
  });
});
