/**
 * A stand-in receipt printer for developers without one:
 *   npx tsx packages/register-core/src/printing/virtual-printer-cli.ts [--port 9100] [--mode ok|paper-out|silent|no-status|reset]
 * Listens on 127.0.0.1 only and prints every job it receives as decoded text.
 */
import { parseArgs } from 'node:util';
import { decodeEscPos, receiptText } from './escpos-decoder';
import { startVirtualPrinter, type VirtualPrinterMode } from './virtual-printer';

const MODES: readonly VirtualPrinterMode[] = ['ok', 'paper-out', 'silent', 'no-status', 'reset'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9100' },
      mode: { type: 'string', default: 'ok' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: virtual-printer-cli [--port 9100] [--mode ok|paper-out|silent|no-status|reset]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const mode = values.mode as VirtualPrinterMode;
  if (!MODES.includes(mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}, got ${values.mode}`);

  let count = 0;
  const printer = await startVirtualPrinter({
    port,
    mode,
    onJob(job) {
      count++;
      const decoded = decodeEscPos(job);
      const lines = [`----- job ${count}: ${job.length} bytes, code page ${decoded.codePage ?? 'default'} -----`, receiptText(decoded)];
      if (decoded.unknownCommands.length > 0) lines.push(`(unknown commands: ${decoded.unknownCommands.join(', ')})`);
      process.stdout.write(`${lines.join('\n')}\n\n`);
    },
  });
  process.stdout.write(`Virtual printer listening on ${printer.url} (mode ${mode}). Ctrl+C to stop.\n`);

  const stop = (): void => {
    void printer.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
