import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSecretKey } from '../services/config/secret-box';
import { openDatabase } from './database';
import { DataDirInUseError } from './data-dir-lock';

// The embedded database's folder holds customers' personal data and PIN hashes: it is the server
// user's alone, and one server's at a time.

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'nota-data-'));
  folders.push(folder);
  return folder;
}

/** Every path under root (root included) that group or others may read, write or enter, with its mode. */
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
const countFiles = (root: string): number =>
  readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

async function writeSomething(database: Awaited<ReturnType<typeof openDatabase>>) {
  await database.transaction(async (tx) => {
    await tx.execute(sql`create table if not exists mode_probe (id int primary key, note text)`);
    await tx.execute(sql`insert into mode_probe select g, repeat('x', 100) from generate_series(1, 5000) g on conflict do nothing`);
  });
  await database.statement((db) => db.execute(sql`checkpoint`));
}

describe('the embedded database folder', () => {
  it('is private: 0700 folders and 0600 files, while running and after', { timeout: 180_000 }, async () => {
    const root = tempFolder();
    const dataDir = join(root, 'server', 'pglite');
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await writeSomething(database);
      expect(countFiles(dataDir)).toBeGreaterThan(100);
      expect(notPrivate(dataDir)).toEqual([]);
      expect(lstatSync(`${dataDir}.lock`).mode & 0o777).toBe(0o600);
    } finally {
      await database.close();
    }
    expect(notPrivate(dataDir)).toEqual([]);
  });

  it('is made private again at start when an older server left it open to everyone', { timeout: 180_000 }, async () => {
    const root = tempFolder();
    const dataDir = join(root, 'pglite');
    await (await openDatabase({ kind: 'pglite', dataDir })).close();
    // As PGlite used to leave it: everything world-writable.
    const loosen = (path: string) => {
      const stat = lstatSync(path);
      chmodSync(path, stat.isDirectory() ? 0o777 : 0o666);
      if (stat.isDirectory()) for (const name of readdirSync(path)) loosen(join(path, name));
    };
    loosen(dataDir);
    expect(notPrivate(dataDir).length).toBeGreaterThan(100);

    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(notPrivate(dataDir)).toEqual([]);
      await writeSomething(reopened);
    } finally {
      await reopened.close();
    }
    expect(notPrivate(dataDir)).toEqual([]);
  });

  it('keeps the secret key and its folder private, also when they were made open before', () => {
    const root = tempFolder();
    const fresh = join(root, 'fresh', 'secret.key');
    loadSecretKey({ keyFile: fresh });
    expect(notPrivate(join(root, 'fresh'))).toEqual([]);

    const old = join(root, 'old');
    loadSecretKey({ keyFile: join(old, 'secret.key') });
    chmodSync(old, 0o755);
    chmodSync(join(old, 'secret.key'), 0o644);
    const key = loadSecretKey({ keyFile: join(old, 'secret.key') });
    expect(key.toString('base64')).toBe(readFileSync(join(old, 'secret.key'), 'utf8'));
    expect(notPrivate(old)).toEqual([]);
  });

  it('is one server’s at a time: a second open is refused, naming the process, and the folder is free again after close', { timeout: 180_000 }, async () => {
    const dataDir = join(tempFolder(), 'pglite');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    let closed = false;
    try {
      const second = openDatabase({ kind: 'pglite', dataDir });
      await expect(second).rejects.toThrow(DataDirInUseError);
      await expect(second).rejects.toThrow(`pid ${process.pid}`);
      // The first is untouched by the refused second.
      await writeSomething(first);
      await first.close();
      closed = true;
      const again = await openDatabase({ kind: 'pglite', dataDir });
      const result = (await again.read((db) => db.execute(sql`select count(*)::int as n from mode_probe`))) as unknown as { rows: { n: number }[] };
      const [row] = result.rows;
      expect(row!.n).toBe(5000);
      await again.close();
    } finally {
      if (!closed) await first.close();
    }
  });

  it('does not mistake a lock file left behind for a holder', { timeout: 180_000 }, async () => {
    const dataDir = join(tempFolder(), 'pglite');
    // A server that died leaves its lock file, with a pid that is long gone; the OS lock went with it.
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 999_999_999, host: 'elsewhere', since: '2020-01-01T00:00:00Z' }));
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await database.close();
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
  });
});
