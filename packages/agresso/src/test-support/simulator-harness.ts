import { afterEach } from 'vitest';
import { createAgressoClient, type AgressoClient, type AgressoConnection } from '../client/agresso-client';
import { startAgressoSimulator } from '../simulator/simulator';
import type { AgressoSimulator, SimulatorOptions } from '../simulator/types';

export const CREDENTIALS = { username: 'NOTA', client: '10', password: 'Hemligt-Lösen-42' } as const;

const running = new Set<AgressoSimulator>();

/** Each test file that uses this closes every simulator it started after each test. */
export function closeSimulatorsAfterEach(): void {
  afterEach(async () => {
    await Promise.all([...running].map((s) => s.close()));
    running.clear();
  });
}

export async function startSimulator(overrides: Partial<SimulatorOptions> = {}): Promise<AgressoSimulator> {
  const sim = await startAgressoSimulator({
    ...CREDENTIALS,
    processingDelayMs: 20,
    perVoucherMs: 0,
    customers: [{ customerId: '10042', name: 'Ängens Förskola', externalReference: 'nota:10042' }],
    ...overrides,
  });
  running.add(sim);
  return sim;
}

export function clientFor(sim: AgressoSimulator, overrides: Partial<AgressoConnection> = {}): AgressoClient {
  return createAgressoClient({ baseUrl: sim.url, ...CREDENTIALS, timeoutMs: 2_000, ...overrides });
}
