import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` and `npm run server` as people and process managers run them: real npm, real
// processes, a real taken port. Slow (every start builds the embedded database), so few cases.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.pid) killTree(child.pid);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves once the output matches; rejects if the process ends first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
}

function run(script: string[], env: Record<string, string>): Run {
  // Its own process group, so a signal reaches npm alone, as a process manager's would.
  const child = spawn('npm', script, { cwd: repoRoot, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        const check = () => {
          if (!pattern.test(output)) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        void exited.then(() => {
          clearTimeout(timer);
          if (pattern.test(output)) resolve();
          else reject(new Error(`exited before ${pattern}:\n${output}`));
        });
        check();
      }),
  };
}

function processTable(): { pid: number; ppid: number; state: string }[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,stat='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, state] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), state: state ?? '' };
    });
}

function descendants(root: number): number[] {
  const table = processTable();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const p of table) if (p.ppid === parent) (found.push(p.pid), queue.push(p.pid));
  }
  return found;
}

/** Pids still running; a zombie has finished, whether or not anyone has reaped it yet. */
const alive = (pids: number[]) => processTable().filter((p) => pids.includes(p.pid) && !p.state.startsWith('Z')).map((p) => p.pid);

function killTree(root: number): void {
  for (const pid of [root, ...descendants(root)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function takenPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nota-start-'));
  dirs.push(dir);
  return dir;
};

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe('a taken port', () => {
  it.each([
    { command: 'npm start', setting: 'AGRESSO_SIM_PORT', other: 'PORT' },
    { command: 'npm start', setting: 'PORT', other: 'AGRESSO_SIM_PORT' },
    { command: 'npm run server', setting: 'PORT', other: null },
  ])('stops `$command` with one line naming $setting and a non-zero exit', async ({ command, setting, other }) => {
    const taken = await takenPort();
    try {
      const env: Record<string, string> = { NOTA_DATA_DIR: dataDir(), [setting]: String(taken.port), NOTA_EXPORT: 'off' };
      if (other) env[other] = '0';
      const started = run(command.split(' ').slice(1), env);
      const code = await started.exited;
      const output = started.output();
      expect(code).not.toBe(0);
      expect(output).toContain(
        `Port ${taken.port} on 127.0.0.1 is already in use (${setting}). Stop the program using it, or choose another port: ${setting}=${taken.port + 1} ${command}`,
      );
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      await taken.close();
    }
  }, 240_000);
});

describe('npm start under a process manager', () => {
  it('stops every process it started when only npm gets SIGTERM or SIGINT, and rings up the demo sale only once', async () => {
    const env = { NOTA_DATA_DIR: dataDir(), PORT: '0', AGRESSO_SIM_PORT: '0' };
    for (const [signal, start] of [['SIGTERM', 'first'], ['SIGINT', 'second']] as const) {
      const npm = run(['start'], env);
      await npm.waitFor(/Press Ctrl\+C to stop\./, 420_000);
      if (start === 'first') {
        expect(npm.output()).toContain('The printer received:');
        expect(npm.output()).toContain('Server has 1 sale(s).');
        // The back office is built (or was) and served by the server at the address printed.
        const backOffice = /Back office:\s+open (\S+)/.exec(npm.output())?.[1];
        expect(backOffice).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        const page = await fetch(`${backOffice}invoices`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root">');
      } else {
        expect(npm.output()).not.toContain('The printer received:');
        expect(npm.output()).toMatch(/The demo sale was rung up on the first start of .* \(receipt 1\); no new one\./);
        expect(npm.output()).toContain('Server has 1 sale(s).');
      }
      const children = descendants(npm.child.pid!);
      expect(children.length).toBeGreaterThan(0);
      process.kill(npm.child.pid!, signal);
      await npm.exited;
      expect(await until(() => alive(children).length === 0, 30_000)).toBe(true);
    }
  }, 900_000);
});
