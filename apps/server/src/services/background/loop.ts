export interface Loop {
  /** Something may be due now: run at once instead of at the next poll. */
  nudge(): void;
  /** Resolves once the running round has finished; no round starts after. */
  stop(): Promise<void>;
}

/**
 * Runs `round` again and again: straight away while it finds work, otherwise after `pollMs` or as
 * soon as it is nudged. A round that throws is reported and the loop goes on.
 */
export function startLoop(
  round: () => Promise<boolean>,
  options: { pollMs: number; onError: (error: unknown) => void; /** Waited for before each round: background gives way. */ turn?: () => Promise<void> },
): Loop {
  let stopped = false;
  let nudged = false;
  let wake: (() => void) | null = null;

  const idle = () =>
    new Promise<void>((resolve) => {
      if (nudged) {
        nudged = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, options.pollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const running = (async () => {
    while (!stopped) {
      let worked = false;
      try {
        await options.turn?.();
        worked = await round();
      } catch (error) {
        options.onError(error);
      }
      if (!worked && !stopped) await idle();
    }
  })();

  return {
    nudge() {
      if (wake) wake();
      else nudged = true;
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
