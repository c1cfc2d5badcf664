import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('npm run agresso:sim', () => {
  it('prints where it listens without echoing the password, serves, and stops cleanly on SIGTERM', async () => {
    const password = 'cli-secret-4711';
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--password', password, '--no-xsd'], { cwd: repoRoot });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the simulator did not start:\n${output}`)), 15_000);
        child.stdout.on('data', () => {
          if (output.includes('Ctrl+C to stop.')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', () => reject(new Error(`the simulator exited:\n${output}`)));
      });
      expect(output).not.toContain(password);
      expect(output).toContain('password from --password (not shown)');
      expect(output).toContain("  GL07 documents are checked only against the simulator's own rules, not Unit4's XSD (--no-xsd)");
      const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      expect(origin).toBeDefined();
      expect(output).toContain(`Service URL (baseUrl): ${origin}/BusinessWorld-webservices/service.svc`);
      expect(output).toContain(`${origin}/simulator/accepted`);
      expect(await (await fetch(`${origin}/simulator/accepted`)).json()).toEqual({ imports: [] });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
