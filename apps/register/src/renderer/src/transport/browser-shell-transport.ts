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
 * The register's transport in an ordinary browser: pushes come over one WebSocket to the local host
 * that reconnects by itself, and calls go over that socket while it is open (a message each way,
 * where a POST costs a whole HTTP request) or as POSTs while it is not. Never throws: a host that
 * cannot be reached answers `{ ok: false }` like any refused call.
 */
export function createBrowserShellTransport(options: BrowserShellOptions): RegisterTransport {
  const origin = options.origin ?? window.location.origin;
  const listeners = new Map<RegisterEventName, Set<Listener>>();
  const latest = new Map<RegisterEventName, unknown>();
  let socket: WebSocket | null = null;
  let retryMs = options.reconnectMs ?? 500;
  let nextCallId = 1;
  const answers = new Map<number, (result: Result<unknown>) => void>();

  async function send<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
    if (!options.secret) return failure('NO_LAUNCH_SECRET', 'Open the register from the address it printed when it started.');
    const open = socket?.readyState === WebSocket.OPEN ? socket : null;
    if (open) {
      const id = nextCallId++;
      return new Promise((resolve) => {
        answers.set(id, resolve as (result: Result<unknown>) => void);
        open.send(JSON.stringify({ id, name, args }));
      });
    }
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
      const data = JSON.parse(String(message.data)) as { id?: number | null; result?: Result<unknown>; name: RegisterEventName; payload: unknown };
      if ('id' in data) {
        const answer = typeof data.id === 'number' ? answers.get(data.id) : undefined;
        answers.delete(data.id!);
        answer?.(data.result!);
        return;
      }
      const { name, payload } = data;
      latest.set(name, payload);
      for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
    };
    ws.onclose = () => {
      socket = null;
      unanswered();
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
        unanswered();
      }
    };
  }

  /** Calls in flight on a socket that closed: whether the core ran them is unknown, as with a POST cut off. */
  function unanswered(): void {
    for (const answer of answers.values()) answer(failure('REGISTER_UNREACHABLE', "The register's local host closed the connection before answering."));
    answers.clear();
  }

  return { send, listen };
}

function failure(code: string, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}
