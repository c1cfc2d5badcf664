import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../apps/server/src/server.ts', import.meta.url));

/** The real server as its own process, so a test can SIGKILL it and start it again on the same data. */
export interface ServerProcess {
  url: string;
  port: number;
  /** The running process's id, if one runs. */
  pid(): number | undefined;
  kill(): Promise<void>;
  start(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startServerProcess(env: { dataDir: string; apiKey: string; databaseUrl?: string; extraEnv?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        NOTA_DATA_DIR: env.dataDir,
        NOTA_ADMIN_API_KEY: env.apiKey,
        LOG_LEVEL: 'warn',
        ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : { DATABASE_URL: '' }),
        ...env.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
      const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server did not become healthy within 90 s: ${output}`);
  };

  const kill = async () => {
    const running = child;
    // A process ended by a signal has a signalCode and no exitCode.
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return { url, port, pid: () => child?.pid, kill, start };
}
