import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgressoClient, type AgressoConnection } from '@nota/agresso';
import { createSecretBox } from '../../../services/config/secret-box';
import { readConfig, writeConfig } from '../../../services/config/server-config';
import { connectAgresso } from '../../../services/export/export-setup';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../../test-support/test-app';

// The Agresso password goes with every SOAP call. It must never follow an address, user or client
// it was not given for, and never cross a network in the clear.

interface Listener {
  server: Server;
  origin: string;
  requests: { host: string | undefined; body: string }[];
}

/** A loopback listener that records every request and answers with `answer`. */
async function listen(answer: (res: import('node:http').ServerResponse) => void): Promise<Listener> {
  const requests: Listener['requests'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ host: req.headers.host, body });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}
const close = (l: Listener) => new Promise<void>((resolve) => l.server.close(() => resolve()));

const PASSWORD = 'Agresso-Lösen-77c1e2';
const ELSEWHERE = 'agresso.attacker.test';
// Starting PGlite on a busy machine can take longer than the default hook timeout.
const START_TIMEOUT = 120_000;
const SECRET_KEY = randomBytes(32);

describe.each(testDatabases())('the Agresso connection keeps its password (%s)', (kind) => {
  let t: TestApp;
  let recorder: Listener;
  /** Every address the server tried to reach, as it asked for it, before the stand-in DNS sent it to the recorder. */
  const intended: URL[] = [];

  beforeAll(async () => {
    recorder = await listen((res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('recorder'));
    // Like a DNS that resolves every name to the recorder: a request to any host would be seen here.
    const resolveToRecorder: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      intended.push(url);
      const routed = new URL(url.pathname + url.search, recorder.origin);
      return fetch(routed, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-intended-host': url.host } });
    };
    t = await createTestApp(kind, { secretKey: SECRET_KEY, invoicing: { agressoClient: (connection) => createAgressoClient(connection, { fetch: resolveToRecorder }) } });
  }, START_TIMEOUT);
  afterAll(async () => {
    await t.close();
    await close(recorder);
  });
  beforeEach(() => {
    intended.length = 0;
    recorder.requests.length = 0;
  });

  const put = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PUT', url: '/api/agresso/connection', headers: t.adminHeaders, payload: { confirmationTemplateId: 9001, timeoutMs: 2_000, ...payload } });
  const testConnection = async () =>
    expectJson<{ ok: boolean; message: string }>(await t.app.inject({ method: 'POST', url: '/api/agresso/connection/test', headers: t.adminHeaders }), 200);
  const stored = async () =>
    expectJson<{ connection: { baseUrl: string; username: string; client: string } }>(await t.app.inject({ method: 'GET', url: '/api/agresso/connection', headers: t.adminHeaders }), 200).connection;

  const HOME = { baseUrl: 'http://127.0.0.1:1/BusinessWorld-webservices/service.svc', username: 'NOTA', client: '10' };

  it.each([
    ['the address', { baseUrl: `https://${ELSEWHERE}/BusinessWorld-webservices/service.svc` }],
    ['the address, over plain http to loopback', { baseUrl: 'http://127.0.0.9:1/BusinessWorld-webservices/service.svc' }],
    ['the user', { username: 'SOMEONE' }],
    ['the client', { client: '99' }],
  ])('refuses a change of %s without the password, and the stored password goes nowhere new', async (_what, change) => {
    expectJson(await put({ ...HOME, password: PASSWORD }), 200);
    const refused = await put({ ...HOME, ...change });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'PASSWORD_REQUIRED', field: 'password' });
    expect(await stored()).toMatchObject(HOME);

    await testConnection();
    // The test went to the address the password was given for, and only there.
    expect(intended.map((u) => u.host)).toEqual(['127.0.0.1:1']);
  });

  it('accepts a change of address, user or client that brings the password along, and one that changes none of them without it', async () => {
    expectJson(await put({ ...HOME, password: PASSWORD }), 200);
    const moved = { baseUrl: `https://${ELSEWHERE}/BusinessWorld-webservices/service.svc`, username: 'NOTA2', client: '11' };
    expectJson(await put({ ...moved, password: `${PASSWORD}-2` }), 200);
    expect(await stored()).toMatchObject(moved);
    expectJson(await put({ ...moved, timeoutMs: 5_000 }), 200);
  });

  it.each([
    `http://${ELSEWHERE}/BusinessWorld-webservices/service.svc`,
    'http://10.0.0.8/BusinessWorld-webservices/service.svc',
    'http://[::ffff:10.0.0.8]/service.svc',
    'http://localhost.attacker.test/service.svc',
    'http://127.0.0.1.attacker.test/service.svc',
  ])('refuses plain http to %s with a field error on the address, before any connection', async (baseUrl) => {
    expectJson(await put({ ...HOME, password: PASSWORD }), 200);
    const refused = await put({ baseUrl, username: 'NOTA', client: '10', password: PASSWORD });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'INSECURE_AGRESSO_ADDRESS', field: 'baseUrl', message: expect.stringContaining('https') });
    expect(await stored()).toMatchObject(HOME);
    expect(intended).toEqual([]);
    expect(recorder.requests).toEqual([]);
  });

  it.each(['http://localhost:1/service.svc', 'http://127.0.0.1:1/service.svc', 'http://127.45.0.2:1/service.svc', 'http://[::1]:1/service.svc', 'https://abw.example.se/service.svc'])(
    'accepts %s (https, or the simulator on this machine)',
    async (baseUrl) => {
      expectJson(await put({ baseUrl, username: 'NOTA', client: '10', password: PASSWORD }), 200);
    },
  );

  it('never sends the password to a plain-http address saved before addresses were checked: not in a test, not in an export', async () => {
    const secrets = createSecretBox(SECRET_KEY);
    const sealed = secrets.seal(PASSWORD);
    await t.database.transaction((tx) =>
      writeConfig(
        tx,
        'agresso-connection',
        {
          baseUrl: `http://${ELSEWHERE}/BusinessWorld-webservices/service.svc`,
          username: 'NOTA',
          client: '10',
          password: sealed,
          timeoutMs: 2_000,
          gl07: { menuId: 'BI88', variant: 0 },
          cs15: { menuId: 'BI192', variant: 0 },
          confirmationTemplateId: 9001,
        },
        new Date(),
      ),
    );
    const tested = await testConnection();
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain('https');
    // The exporter's way in: the job is blocked with the reason, and no client is even made.
    const connection = await t.database.read((db) => readConfig(db, 'agresso-connection'));
    let clients = 0;
    const counting = (c: AgressoConnection) => {
      clients += 1;
      return createAgressoClient(c);
    };
    expect(() => connectAgresso({ connection }, secrets, counting)).toThrow(expect.objectContaining({ kind: 'blocked', code: 'INSECURE_AGRESSO_ADDRESS' }));
    expect(clients).toBe(0);
    expect(intended).toEqual([]);
    expect(recorder.requests).toEqual([]);
  });
});

describe('a redirect from the Agresso address', () => {
  let t: TestApp;
  let target: Listener;
  let redirecting: Listener;
  beforeAll(async () => {
    target = await listen((res) => res.writeHead(500).end());
    redirecting = await listen((res) => res.writeHead(307, { location: `${target.origin}/BusinessWorld-webservices/service.svc` }).end());
    t = await createTestApp('pglite');
  }, START_TIMEOUT);
  afterAll(async () => {
    await t.close();
    await close(target);
    await close(redirecting);
  });

  it('is not followed: the password is sent to the saved address only', async () => {
    expectJson(
      await t.app.inject({
        method: 'PUT',
        url: '/api/agresso/connection',
        headers: t.adminHeaders,
        payload: { baseUrl: `${redirecting.origin}/BusinessWorld-webservices/service.svc`, username: 'NOTA', client: '10', password: PASSWORD, confirmationTemplateId: 9001, timeoutMs: 2_000 },
      }),
      200,
    );
    const tested = expectJson<{ ok: boolean; message: string }>(await t.app.inject({ method: 'POST', url: '/api/agresso/connection/test', headers: t.adminHeaders }), 200);
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain('redirects');
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toEqual([]);
  });
});
