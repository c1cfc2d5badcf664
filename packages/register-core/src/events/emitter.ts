import type { EventOf, RegisterEventName } from '@nota/protocol';

type AnyListener = (payload: never) => void;

/**
 * What the core pushes to its hosts (`registerEvents`). Each payload is the whole current state, so
 * an unchanged state is not sent again and a new listener can start from `last(name)`.
 */
export class CoreEvents {
  readonly #listeners = new Map<RegisterEventName, Set<AnyListener>>();
  readonly #last = new Map<RegisterEventName, { payload: unknown; json: string }>();
  readonly #onListenerError: (err: unknown, name: RegisterEventName) => void;

  constructor(onListenerError: (err: unknown, name: RegisterEventName) => void = () => undefined) {
    this.#onListenerError = onListenerError;
  }

  listen<E extends RegisterEventName>(name: E, callback: (payload: EventOf<E>) => void): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    const listener = callback as AnyListener;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Tells every listener, unless the state is the one they were last told. */
  emit<E extends RegisterEventName>(name: E, payload: EventOf<E>): void {
    const json = JSON.stringify(payload);
    if (this.#last.get(name)?.json === json) return;
    this.#last.set(name, { payload, json });
    for (const listener of [...(this.#listeners.get(name) ?? [])]) {
      // A host's broken listener must not stop the others or the handler that caused the change.
      try {
        (listener as (p: EventOf<E>) => void)(payload);
      } catch (err) {
        this.#onListenerError(err, name);
      }
    }
  }

  last<E extends RegisterEventName>(name: E): EventOf<E> | null {
    return (this.#last.get(name)?.payload as EventOf<E> | undefined) ?? null;
  }
}
