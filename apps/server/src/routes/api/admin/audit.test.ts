import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@nota/protocol';
import { createUser, signIn, TEST_PASSWORD } from '../../../test-support/back-office';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../../test-support/test-app';

// Who changed what and when, with the values before and after; never a secret.

describe.each(testDatabases())('the audit log (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'A', name: 'Butik A' } }), 200);
  }, 120_000);
  afterAll(() => t?.close());

  const entries = async (query = '') =>
    expectJson<{ entries: AuditEntry[]; next: number | null }>(await t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: t.adminHeaders }), 200);
  const everything = async () => JSON.stringify(await t.database.read((db) => db.execute(sql`select * from audit_log`)));

  it("records a person's customer edit with the old and new values", async () => {
    await createUser(t, { username: 'hugo', role: 'head-office' });
    const hugo = await signIn(t, 'hugo');
    const person = { active: true, internal: false, name: 'Kulturförvaltningen', orgNumber: '212000-1124', country: 'SE', street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm', email: 'faktura@example.se', invoicingEnabled: true };
    const created = expectJson<{ customer: { id: string; version: number } }>(await t.app.inject({ method: 'POST', url: '/api/customers', headers: hugo.headers, payload: { customer: person } }), 200).customer;
    expectJson(await t.app.inject({ method: 'PUT', url: `/api/customers/${created.id}`, headers: hugo.headers, payload: { baseVersion: created.version, customer: { ...person, city: 'Göteborg' } } }), 200);

    const [update, create] = (await entries(`?entity=customer&entityId=${created.id}`)).entries;
    expect(create).toMatchObject({ action: 'create', actor: { kind: 'user', name: 'hugo', id: hugo.info.user.id }, oldValue: null, newValue: { city: 'Stockholm' } });
    expect(update).toMatchObject({ action: 'update', actor: { kind: 'user', name: 'hugo' }, oldValue: { city: 'Stockholm' }, newValue: { city: 'Göteborg' } });
    expect(Date.parse(update!.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('masks PIN hashes, passwords and keys, and says whether they changed', async () => {
    const cashier = { name: 'Kalle', role: 'cashier', pin: '482913', costCentreCode: 'A' };
    expectJson(await t.app.inject({ method: 'PUT', url: '/api/register-users/kalle', headers: t.adminHeaders, payload: cashier }), 200);
    expectJson(await t.app.inject({ method: 'PUT', url: '/api/register-users/kalle', headers: t.adminHeaders, payload: { ...cashier, name: 'Karl' } }), 200);
    const [renamed, made] = (await entries('?entity=register-user')).entries;
    expect(made).toMatchObject({ action: 'create', actor: { kind: 'api-key' }, newValue: { name: 'Kalle', pinHash: '[hidden]' } });
    expect(renamed).toMatchObject({ action: 'update', oldValue: { name: 'Kalle', pinHash: '[changed]' }, newValue: { name: 'Karl', pinHash: '[changed]' } });

    const connection = { baseUrl: 'http://127.0.0.1:9/service.svc', username: 'NOTA', client: '10', password: 'agresso-secret-77', confirmationTemplateId: 1 };
    expectJson(await t.app.inject({ method: 'PUT', url: '/api/agresso/connection', headers: t.adminHeaders, payload: connection }), 200);
    const [agresso] = (await entries('?entity=agresso-connection')).entries;
    expect(agresso).toMatchObject({ action: 'create', newValue: { username: 'NOTA', password: '[hidden]' } });

    const key = expectJson<{ key: string; apiKey: { id: string } }>(await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: t.adminHeaders, payload: { name: 'Lönesystemet' } }), 200);
    expectJson(await t.app.inject({ method: 'POST', url: `/api/api-keys/${key.apiKey.id}/revoke`, headers: t.adminHeaders }), 200);
    const [revoked, createdKey] = (await entries('?entity=api-key')).entries;
    expect(createdKey).toMatchObject({ action: 'create', entityId: key.apiKey.id, newValue: { name: 'Lönesystemet', revokedAt: null } });
    expect(revoked).toMatchObject({ action: 'revoke', oldValue: { revokedAt: null }, newValue: { revokedAt: expect.any(String) } });

    const user = await createUser(t, { username: 'stina', role: 'store-manager', costCentres: ['A'] });
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/password`, headers: t.adminHeaders, payload: { password: 'a brand new password' } });
    expect(reset.statusCode).toBe(204);
    expect((await entries('?entity=backoffice-user&limit=1')).entries[0]).toMatchObject({ action: 'password-reset', entityId: user.id, oldValue: { password: '[changed]' } });

    // Nothing secret anywhere in the log: not the PIN, not its hash, not a password, not a key.
    const log = await everything();
    for (const secret of ['482913', 'agresso-secret-77', key.key, TEST_PASSWORD, 'a brand new password', '$argon2id', 'scrypt']) expect(log).not.toContain(secret);
  });

  it('pages newest first and is for administrators only', async () => {
    const first = await entries('?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]!.id).toBeGreaterThan(first.entries[1]!.id);
    const second = await entries(`?limit=2&before=${first.next}`);
    expect(second.entries[0]!.id).toBeLessThan(first.entries[1]!.id);
    const hugo = await signIn(t, 'hugo');
    expect(expectJson(await t.app.inject({ method: 'GET', url: '/api/audit', headers: hugo.headers }), 403)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
