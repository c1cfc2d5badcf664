import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HandlerName, RegisterEventName, RegisterTransport, Result } from '@nota/protocol';
import { registerEvents } from '@nota/protocol';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { HostGuard, SECRET_HEADER, WS_PROTOCOL, type Refusal } from './host-guard';
import { isLoopback } from './loopback';

/** What the host needs of the core: the transport's two calls and the latest pushed states. */
export interface HostedCore extends RegisterTransport {
  lastEvent(name: RegisterEventName): unknown;
}

export interface RegisterHostOptions {
  core: HostedCore;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** Loopback only; anything else is refused. Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Normally random per launch; tests pass their own. */
  secret?: string;
}

export interface RegisterHost {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** The address to open: the URL with the launch secret in its fragment (never sent over HTTP). */
  address: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const EVENT_NAMES = Object.keys(registerEvents) as RegisterEventName[];
// The index.html carries the same policy as a meta tag (for Electron's file://); the header adds
// what a meta tag cannot say: no framing.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

const REFUSALS: Record<Refusal, string> = {
  HOST: 'This register answers only to 127.0.0.1 and localhost.',
  ORIGIN: 'Only the register page itself may call the register.',
  SECRET: 'The launch secret is missing or wrong. Open the address the register printed when it started.',
};

/**
 * The browser shell's local host: serves the built renderer, and the register's handler map (POST
 * /api/send, or calls over the WebSocket /api/events) and pushes (the same socket) to a page on this
 * machine that holds the launch secret.
 */
export async function startRegisterHost(options: RegisterHostOptions): Promise<RegisterHost> {
  const bindHost = options.host ?? '127.0.0.1';
  if (!isLoopback(bindHost)) {
    throw new Error(`The register's host listens on loopback only; "${bindHost}" is not a loopback address.`);
  }
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const { core } = options;
  let guard: HostGuard | null = null;

  const files = sirv(options.rendererDir, {
    etag: true,
    single: true,
    setHeaders: (res, pathname) => {
      if (pathname.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
    },
  });
  const sockets = new WebSocketServer({
    noServer: true,
    // A call over the socket may be as large as one over POST.
    maxPayload: MAX_BODY_BYTES,
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    const refused = guard!.checkHost(req);
    if (refused) return refuse(res, refused);
    if (req.url === '/api/send') return void handleSend(req, res);
    if (req.url?.startsWith('/api/')) return json(res, 404, failure('NOT_FOUND', `No route ${req.url}.`));
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, failure('METHOD_NOT_ALLOWED', 'Files are read with GET.'));
    files(req, res);
  });

  async function handleSend(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = req.headers[SECRET_HEADER];
    const refused = guard!.checkCall(req, typeof header === 'string' ? header : undefined);
    if (refused) return refuse(res, refused);
    if (req.method !== 'POST') return json(res, 405, failure('METHOD_NOT_ALLOWED', 'Calls are made with POST.'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return json(res, 415, failure('UNSUPPORTED_MEDIA_TYPE', 'Calls are JSON (Content-Type: application/json).'));
    }
    let call: { name?: unknown; args?: unknown };
    try {
      call = JSON.parse(await readBody(req)) as typeof call;
    } catch (err) {
      const tooLarge = err instanceof BodyTooLarge;
      return json(res, tooLarge ? 413 : 400, failure(tooLarge ? 'TOO_LARGE' : 'BAD_JSON', tooLarge ? 'The call is larger than 1 MB.' : 'The call is not valid JSON.'));
    }
    if (typeof call?.name !== 'string') return json(res, 400, failure('BAD_CALL', 'A call names its handler: { "name": ..., "args": ... }.'));
    // The core validates the name and the arguments against the protocol and answers with a Result.
    const result = await core.send(call.name as HandlerName, (call.args ?? {}) as never);
    json(res, 200, result);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = req.url === '/api/events' ? guard!.checkCall(req, HostGuard.secretFromProtocols(req.headers['sec-websocket-protocol'])) : null;
    if (req.url !== '/api/events' || refused) {
      socket.end(`HTTP/1.1 ${refused ? '403 Forbidden' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      streamEvents(ws);
      answerCalls(ws);
    });
  });

  /**
   * Calls over the page's socket: `{ id, name, args }` in, `{ id, result }` out. The socket passed the
   * same Host, Origin and secret checks as a POST, once, when it opened; a call on it then costs a
   * message each way instead of an HTTP request (the scan and keystroke paths make one per key).
   */
  function answerCalls(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => {
      let call: { id?: unknown; name?: unknown; args?: unknown };
      try {
        call = isBinary ? {} : (JSON.parse(String(data)) as typeof call);
      } catch {
        return reply(ws, null, failure('BAD_JSON', 'The call is not valid JSON.'));
      }
      const id = typeof call?.id === 'number' ? call.id : null;
      if (id === null || typeof call.name !== 'string') {
        return reply(ws, id, failure('BAD_CALL', 'A call over the socket is { "id": number, "name": ..., "args": ... }.'));
      }
      // The core validates the name and the arguments against the protocol and answers with a Result.
      void core.send(call.name as HandlerName, (call.args ?? {}) as never).then((result) => reply(ws, id, result));
    });
  }

  function reply(ws: WebSocket, id: number | null, result: Result<unknown>): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
  }

  function streamEvents(ws: WebSocket): void {
    const push = (name: RegisterEventName, payload: unknown) => {
      if (payload !== null && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ name, payload }));
    };
    const stops = EVENT_NAMES.map((name) => {
      push(name, core.lastEvent(name));
      return core.listen(name, (payload) => push(name, payload));
    });
    ws.on('close', () => stops.forEach((stop) => stop()));
    // An error (a message over the size limit, a broken frame) just ends this socket.
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  guard = new HostGuard(port, secret);
  const urlHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${urlHost}:${port}/`;
  return {
    url,
    address: `${url}#secret=${secret}`,
    port,
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failure(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  json(res, 403, failure(`FORBIDDEN_${refusal}`, REFUSALS[refusal]));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
