// How a long-running script (npm start) starts and stops: what it opened is closed in reverse order,
// once, whether it is stopped by a signal, by its parent going away, or by a port that is taken.

export interface Lifecycle {
  /** Registers something to close at shutdown; closed last-registered first. */
  onStop(close: () => Promise<void> | void): void;
  /** Closes everything registered and exits with `code`. Later calls wait for the first. */
  stop(code: number): Promise<never>;
  readonly stopping: boolean;
}

/** Bound on a shutdown: a resource that hangs must not keep the process alive for good. */
const STOP_TIMEOUT_MS = 15_000;

export function createLifecycle(): Lifecycle {
  const closers: (() => Promise<void> | void)[] = [];
  let stopping: Promise<never> | null = null;
  const stop = (code: number): Promise<never> => {
    stopping ??= (async () => {
      setTimeout(() => process.exit(code || 1), STOP_TIMEOUT_MS).unref();
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          console.error(`While stopping: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      process.exit(code);
    })();
    return stopping;
  };
  return {
    onStop: (close) => void closers.push(close),
    stop,
    get stopping() {
      return stopping !== null;
    },
  };
}

/**
 * Stops on SIGINT/SIGTERM/SIGHUP, and when the process that started this one is gone. Process
 * managers often signal only npm's own process. npm passes the signal to the script's shell, which
 * would sit on a SIGINT and die of a SIGTERM without passing either on, so `npm start` execs node in
 * place of the shell. Should npm itself be killed, this process is orphaned and re-parented (to init
 * or a subreaper): a changed parent id means the parent has gone.
 */
export function stopWithParent(lifecycle: Lifecycle, checkEveryMs = 500): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void lifecycle.stop(0));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void lifecycle.stop(0);
  }, checkEveryMs).unref();
}

/** A port from the environment: 0 to 65535, 0 meaning any free one. */
export function envPort(setting: string, fallback: number): number {
  const text = process.env[setting];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    console.error(`${setting} must be a port number from 0 to 65535; it is '${text}'.`);
    process.exit(1);
  }
  return port;
}
