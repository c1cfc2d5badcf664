/**
 * Lets background work (activation, export) give way to requests from registers: the server is one
 * event loop, and a register's push must not queue behind a round of export work. Background loops
 * wait for a moment with no foreground request in flight, but never longer than maxWaitMs, so under
 * a steady stream of pushes the background still moves.
 */
export interface ForegroundGate {
  enter(): void;
  leave(): void;
  idle(): Promise<void>;
}

export function createForegroundGate(maxWaitMs = 500): ForegroundGate {
  let active = 0;
  let waiters: (() => void)[] = [];
  return {
    enter() {
      active += 1;
    },
    leave() {
      active = Math.max(0, active - 1);
      if (active > 0) return;
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
    idle() {
      if (active === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxWaitMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        waiters.push(done);
      });
    },
  };
}
