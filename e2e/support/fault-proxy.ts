import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A loopback TCP proxy between a register and the server that injects network faults:
 *  - 'pass': forwards both ways;
 *  - 'drop-response': forwards the request, lets the server answer, then cuts the register's
 *    connection without passing the answer on (to the register: the server died after committing);
 *  - 'refuse': closes every new connection at once (server down);
 *  - 'stall': accepts and never forwards (server hung).
 */
export type FaultMode = 'pass' | 'drop-response' | 'refuse' | 'stall';

export interface FaultProxy {
  url: string;
  /** Switches mode, cutting live connections, and resolves once clients had time to notice. */
  setMode(mode: FaultMode): Promise<void>;
  /** Connections whose server answer was swallowed in 'drop-response' mode. */
  readonly droppedResponses: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  let dropped = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    track(client);
    if (mode === 'refuse') return client.destroy();
    if (mode === 'stall') return;
    const upstream = connect(target.port, target.host);
    track(upstream);
    const dropThis = mode === 'drop-response';
    client.pipe(upstream);
    if (dropThis) {
      upstream.once('data', () => {
        dropped += 1;
        // The server has answered, so it has committed: cut the register off before it hears.
        client.destroy();
        upstream.destroy();
      });
    } else {
      upstream.pipe(client);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    async setMode(next) {
      mode = next;
      // Kept-alive connections would carry on in the old mode; a real outage cuts them too.
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    get droppedResponses() {
      return dropped;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
