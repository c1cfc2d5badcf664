import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_ROUTES } from '@nota/protocol';
import { loggerOptions } from '../../build-app';
import { createTestApp, enrolRegister, syncHeaders, testDatabases, TEST_API_KEY, type TestApp } from '../../test-support/test-app';

describe.each(testDatabases())('logs (%s)', (kind) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { logger: loggerOptions({ level: 'trace', stream }) });
  });
  afterAll(() => t.close());

  it('carry request ids but never a token, API key or enrolment code', async () => {
    const { token } = await enrolRegister(t);
    await t.app.inject({ method: 'GET', url: SYNC_ROUTES.pull, headers: { ...syncHeaders(token), 'x-request-id': 'req-abc' } });
    await t.app.inject({ method: 'GET', url: SYNC_ROUTES.pull, headers: syncHeaders(`${token}x`) });
    const all = lines.join('');
    expect(all).toContain('"reqId":"req-abc"');
    expect(all).toContain('[redacted]');
    expect(all).not.toContain(token);
    expect(all).not.toContain(TEST_API_KEY);
    expect(all).not.toMatch(/nrt_[A-Za-z0-9_-]{20}/);
    const parsed = lines.map((l) => JSON.parse(l) as { msg?: string });
    expect(parsed.some((l) => l.msg === 'register enrolled')).toBe(true);
  });

  it('never carry the Agresso password, not even from a failed connection test', async () => {
    const password = 'Agresso-Lösen-8f3a91';
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/agresso/connection',
      headers: t.adminHeaders,
      payload: { baseUrl: 'http://127.0.0.1:9/BusinessWorld-webservices/service.svc', username: 'NOTA', client: '10', password, confirmationTemplateId: 9001 },
    });
    expect(saved.statusCode).toBe(200);
    const tested = await t.app.inject({ method: 'POST', url: '/api/agresso/connection/test', headers: t.adminHeaders });
    expect(tested.json()).toMatchObject({ ok: false });
    const all = lines.join('');
    expect(all).toContain('Agresso connection saved');
    expect(all).not.toContain(password);
    expect(saved.body + tested.body).not.toContain(password);
  });
});
