/**
 * A FIFO promise mutex. PGlite is a single connection: two drizzle transactions started
 * concurrently would interleave their statements inside one BEGIN…COMMIT and corrupt each other.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    // The next caller waits for this one to settle, whatever its outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
