import { DomainError, SWEDISH_VAT_RATES } from '@nota/domain';
import {
  fieldErrorsFromZod,
  registerApi,
  type EventOf,
  type HandlerName,
  type RequestOf,
  type ResponseOf,
  type RegisterEventName,
  type Result,
} from '@nota/protocol';
import type { CoreContext } from './context';
import { createCustomerSearch } from './customers/customer-search';
import { openStore, type Store } from './db/open';
import { paymentMethods, vatRates } from './db/schema';
import { CoreError } from './errors';
import { CoreEvents } from './events/emitter';
import { ObservedSyncEngine } from './events/observed-sync-engine';
import { StatusReporter } from './events/status-reporter';
import { createHandlers, type Handlers } from './handlers';
import { readSettings } from './settings/settings';
import type { SyncEngine, SyncEngineOptions } from './sync/sync-engine';
import { Session } from './users/session';

export interface RegisterCoreOptions {
  /** Path of the register's SQLite file; created on first open. */
  dbPath: string;
  /** Injected clock, so tests can sell on the day a VAT rate changes. */
  now?: () => Date;
  /** Called with every unexpected error (a bug) and where it happened, for the host to log. */
  onInternalError?: (err: unknown, where: HandlerName | RegisterEventName) => void;
  /** Sync engine settings; `autoStart` keeps it syncing in the background (the Electron host does). */
  sync?: SyncEngineOptions & { autoStart?: boolean };
}

export interface RegisterCore {
  /** The one way in: validates the request, runs the handler, answers with a Result, never throws. */
  send<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
  readonly context: CoreContext;
  readonly sync: SyncEngine;
  /** What the core pushes (`registerEvents`): sync state with outbox counts, printer state, ways to pay. */
  listen<E extends RegisterEventName>(name: E, callback: (payload: EventOf<E>) => void): () => void;
  /** The latest pushed state of `name`, for a host's new subscriber. */
  lastEvent<E extends RegisterEventName>(name: E): EventOf<E> | null;
  /** Stops background sync and closes the database (at once when no sync round is in flight). */
  close(): Promise<void>;
}

export function createRegisterCore(options: RegisterCoreOptions): RegisterCore {
  const store = openStore(options.dbPath);
  const ctx: CoreContext = {
    store,
    db: store.db,
    session: new Session(store.db),
    now: options.now ?? (() => new Date()),
    searchCustomers: createCustomerSearch(store.sqlite),
  };
  seedDefaults(store);
  const sync = new ObservedSyncEngine(ctx, options.sync);
  const handlers = createHandlers(ctx, sync);
  const events = new CoreEvents((err, name) => options.onInternalError?.(err, name));
  const reporter = new StatusReporter(events, ctx, sync);
  sync.onRoundChange = () => reporter.roundChanged();
  if (options.sync?.autoStart) sync.start();

  async function send<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
    reporter.beforeHandler(name);
    const result = await run(name, args);
    reporter.afterHandler(name, result);
    return result;
  }

  async function run<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
    const schema = registerApi[name]?.request;
    if (!schema) {
      return { ok: false, error: { code: 'UNKNOWN_HANDLER', message: `No handler named ${String(name)}.` } };
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const details = fieldErrorsFromZod(parsed.error);
      return {
        ok: false,
        error: { code: 'VALIDATION', message: details.map((d) => d.message).join('; '), field: details[0]?.field, details },
      };
    }
    try {
      const handler = handlers[name] as (req: unknown) => unknown;
      return { ok: true, data: (await handler(parsed.data)) as ResponseOf<K> };
    } catch (err) {
      if (err instanceof CoreError) return { ok: false, error: err.toApiError() };
      if (err instanceof DomainError) {
        return {
          ok: false,
          error: {
            code: err.code,
            message: err.message,
            ...(err.field ? { field: err.field } : {}),
            ...(err.details.length ? { details: err.details } : {}),
          },
        };
      }
      options.onInternalError?.(err, name);
      return { ok: false, error: { code: 'INTERNAL', message: `Unexpected error in ${name}: ${String(err)}` } };
    }
  }

  return {
    send,
    context: ctx,
    sync,
    listen: (name, callback) => events.listen(name, callback),
    lastEvent: (name) => events.last(name),
    close() {
      reporter.close();
      const stopped = sync.stop();
      // Closed at once when no round is in flight, so a caller that reopens the file right away can.
      if (!sync.busy) {
        store.close();
        return Promise.resolve();
      }
      return stopped.then(() => store.close());
    },
  };
}

/** A new register can sell at once: Swedish VAT rates and the three payment methods. */
function seedDefaults(store: Store): void {
  const { db } = store;
  db.transaction((tx) => {
    if (tx.select().from(vatRates).limit(1).all().length === 0) {
      tx.insert(vatRates).values(SWEDISH_VAT_RATES.map((r) => ({ ...r }))).run();
    }
    tx.insert(paymentMethods)
      .values([
        { id: 'cash', name: 'Kontant' },
        { id: 'card', name: 'Kort' },
        { id: 'invoice', name: 'Faktura' },
      ])
      .onConflictDoNothing()
      .run();
    readSettings(tx);
  });
}

export type { Handlers };
