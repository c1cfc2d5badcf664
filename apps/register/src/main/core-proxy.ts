import type { EventOf, HandlerName, RegisterEventName, RegisterTransport, RequestOf, ResponseOf, Result } from '@nota/protocol';
import type { CoreChannel, FromCore, ToCore } from './core-messages';

/** A running core process, as the proxy sees it. */
export interface CoreProcess extends CoreChannel<FromCore, ToCore> {
  onExit(callback: (code: number) => void): void;
  kill(): void;
}

export interface CoreProxy extends RegisterTransport {
  lastEvent<E extends RegisterEventName>(name: E): EventOf<E> | null;
  close(): void;
}

type Listener = (payload: unknown) => void;

/**
 * The main process's handle on the core, which runs in its own process: calls go out with an id and
 * come back as Results; pushes fan out to listeners. If the core process dies, the calls in flight
 * answer CORE_RESTARTED (the cashier retries; a sale is durable only once its answer came) and a
 * new core process starts on the same database.
 */
export function createCoreProxy(start: () => CoreProcess, opts: { restartDelayMs?: number; onExit?: (code: number) => void } = {}): CoreProxy {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<RegisterEventName, Set<Listener>>();
  const latest = new Map<RegisterEventName, unknown>();
  let nextId = 1;
  let closed = false;
  let child = spawn();

  function spawn(): CoreProcess {
    const proc = start();
    proc.onMessage((message) => {
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'event') {
        latest.set(message.name, message.payload);
        for (const listener of [...(listeners.get(message.name) ?? [])]) listener(message.payload);
      }
    });
    proc.onExit((code) => {
      opts.onExit?.(code);
      for (const answer of pending.values()) {
        answer({ ok: false, error: { code: 'CORE_RESTARTED', message: `The register core stopped (exit ${code}) before answering; try again.` } });
      }
      pending.clear();
      if (!closed) setTimeout(() => !closed && (child = spawn()), opts.restartDelayMs ?? 500);
    });
    return proc;
  }

  return {
    send<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'CORE_CLOSED', message: 'The register is shutting down.' } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        child.postMessage({ type: 'send', id, name, args } satisfies ToCore);
      });
    },
    listen<E extends RegisterEventName>(name: E, callback: (payload: EventOf<E>) => void): () => void {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const listener = callback as Listener;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    lastEvent<E extends RegisterEventName>(name: E): EventOf<E> | null {
      return (latest.get(name) as EventOf<E> | undefined) ?? null;
    },
    close() {
      closed = true;
      child.kill();
    },
  };
}
