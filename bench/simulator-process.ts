import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AcceptedImport, SimulatorCustomer } from '@nota/agresso/simulator';

/** The Agresso simulator in a process of its own, steered over its control API. */
export interface SimulatorProcess {
  url: string;
  origin: string;
  addCustomers(list: SimulatorCustomer[]): Promise<void>;
  /** Wall-clock time its process server ran a job (GL07 or CS15, overlapping jobs once). */
  processServerBusyMs(): Promise<number>;
  accepted(): Promise<AcceptedImport[]>;
  /** Resolves when no order is queued or running. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../packages/agresso/src/simulator/cli.ts', import.meta.url));

/**
 * Agresso is another machine: its work (reading and checking a GL07 document of hundreds of
 * vouchers against the XSD, answering queries) must not take turns with Nota's on one event loop,
 * or the benchmark would charge Agresso's time to Nota.
 */
export async function startSimulatorProcess(options: { username: string; client: string; password: string; processingDelayMs: number; perVoucherMs: number }): Promise<SimulatorProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--port', '0', '--user', options.username, '--client', options.client, '--password', options.password,
      '--processing-delay', String(options.processingDelayMs), '--per-voucher', String(options.perVoucherMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const origin = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the Agresso simulator exited (${code}) before it listened`)));
  });
  const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${origin}${path}`, init);
    if (!res.ok) throw new Error(`simulator ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const stats = () => json<{ processes: Record<string, { queued: number }>; busyMs: number }>('/simulator/process-server');
  return {
    url: `${origin}/BusinessWorld-webservices/service.svc`,
    origin,
    async addCustomers(list) {
      await json('/simulator/customers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(list) });
    },
    processServerBusyMs: async () => (await stats()).busyMs,
    accepted: async () => (await json<{ imports: AcceptedImport[] }>('/simulator/accepted')).imports,
    async settle() {
      while (Object.values((await stats()).processes).some((p) => p.queued > 0)) await new Promise((resolve) => setTimeout(resolve, 100));
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
