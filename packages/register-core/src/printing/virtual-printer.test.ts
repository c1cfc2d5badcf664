import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterMode } from './virtual-printer';

let printer: VirtualPrinter | undefined;
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});

/** A bare client: sends chunks (optionally pausing between them), collects answers until the printer closes. */
async function talk(port: number, chunks: Buffer[], opts: { end?: boolean; waitMs?: number } = {}): Promise<Buffer> {
  const socket = net.connect({ host: '127.0.0.1', port });
  const received: Buffer[] = [];
  socket.on('data', (d: Buffer) => received.push(d));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    for (const chunk of chunks) {
      socket.write(chunk);
      await new Promise((r) => setTimeout(r, 10));
    }
    if (opts.end ?? true) socket.end();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, opts.waitMs ?? 1000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return Buffer.concat(received);
  } finally {
    socket.destroy();
  }
}

const start = async (mode?: VirtualPrinterMode): Promise<VirtualPrinter> => {
  printer = await startVirtualPrinter(mode ? { mode } : {});
  return printer;
};

describe('virtual printer', () => {
  it('listens on loopback with a random port and reports its URL', async () => {
    const p = await start();
    expect(p.port).toBeGreaterThan(0);
    expect(p.url).toBe(`tcp://127.0.0.1:${p.port}`);
  });

  it('answers status requests like an Epson TM printer and keeps them out of the job', async () => {
    const p = await start();
    // The second request is split across two writes, as TCP may deliver it.
    const answer = await talk(p.port, [Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04, 0x10]), Buffer.from([0x04, 0x04, 0x41, 0x42])]);
    expect([...answer]).toEqual([0x16, 0x12, 0x12]);
    const [job] = await p.waitForJobs(1);
    expect(job?.toString('latin1')).toBe('AB');
  });

  it('keeps DLE bytes that are not part of a status request', async () => {
    const p = await start();
    await talk(p.port, [Buffer.from([0x41, 0x10, 0x05, 0x02, 0x42])]);
    const [job] = await p.waitForJobs(1);
    expect([...(job ?? [])]).toEqual([0x41, 0x10, 0x05, 0x02, 0x42]);
  });

  it('reports paper end and records nothing when out of paper', async () => {
    const p = await start('paper-out');
    const answer = await talk(p.port, [Buffer.from([0x10, 0x04, 0x04, 0x10, 0x04, 0x01]), Buffer.from('print me')]);
    expect([...answer]).toEqual([0x72, 0x1e]);
    await expect(p.waitForJobs(1, 200)).rejects.toThrow(/expected 1 job/);
    expect(p.jobs).toHaveLength(0);
  });

  it('does not record connections that only asked for status', async () => {
    const p = await start();
    await talk(p.port, [Buffer.from([0x10, 0x04, 0x04])]);
    await expect(p.waitForJobs(1, 200)).rejects.toThrow();
  });

  it('in silent mode never answers and never closes', async () => {
    const p = await start('silent');
    const began = Date.now();
    const answer = await talk(p.port, [Buffer.from([0x10, 0x04, 0x04])], { waitMs: 300 });
    expect(answer.length).toBe(0);
    // talk() gave up after its wait: the printer kept the connection open despite our FIN.
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
  });

  it('in reset mode drops the connection with a TCP reset', async () => {
    const p = await start('reset');
    const socket = net.connect({ host: '127.0.0.1', port: p.port });
    try {
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        socket.once('connect', () => socket.write(Buffer.from([0x10, 0x04, 0x04])));
        socket.once('error', resolve);
      });
      expect(error.code).toBe('ECONNRESET');
    } finally {
      socket.destroy();
    }
    expect(p.jobs).toHaveLength(0);
  });

  it('switches behaviour with setMode', async () => {
    const p = await start();
    p.setMode('paper-out');
    expect([...(await talk(p.port, [Buffer.from([0x10, 0x04, 0x04])]))]).toEqual([0x72]);
    p.setMode('ok');
    expect([...(await talk(p.port, [Buffer.from([0x10, 0x04, 0x04])]))]).toEqual([0x12]);
  });

  it('collects one job per connection, in order', async () => {
    const p = await start();
    await talk(p.port, [Buffer.from('one')]);
    await talk(p.port, [Buffer.from('two')]);
    const jobs = await p.waitForJobs(2);
    expect(jobs.map((j) => j.toString())).toEqual(['one', 'two']);
  });

  it('closes even with a connection held open', async () => {
    const p = await start('silent');
    const socket = net.connect({ host: '127.0.0.1', port: p.port });
    await new Promise((r) => socket.once('connect', r));
    const closed = new Promise((r) => socket.once('close', r));
    await p.close();
    printer = undefined;
    await closed;
    socket.destroy();
  });
});
