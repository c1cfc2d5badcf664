import { randomUUID } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../../scripts/loadgen/admin-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';

// Two servers on one NOTA_DATA_DIR both took writes, and after a restart one's were gone. Now the
// second is refused at start, saying who holds the folder; a holder that died holds nothing.

/** Paths under root that group or others may use. */
function notPrivate(root: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if ((stat.mode & 0o077) !== 0) found.push(`${(stat.mode & 0o777).toString(8)} ${path}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return found;
}

describe('one server per data folder', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('refuses a second server on the folder, naming the first one’s process, and lets a new one in once the first is gone', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nota-server-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const apiKey = `nak_${randomUUID().replaceAll('-', '')}`;

    const first: ServerProcess = await startServerProcess({ dataDir, apiKey });
    cleanups.push(() => first.kill());
    const firstAdmin = createAdminClient(first.url, apiKey);
    await firstAdmin.request('POST', '/api/cost-centres', { code: 'A1', name: 'Skriven av den första' });
    // Everything the server wrote is its user's alone, the secret key and the database alike.
    expect(readdirSync(dataDir).sort()).toEqual(['pglite', 'pglite.lock', 'secret.key']);
    expect(notPrivate(dataDir)).toEqual([]);

    const started = Date.now();
    const second = startServerProcess({ dataDir, apiKey });
    await expect(second).rejects.toThrow(/server exited with 1/);
    await expect(second).rejects.toThrow(`in use by another Nota server, process ${first.pid()}`);
    console.log(`second server refused after ${Date.now() - started} ms`);

    // The first goes on, and its writes stay.
    await firstAdmin.request('POST', '/api/cost-centres', { code: 'A2', name: 'Efter den andras försök' });

    // A holder that dies leaves its lock file, but the lock goes with the process.
    await first.kill();
    const third = await startServerProcess({ dataDir, apiKey });
    cleanups.push(() => third.kill());
    const thirdAdmin = createAdminClient(third.url, apiKey);
    await thirdAdmin.request('POST', '/api/registers', { name: 'Kassa', costCentreCode: 'A2' });
    await expect(thirdAdmin.request('POST', '/api/registers', { name: 'Kassa', costCentreCode: 'A1' })).resolves.toBeTruthy();
  });
});
