import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SELLER } from '@nota/domain/test-fixtures';
import { SYNC_ROUTES, type Change, type PullResponse } from '@nota/protocol';
import { changeFeed, costCentres } from '../db/schema';
import { createTestApp, enrolRegister, expectJson, syncHeaders, testDatabases, type TestApp } from '../test-support/test-app';
import { writeConfig } from './config/server-config';
import { seed } from './seed';

describe.each(testDatabases())("the seller and stores in registers' pull (%s)", (kind) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ token } = await enrolRegister(t));
  }, 120_000);
  afterAll(() => t.close());

  const pulled = async (): Promise<Change[]> =>
    expectJson<PullResponse>(await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=0`, headers: syncHeaders(token) }), 200).changes as Change[];
  const storeDetails = (changes: Change[]) => changes.filter((c) => c.entity === 'seller' || c.entity === 'cost_centre');

  it('sends the seller as far as a delivery note shows it, and each cost centre with its address', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/invoicing/seller', headers: t.adminHeaders, payload: TEST_SELLER });
    const saved = await t.app.inject({
      method: 'POST',
      url: '/api/cost-centres',
      headers: t.adminHeaders,
      payload: { code: 'CC1', name: 'Butik', address: '  Storgatan 1, 837 52 Åre ' },
    });
    expect(expectJson(saved, 200)).toEqual({ code: 'CC1', name: 'Butik', address: 'Storgatan 1, 837 52 Åre' });
    expect(storeDetails(await pulled())).toEqual([
      { entity: 'seller', data: { name: TEST_SELLER.name, orgNumber: TEST_SELLER.orgNumber } },
      { entity: 'cost_centre', data: { code: 'CC1', name: 'Butik', address: 'Storgatan 1, 837 52 Åre' } },
    ]);
  });

  it('refuses an address with a line break, naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'CC2', name: 'B', address: 'Storgatan 1\nÅre' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('address');
  });

  it('feeds, at the next start, a seller and cost centres saved before registers were sent them', async () => {
    await t.database.transaction(async (tx) => {
      await tx.delete(changeFeed).where(inArray(changeFeed.entity, ['seller', 'cost_centre']));
      await tx.insert(costCentres).values({ code: 'OLD', name: 'Gamla butiken', address: null });
      await writeConfig(tx, 'seller', { ...TEST_SELLER, name: 'Äldre Säljare AB' }, new Date());
    });
    expect(storeDetails(await pulled())).toEqual([]);
    await seed(t.database);
    const fed = storeDetails(await pulled());
    expect(fed).toContainEqual({ entity: 'seller', data: { name: 'Äldre Säljare AB', orgNumber: TEST_SELLER.orgNumber } });
    expect(fed).toContainEqual({ entity: 'cost_centre', data: { code: 'OLD', name: 'Gamla butiken', address: null } });
    expect(fed).toContainEqual({ entity: 'cost_centre', data: { code: 'CC1', name: 'Butik', address: 'Storgatan 1, 837 52 Åre' } });
    // What is fed already is not fed again: another start leaves the cursor where it was.
    const before = expectJson<PullResponse>(await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=0`, headers: syncHeaders(token) }), 200).cursor;
    await seed(t.database);
    expect(expectJson<PullResponse>(await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=0`, headers: syncHeaders(token) }), 200).cursor).toBe(before);
  });
});

