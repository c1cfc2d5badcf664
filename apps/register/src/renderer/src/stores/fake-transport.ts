import type { EventOf, HandlerName, RegisterEventName, RegisterTransport, RequestOf, ResponseOf, Result } from '@nota/protocol';

type Handler<K extends HandlerName> = (args: RequestOf<K>) => Result<ResponseOf<K>> | ResponseOf<K> | Promise<Result<ResponseOf<K>> | ResponseOf<K>>;
export type FakeHandlers = { [K in HandlerName]?: Handler<K> };

/**
 * A transport for store and screen tests: answers from the given handlers (a plain value is an
 * `ok` answer, a `{ ok: false }` is a refusal), records every call, and lets a test push events.
 */
export function createFakeTransport(handlers: FakeHandlers = {}) {
  const calls: { name: HandlerName; args: unknown }[] = [];
  const listeners = new Map<RegisterEventName, Set<(payload: never) => void>>();
  const transport: RegisterTransport & {
    calls: typeof calls;
    handlers: FakeHandlers;
    emit<E extends RegisterEventName>(name: E, payload: EventOf<E>): void;
    callsOf(name: HandlerName): unknown[];
  } = {
    calls,
    handlers,
    async send<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
      calls.push({ name, args });
      const handler = handlers[name] as Handler<K> | undefined;
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_HANDLER', message: `fake transport has no ${name}` } };
      const answer = await handler(args);
      if (answer && typeof answer === 'object' && 'ok' in answer && typeof answer.ok === 'boolean') return answer as Result<ResponseOf<K>>;
      return { ok: true, data: answer as ResponseOf<K> };
    },
    listen(name, callback) {
      const set = listeners.get(name) ?? new Set();
      set.add(callback as (payload: never) => void);
      listeners.set(name, set);
      return () => set.delete(callback as (payload: never) => void);
    },
    emit(name, payload) {
      for (const callback of listeners.get(name) ?? []) (callback as (p: typeof payload) => void)(payload);
    },
    callsOf(name) {
      return calls.filter((c) => c.name === name).map((c) => c.args);
    },
  };
  return transport;
}

/** An in-memory StateStorage: what localStorage holds across a reload, without jsdom's shared one. */
export function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}
