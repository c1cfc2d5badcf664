import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse, SyncEvent } from '@nota/protocol';
import { registerKey } from '../../test-support/fixtures';
import { createTestApp, enrolRegister, expectJson, push, testDatabases, type TestApp } from '../../test-support/test-app';
import { registerKeys } from './register-keys';

const rsa = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

const keyEvent = (keyVersion: number, publicKeyPem: string) => registerKey(publicKeyPem, keyVersion);

describe.each(testDatabases())("a register's public signing key (%s)", (kind) => {
  let t: TestApp;
  let register: { registerId: string; token: string };
  beforeAll(async () => {
    t = await createTestApp(kind);
    register = await enrolRegister(t);
  });
  afterAll(() => t.close());

  const answers = async (events: SyncEvent[]) =>
    expectJson<PushResponse>(await push(t, register.token, events), 200).results.map((r) => r.reason?.code ?? r.status);

  it('is kept by version; the same key announced again is fine, another key under that version is refused', async () => {
    const first = rsa(1024);
    expect(await answers([keyEvent(1, first.publicKey)])).toEqual(['applied']);
    // Enrolling again announces the key again.
    expect(await answers([keyEvent(1, first.publicKey)])).toEqual(['applied']);
    expect(await answers([keyEvent(1, rsa(1024).publicKey)])).toEqual(['SIGNING_KEY_CONFLICT']);
    const keys = await t.database.read((db) => registerKeys(db, [register.registerId]));
    expect(keys.get(register.registerId)).toEqual(new Map([[1, first.publicKey]]));
  });

  it('refuses a key that is not the rule (RSA 1024, 65537), and a private key never fits the contract', async () => {
    expect(await answers([keyEvent(2, rsa(2048).publicKey)])).toEqual(['SIGNING_KEY_INVALID']);
    const garbled = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n';
    expect(await answers([keyEvent(2, garbled)])).toEqual(['SIGNING_KEY_INVALID']);
    expect(await answers([keyEvent(2, rsa(1024).privateKey)])).toEqual(['EVENT_INVALID']);
    expect((await t.database.read((db) => registerKeys(db, [register.registerId]))).get(register.registerId)?.has(2)).toBe(false);
  });
});
