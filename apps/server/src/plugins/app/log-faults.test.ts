import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_ROUTES } from '@nota/protocol';
import { loggerOptions } from '../../build-app';
import { created, customer } from '../../test-support/fixtures';
import { configureMapping, configureSeller, pushInvoiceSales } from '../../test-support/invoicing';
import { createTestApp, enrolRegister, expectJson, leaseBlock, push, testDatabases, TEST_API_KEY, type TestApp } from '../../test-support/test-app';

// A run of faults with the server's log captured: failed statements in requests, in the background
// invoice round and in enrolment. The log must say what failed (SQL state, constraint, statement)
// and carry none of the values: no personal data, PIN hashes, tokens, keys or passwords.

const PERSON = { name: 'Greta Hemligsson', email: 'greta.hemlig@example.se', phone: '070-555 12 34', street: 'Lönnvägen 17' };
const PIN = '73195846';
const PASSWORD = 'Agresso-Lösen-9d2c44';

describe.each(testDatabases())('a fault run’s log (%s)', (kind) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let t: TestApp;
  let token: string;
  const secrets: string[] = [PERSON.name, PERSON.email, PERSON.phone, PERSON.street, PIN, PASSWORD, TEST_API_KEY];

  beforeAll(async () => {
    t = await createTestApp(kind, { logger: loggerOptions({ level: 'trace', stream }), invoicing: { enabled: true, pollMs: 25 } });
    ({ token } = await enrolRegister(t));
    secrets.push(token);
    // Faults planted in the database itself, so they stand however well the routes validate input.
    await t.database.transaction(async (tx) => {
      await tx.execute(sql`alter table register_users add constraint log_test_user check (name <> ${sql.raw(`'${PERSON.name}'`)}) not valid`);
      await tx.execute(sql`alter table invoice_documents add constraint log_test_activation check (status <> 'active') not valid`);
      await tx.execute(sql`alter table registers add constraint log_test_enrol check (enrolled_at is null or name <> 'Kassa 2') not valid`);
      await tx.execute(sql`alter table server_config add constraint log_test_config check (key <> 'agresso-connection' or value->>'username' <> 'REFUSED') not valid`);
    });
  }, 120_000);
  afterAll(() => t.close());

  it('says what failed, and carries no value of the failed statements', { timeout: 60_000 }, async () => {
    // A register user the database refuses: the statement's parameters hold the name and the PIN hash.
    const user = await t.app.inject({
      method: 'PUT',
      url: '/api/register-users/u-greta',
      headers: t.adminHeaders,
      payload: { name: PERSON.name, role: 'manager', pin: PIN, costCentreCode: 'CC1' },
    });
    expect(user.statusCode).toBe(500);

    // The Agresso connection refused on saving: the parameters hold the sealed password.
    const connection = await t.app.inject({
      method: 'PUT',
      url: '/api/agresso/connection',
      headers: t.adminHeaders,
      payload: { baseUrl: 'http://127.0.0.1:9/service.svc', username: 'REFUSED', client: '10', password: PASSWORD, confirmationTemplateId: 9001 },
    });
    expect(connection.statusCode).toBe(500);

    // An enrolment that fails in the database: its parameters hold the new token's hash.
    await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'CC1', name: 'Butik' } });
    const register = expectJson<{ enrolmentCode: string }>(
      await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name: 'Kassa 2', costCentreCode: 'CC1' } }),
      200,
    );
    secrets.push(register.enrolmentCode);
    const enrol = await t.app.inject({
      method: 'POST',
      url: SYNC_ROUTES.enrol,
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      payload: { code: register.enrolmentCode, clientVersion: 'test' },
    });
    expect(enrol.statusCode).toBe(500);

    // A push with an event the database cannot store (NUL in the customer's name), beside a good one.
    const block = await leaseBlock(t, token, 10);
    const poisoned = customer(block.firstNumber, { ...PERSON, name: `${PERSON.name}\u0000` });
    await push(t, token, [created(poisoned)]);

    // An invoice sale whose activation the database refuses in the background round: its
    // parameters hold the invoice document with the customer's name and address.
    await configureSeller(t);
    await configureMapping(t);
    await pushInvoiceSales(t, token, { count: 1, firstReceipt: 1, overrides: PERSON });
    const deadline = Date.now() + 20_000;
    while (!lines.some((l) => l.includes('invoice pipeline round failed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    // No value, anywhere in any line.
    const all = lines.join('');
    for (const secret of secrets) expect(all, `the log carries ${secret}`).not.toContain(secret);
    expect(all).not.toMatch(/scrypt\$/);
    expect(all).not.toMatch(/[0-9a-f]{64}/);
    expect(all).not.toMatch(/nrt_|nak_/);
    expect(all).not.toMatch(/\\"(iv|tag|data)\\":|"(iv|tag)":/);
    expect(all).not.toMatch(/Failing row contains|params:/);

    const entries = lines.map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown> });
    const failures = entries.filter((e) => e.err);
    // What failed is there: each planted constraint by name, with the SQL state and the statement.
    for (const constraint of ['log_test_user', 'log_test_config', 'log_test_enrol', 'log_test_activation']) {
      const logged = failures.find((e) => JSON.stringify(e.err).includes(`"constraint":"${constraint}"`));
      expect(logged, `no log line names ${constraint}`).toBeDefined();
      expect(JSON.stringify(logged!.err)).toContain('"sqlState":"23514"');
      const statement = (logged!.err!.statement ?? (logged!.err!.cause as { statement?: string } | undefined)?.statement) as string;
      expect(statement).toMatch(/^\s*(insert|update) /);
      expect(statement).toMatch(/\$1/);
    }
    expect(entries.some((e) => e.msg === 'invoice pipeline round failed')).toBe(true);
  });
});
