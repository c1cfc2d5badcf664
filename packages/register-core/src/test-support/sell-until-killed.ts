import { fileURLToPath } from 'node:url';
import { runUntilKilled } from './run-until-killed';

const CHILD = fileURLToPath(new URL('./sale-writer-child.ts', import.meta.url));

/** Starts the child seller and SIGKILLs it after `killAfter` acknowledged sales; answers their ids. */
export async function sellUntilKilled(dbPath: string, killAfter: number): Promise<string[]> {
  const lines = await runUntilKilled(CHILD, dbPath, killAfter);
  return lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
}
