/**
 * The Agresso simulator for the demo and for developers:
 *   npm run agresso:sim -- [--port 8090] [--user NOTA] [--client 10] [--password …] (see --help)
 * Listens on 127.0.0.1 only. Stops cleanly on Ctrl+C or SIGTERM.
 */
import { OPERATIONS } from '../soap/services';
import { describeGl07Checks, parseCli, PASSWORD_ENV, usage, type CliConfig } from './cli-options';
import { startAgressoSimulator } from './simulator';
import type { AgressoSimulator } from './types';

function describe(config: CliConfig, sim: AgressoSimulator): string {
  const o = config.options;
  const password =
    config.passwordSource === 'option'
      ? 'password from --password (not shown)'
      : config.passwordSource === 'environment'
        ? `password from $${PASSWORD_ENV} (not shown)`
        : `demo password "${o.password}"`;
  return [
    `Agresso simulator listening on ${sim.origin}`,
    `  Service URL (baseUrl): ${sim.url}`,
    ...OPERATIONS.map((op) => `    ${op.service.padEnd(20)} ${sim.url}?${op.route}  (SOAPAction ${op.action})`),
    `  Credentials: user ${o.username}, client ${o.client}, ${password}`,
    `  ${describeGl07Checks(o.xsdDir)}`,
    `  Processing:  orders run one at a time per process, ${o.processingDelayMs} ms each + ${o.perVoucherMs} ms per voucher; tax codes ${(o.taxCodes ?? []).join(',')}; confirmation template ${o.confirmationTemplateId}`,
    `  Customers:   ${o.customers?.length ?? 0} pre-existing${config.customersFile ? ` (from ${config.customersFile})` : ''}`,
    `  Control:     GET                ${sim.origin}/simulator/accepted`,
    `               GET, POST          ${sim.origin}/simulator/customers`,
    `               GET, POST, DELETE  ${sim.origin}/simulator/faults   e.g. {"service":"ImportService","kind":"timeout-after-queue","delayMs":60000}`,
    'Ctrl+C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = parseCli(process.argv.slice(2));
  if (config === null) {
    process.stdout.write(usage());
    return;
  }
  const sim = await startAgressoSimulator(config.options);
  process.stdout.write(`${describe(config, sim)}\n`);

  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
