import net from 'node:net';

export type VirtualPrinterMode =
  | 'ok'
  | 'paper-out'
  /** Accepts the connection, never answers a status request, never closes. */
  | 'silent'
  /** Prints what it receives and closes, but never answers a status request (many cheap printers). */
  | 'no-status'
  /** Destroys the socket (TCP RST) on the first byte. */
  | 'reset';

export interface VirtualPrinter {
  /** 'tcp://127.0.0.1:PORT' */
  url: string;
  port: number;
  /** Bytes of each completed connection that sent print data, status requests removed. */
  jobs: Buffer[];
  setMode(mode: VirtualPrinterMode): void;
  /** Resolves with the first n jobs once they exist; rejects after timeoutMs (default 2000). */
  waitForJobs(n: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export interface VirtualPrinterOptions {
  /** 0 = random free port (the default). */
  port?: number;
  mode?: VirtualPrinterMode;
  /** Called for each recorded job (used by the CLI to print it as it arrives). */
  onJob?: (job: Buffer) => void;
}

const DLE = 0x10;
const EOT = 0x04;

// Answers to DLE EOT n as an Epson TM printer gives them. Bits 1 and 4 are always set and bits 0
// and 7 always clear, which is how a client tells a status byte from other traffic.
function statusAnswer(n: number, paperOut: boolean): number | null {
  switch (n) {
    case 1: // printer status; bit 3 = offline, which a printer with no paper is
      return paperOut ? 0x1e : 0x16;
    case 2: // offline cause; bit 5 = stopped because of paper end
      return paperOut ? 0x32 : 0x12;
    case 3: // error cause
      return 0x12;
    case 4: // roll paper sensor; bits 2,3 = near end, bits 5,6 = paper end
      return paperOut ? 0x72 : 0x12;
    default:
      return null;
  }
}

/** A loopback TCP listener that behaves like a network ESC/POS printer on port 9100. */
export async function startVirtualPrinter(opts: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  let mode: VirtualPrinterMode = opts.mode ?? 'ok';
  const jobs: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const waiters = new Set<() => void>();

  // allowHalfOpen so that 'silent' can really keep the connection open after the client's FIN,
  // like a printer whose network stack has hung.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    const received: number[] = [];
    // Status requests can be split across TCP segments, so the parser keeps its state between chunks.
    let statusState: 0 | 1 | 2 = 0; // 0 = none, 1 = seen DLE, 2 = seen DLE EOT

    socket.on('data', (chunk: Buffer) => {
      if (mode === 'reset') {
        socket.resetAndDestroy();
        return;
      }
      for (const byte of chunk) {
        if (statusState === 2) {
          statusState = 0;
          const answer = statusAnswer(byte, mode === 'paper-out');
          if (mode !== 'silent' && mode !== 'no-status' && answer !== null) socket.write(Buffer.from([answer]));
          continue;
        }
        if (statusState === 1) {
          if (byte === EOT) {
            statusState = 2;
            continue;
          }
          received.push(DLE);
          statusState = 0;
        }
        if (byte === DLE) {
          statusState = 1;
          continue;
        }
        received.push(byte);
      }
    });
    socket.on('end', () => {
      if (statusState === 1) received.push(DLE);
      if (received.length > 0 && mode !== 'paper-out') {
        const job = Buffer.from(received);
        jobs.push(job);
        opts.onJob?.(job);
        for (const wake of [...waiters]) wake();
      }
      if (mode !== 'silent') socket.end();
    });
    socket.on('error', () => {
      // A client going away abruptly is normal traffic for a printer, not a failure of the fake.
    });
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: opts.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Virtual printer did not get a TCP port');
  const port = address.port;

  return {
    url: `tcp://127.0.0.1:${port}`,
    port,
    jobs,
    setMode(next) {
      mode = next;
    },
    waitForJobs(n, timeoutMs = 2000) {
      return new Promise<Buffer[]>((resolve, reject) => {
        const check = (): boolean => {
          if (jobs.length < n) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(jobs.slice(0, n));
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`Virtual printer: expected ${n} job(s) within ${timeoutMs} ms, got ${jobs.length}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
