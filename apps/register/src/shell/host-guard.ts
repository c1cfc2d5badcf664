import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header the renderer sends the per-launch secret in (WebSockets: a subprotocol, see below). */
export const SECRET_HEADER = 'x-nota-secret';
/** WebSocket clients cannot set headers; they offer `nota.v1` and `secret.<secret>` as subprotocols. */
export const WS_PROTOCOL = 'nota.v1';
export const WS_SECRET_PREFIX = 'secret.';

export type Refusal = 'HOST' | 'ORIGIN' | 'SECRET';

/**
 * Who may use the register's local host. A page on another site, open in the same browser, can
 * reach 127.0.0.1 too: the Host check stops DNS rebinding (a foreign name pointed at 127.0.0.1), the
 * Origin check stops cross-site requests, and the secret, known only to whoever read the address the
 * register printed, stops everything else on the machine.
 */
export class HostGuard {
  readonly #hosts: Set<string>;
  readonly #origins: Set<string>;
  readonly #secret: Buffer;

  constructor(port: number, secret: string) {
    this.#hosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${port}`));
    this.#origins = new Set([...this.#hosts].map((h) => `http://${h}`));
    this.#secret = digest(secret);
  }

  /** Every request, files included: answers only to the names of this machine. */
  checkHost(req: IncomingMessage): Refusal | null {
    return this.#hosts.has((req.headers.host ?? '').toLowerCase()) ? null : 'HOST';
  }

  /** Calls into the core: same host, a same-origin page, and the secret. */
  checkCall(req: IncomingMessage, secret: string | undefined): Refusal | null {
    const host = this.checkHost(req);
    if (host) return host;
    if (!this.#origins.has((req.headers.origin ?? '').toLowerCase())) return 'ORIGIN';
    return secret !== undefined && this.#secretMatches(secret) ? null : 'SECRET';
  }

  /** The secret offered as a WebSocket subprotocol, if any. */
  static secretFromProtocols(header: string | undefined): string | undefined {
    const offered = (header ?? '').split(',').map((p) => p.trim());
    return offered.find((p) => p.startsWith(WS_SECRET_PREFIX))?.slice(WS_SECRET_PREFIX.length);
  }

  #secretMatches(candidate: string): boolean {
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first wrong byte.
    return timingSafeEqual(digest(candidate), this.#secret);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
