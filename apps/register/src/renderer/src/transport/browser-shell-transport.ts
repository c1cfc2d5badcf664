import type { ApiError, EventOf, HandlerName, RegisterEventName, RegisterTransport, RequestOf, ResponseOf, Result } from '@nota/protocol';

export interface BrowserShellOptions {
  /** The launch secret; null when the page was not opened from the address the register printed. */
  secret: string | null;
  /** The register's local host; default: the page's own origin. */
  origin?: string;
  /** First reconnect delay of the event socket, doubled up to 10 s. */
  reconnectMs?: number;
}

type Listener = (payload: unknown) => void;

/**
 * The register's transport in an ordinary browser: calls are POSTs to the local host, pushes come
 * over one WebSocket that reconnects by itself. Never throws: a host that cannot be reached answers
 * `{ ok: false }` like any refused call.
 */
export function createBrowserShellTransport(options: BrowserShellOptions): RegisterTransport {
  const origin = options.origin ?? window.location.origin;
  const listeners = new Map<RegisterEventName, Set<Listener>>();
  const latest = new Map<RegisterEventName, unknown>();
  let socket: WebSocket | null = null;
  let retryMs = options.reconnectMs ?? 500;

  async function send<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
    if (!options.secret) return failure('NO_LAUNCH_SECRET', 'Open the register from the address it printed when it started.');
    try {
      const response = await fetch(`${origin}/api/send`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nota-Secret': options.secret },
        body: JSON.stringify({ name, args }),
      });
      return (await response.json()) as Result<ResponseOf<K>>;
    } catch (err) {
      return failure('REGISTER_UNREACHABLE', `The register's local host did not answer: ${String(err)}`);
    }
  }

  function connect(): void {
    if (socket || !options.secret || listeners.size === 0) return;
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/events`, ['nota.v1', `secret.${options.secret}`]);
    socket = ws;
    ws.onopen = () => {
      retryMs = options.reconnectMs ?? 500;
    };
    ws.onmessage = (message) => {
      const { name, payload } = JSON.parse(String(message.data)) as { name: RegisterEventName; payload: unknown };
      latest.set(name, payload);
      for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
    };
    ws.onclose = () => {
      socket = null;
      // The host sends every current state when the socket opens again, so nothing is missed for long.
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  }

  function listen<E extends RegisterEventName>(name: E, callback: (payload: EventOf<E>) => void): () => void {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    const listener = callback as Listener;
    set.add(listener);
    if (latest.has(name)) queueMicrotask(() => set.has(listener) && listener(latest.get(name)));
    connect();
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(name);
      if (listeners.size === 0 && socket) {
        const closing = socket;
        socket = null;
        closing.onclose = null;
        closing.close();
      }
    };
  }

  return { send, listen };
}

function failure(code: string, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}
