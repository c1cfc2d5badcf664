import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_ROUTES, type Change, type PullResponse } from '@nota/protocol';
import { createTestApp, expectJson, syncHeaders, testDatabases, type TestApp } from '../../../test-support/test-app';

// A register holds the PIN hashes of the users who may sign in at it, and no others: a stolen
// register gives away its own cost centre's hashes at most, and a manager's takes a real search.

type RegisterUserChange = Extract<Change, { entity: 'register_user' }>['data'];

describe.each(testDatabases())('register users by cost centre (%s)', (kind) => {
  let t: TestApp;
  const registers: Record<string, { token: string; cursor: string }> = {};

  async function enrolIn(costCentreCode: string) {
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: costCentreCode, name: `Butik ${costCentreCode}` } }), 200);
    const created = expectJson<{ enrolmentCode: string }>(
      await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name: `Kassa ${costCentreCode}`, costCentreCode } }),
      200,
    );
    const enrolled = expectJson<{ token: string }>(
      await t.app.inject({ method: 'POST', url: SYNC_ROUTES.enrol, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }, payload: { code: created.enrolmentCode, clientVersion: 'test' } }),
      200,
    );
    registers[costCentreCode] = { token: enrolled.token, cursor: '0' };
  }

  /** The users a register pulls from `from` on (its last cursor unless told), latest state per user. */
  async function pullUsers(costCentreCode: string, from?: string): Promise<Map<string, RegisterUserChange>> {
    const register = registers[costCentreCode]!;
    const users = new Map<string, RegisterUserChange>();
    let cursor = from ?? register.cursor;
    for (;;) {
      const page = expectJson<PullResponse>(
        await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=${cursor}&limit=10000`, headers: syncHeaders(register.token) }),
        200,
      );
      for (const change of page.changes as Change[]) if (change.entity === 'register_user') users.set(change.data.id, change.data);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (from === undefined) register.cursor = cursor;
    return users;
  }

  const putUser = (id: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'PUT', url: `/api/register-users/${id}`, headers: t.adminHeaders, payload: { name: `Användare ${id}`, role: 'cashier', pin: '1234', ...body } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await enrolIn('NORR');
    await enrolIn('SYD');
  }, 120_000);
  afterAll(() => t.close());

  it('sends each user to the registers of its cost centre only', async () => {
    expectJson(await putUser('anna', { costCentreCode: 'NORR' }), 200);
    expectJson(await putUser('bo', { role: 'manager', pin: '583920', costCentreCode: 'SYD' }), 200);

    const north = await pullUsers('NORR');
    const south = await pullUsers('SYD');
    expect([...north.keys()]).toEqual(['anna']);
    expect(north.get('anna')).toMatchObject({ active: true, pinHash: expect.stringMatching(/^scrypt\$/) });
    expect([...south.keys()]).toEqual(['bo']);
  });

  it('takes a user who moves away from the registers it left, PIN hash and all, and gives it back when it returns', async () => {
    expectJson(await putUser('anna', { costCentreCode: 'SYD' }), 200);
    const leftBehind = (await pullUsers('NORR')).get('anna');
    expect(leftBehind).toEqual({ id: 'anna', name: 'Användare anna', role: 'cashier', pinHash: '', active: false });
    expect((await pullUsers('SYD')).get('anna')).toMatchObject({ active: true, pinHash: expect.stringMatching(/^scrypt\$/) });

    // A register of the old cost centre pulling from scratch never sees the hash either.
    const fromScratch = await pullUsers('NORR', '0');
    expect(fromScratch.get('anna')).toMatchObject({ pinHash: '', active: false });

    expectJson(await putUser('anna', { costCentreCode: 'NORR' }), 200);
    expect((await pullUsers('NORR')).get('anna')).toMatchObject({ active: true, pinHash: expect.stringMatching(/^scrypt\$/) });
    expect((await pullUsers('SYD')).get('anna')).toMatchObject({ pinHash: '', active: false });
    const southFromScratch = await pullUsers('SYD', '0');
    expect(southFromScratch.get('anna')).toMatchObject({ pinHash: '', active: false });
    expect(southFromScratch.get('bo')).toMatchObject({ active: true });
  });

  it('asks a manager for a PIN of six digits at least, with a field error', async () => {
    const short = await putUser('chef', { role: 'manager', pin: '12345', costCentreCode: 'NORR' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'INVALID_REQUEST', field: 'body.pin', message: expect.stringContaining('6') });
    expectJson(await putUser('chef', { role: 'manager', pin: '123456', costCentreCode: 'NORR' }), 200);
    // A cashier's four digits stay allowed: the register's sign-in takes 4 to 8.
    expectJson(await putUser('kassor', { role: 'cashier', pin: '1234', costCentreCode: 'NORR' }), 200);
  });

  it('needs a cost centre that exists', async () => {
    const missing = await putUser('dan', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'body.costCentreCode' });
    const unknown = await putUser('dan', { costCentreCode: 'NOWHERE' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_COST_CENTRE', field: 'costCentreCode' });
    expect((await pullUsers('NORR', '0')).has('dan')).toBe(false);
  });
});
