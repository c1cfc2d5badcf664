import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { renderDeliveryNote } from './delivery-note';
import { decodeEscPos } from './escpos-decoder';
import { parsePrinterUrl, PrinterError, printDeliveryNote, sendToPrinter, type PrinterErrorCode } from './network-printer';
import { sampleNote } from './test-fixtures';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer';

let printer: VirtualPrinter | undefined;
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});

async function expectPrinterError(promise: Promise<unknown>, code: PrinterErrorCode): Promise<PrinterError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but printing succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrinterError);
  const pe = error as PrinterError;
  expect(pe.code).toBe(code);
  expect(pe.name).toBe('PrinterError');
  return pe;
}

/** A port on loopback that nothing listens on: bind one, then release it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return address.port;
}

const openSockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('sendToPrinter', () => {
  it('delivers exactly the rendered bytes to a working printer', async () => {
    printer = await startVirtualPrinter();
    const bytes = renderDeliveryNote(sampleNote());
    await sendToPrinter(printer.url, bytes);
    const [job] = await printer.waitForJobs(1);
    expect(job?.equals(bytes)).toBe(true);
    expect(decodeEscPos(job!).lines.some((l) => l.text === 'å ä ö Å Ä Ö æ ø Æ Ø é')).toBe(true);
  });

  it('prints a delivery note end to end', async () => {
    printer = await startVirtualPrinter();
    await printDeliveryNote(printer.url, sampleNote({ copy: true }));
    const [job] = await printer.waitForJobs(1);
    expect(job?.equals(renderDeliveryNote(sampleNote({ copy: true })))).toBe(true);
  });

  it('reports an unreachable printer quickly', async () => {
    const port = await closedPort();
    const before = openSockets();
    const began = Date.now();
    const error = await expectPrinterError(sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('x')), 'PRINTER_UNREACHABLE');
    expect(Date.now() - began).toBeLessThan(1000);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    await settle();
    expect(openSockets()).toBe(before);
  });

  it('times out on a printer that accepts but never answers, within the bound', async () => {
    const before = openSockets();
    printer = await startVirtualPrinter({ mode: 'silent' });
    const began = Date.now();
    const error = await expectPrinterError(sendToPrinter(printer.url, Buffer.from('x'), { timeoutMs: 500 }), 'PRINTER_NO_STATUS');
    const elapsed = Date.now() - began;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(900);
    expect(error.message).toBe(
      `The printer at 127.0.0.1:${printer.port} accepted the connection but did not answer the status request within 0.5 s. ` +
        `If it never answers status requests, turn off "Check printer status" in the register's settings.`,
    );
    // The silent printer holds its end open forever; the client must already have let go of its own.
    await settle();
    expect(openSockets()).toBe(before + 1);
    await printer.close();
    printer = undefined;
    await settle();
    expect(openSockets()).toBe(before);
  });

  it('prints to a printer that never answers status once the status check is off, sending no status request', async () => {
    printer = await startVirtualPrinter({ mode: 'no-status' });
    const bytes = renderDeliveryNote(sampleNote());
    const error = await expectPrinterError(sendToPrinter(printer.url, bytes, { timeoutMs: 300 }), 'PRINTER_NO_STATUS');
    expect(error.message).toContain('turn off "Check printer status"');
    expect(printer.jobs).toHaveLength(0);

    await sendToPrinter(printer.url, bytes, { timeoutMs: 1000, checkStatus: false });
    const [job] = await printer.waitForJobs(1);
    // The virtual printer strips status requests, so equality alone would not show that none was sent.
    expect(job?.equals(bytes)).toBe(true);
    const raw: Buffer[] = [];
    const server = net.createServer((s) => s.on('data', (d: Buffer) => raw.push(d)).on('end', () => s.end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as net.AddressInfo;
      await sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('PRINT DATA'), { checkStatus: false });
      expect(Buffer.concat(raw).toString('latin1')).toBe('PRINT DATA');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('says that a printer without status check took the note but never confirmed it', async () => {
    printer = await startVirtualPrinter({ mode: 'silent' });
    const error = await expectPrinterError(sendToPrinter(printer.url, Buffer.from('x'), { timeoutMs: 300, checkStatus: false }), 'PRINTER_TIMEOUT');
    expect(error.message).toBe(
      `The printer at 127.0.0.1:${printer.port} took the note but did not confirm it within 0.3 s. ` +
        'Check whether it printed before printing it again.',
    );
  });

  it('refuses to print when the paper is out, and the virtual printer records no job', async () => {
    printer = await startVirtualPrinter({ mode: 'paper-out' });
    const error = await expectPrinterError(sendToPrinter(printer.url, renderDeliveryNote(sampleNote())), 'PRINTER_PAPER_OUT');
    expect(error.message).toMatch(/out of paper/);
    await expect(printer.waitForJobs(1, 200)).rejects.toThrow();
    expect(printer.jobs).toHaveLength(0);
  });

  it('sends no print data at all to a printer without paper', async () => {
    // The virtual printer drops paper-out jobs by design, so a raw listener shows what really went out.
    const seen: Buffer[] = [];
    let closed!: () => void;
    const connectionClosed = new Promise<void>((r) => (closed = r));
    const server = net.createServer((s) => {
      s.on('data', (d: Buffer) => {
        seen.push(d);
        if (Buffer.concat(seen).length >= 6) s.write(Buffer.from([0x1e, 0x72]));
      });
      s.on('close', () => closed());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as net.AddressInfo;
      await expectPrinterError(sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('PRINT DATA')), 'PRINTER_PAPER_OUT');
      await connectionClosed;
      expect([...Buffer.concat(seen)]).toEqual([0x10, 0x04, 0x01, 0x10, 0x04, 0x04]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('reports a connection reset mid-job as lost', async () => {
    printer = await startVirtualPrinter({ mode: 'reset' });
    await expectPrinterError(sendToPrinter(printer.url, Buffer.from('x')), 'PRINTER_CONNECTION_LOST');
    expect(printer.jobs).toHaveLength(0);
  });

  it('reports a printer that closes without answering as lost, not as printed', async () => {
    const server = net.createServer((s) => s.on('data', () => s.end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as net.AddressInfo;
      await expectPrinterError(sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('x')), 'PRINTER_CONNECTION_LOST');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('reports an offline printer (e.g. cover open) that still has paper', async () => {
    // DLE EOT 1 with bit 3 (offline) set, DLE EOT 4 paper fine.
    const server = net.createServer((s) => s.once('data', () => s.write(Buffer.from([0x1e, 0x12]))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as net.AddressInfo;
      await expectPrinterError(sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('x'), { timeoutMs: 1000 }), 'PRINTER_OFFLINE');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it.each(['http://10.0.0.5:9100', '10.0.0.5:9100', 'tcp://', 'tcp://10.0.0.5:99999', 'tcp://10.0.0.5:9100/path', 'tcp://user:pw@10.0.0.5', ''])(
    'rejects the invalid address %j without connecting',
    async (url) => {
      const error = await expectPrinterError(sendToPrinter(url, Buffer.from('x')), 'PRINTER_URL_INVALID');
      expect(error.message).toContain('tcp://');
      await expectPrinterError(printDeliveryNote(url, sampleNote()), 'PRINTER_URL_INVALID');
    },
  );
});

describe('parsePrinterUrl', () => {
  it('defaults to port 9100 and accepts IPv6 and host names', () => {
    expect(parsePrinterUrl('tcp://10.0.0.5')).toEqual({ host: '10.0.0.5', port: 9100 });
    expect(parsePrinterUrl('tcp://10.0.0.5:9101/')).toEqual({ host: '10.0.0.5', port: 9101 });
    expect(parsePrinterUrl('TCP://Printer.local:9100')).toEqual({ host: 'Printer.local', port: 9100 });
    expect(parsePrinterUrl('tcp://[::1]:9100')).toEqual({ host: '::1', port: 9100 });
  });
});
