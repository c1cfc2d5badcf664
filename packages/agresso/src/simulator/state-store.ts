import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCs15Xml } from '../cs15/cs15-parse';
import { readGl07 } from '../gl07/gl07-read';
import type { BookCustomer } from './customer-book';
import type { ImportContent, LedgerState } from './ledger';
import type { AcceptedImport } from './types';

export interface SimulatorState {
  customers: BookCustomer[];
  ledger: LedgerState;
}

export interface StateStore {
  load(): SimulatorState | null;
  /** Where the current state comes from; called once everything exists. */
  attach(current: () => SimulatorState): void;
  /** Something changed: written shortly after, in one go. */
  changed(): void;
  flush(): void;
}

/**
 * Keeps the simulator's customers and imports in a JSON file, so a restarted simulator still knows
 * what it accepted and posted, like Business World after a restart. Writes go to a temporary file
 * renamed over the old one, so a crash never leaves half a file.
 */
export function createStateStore(file: string): StateStore {
  let current: (() => SimulatorState) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    if (!current) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(current()));
    renameSync(`${file}.tmp`, file);
  };
  return {
    load() {
      if (!existsSync(file)) return null;
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as SimulatorState;
      } catch (error) {
        throw new Error(`The simulator state ${file} cannot be read (${(error as Error).message}); move it away to start empty.`);
      }
    },
    attach(source) {
      current = source;
    },
    changed() {
      timer ??= setTimeout(write, 50);
    },
    flush() {
      if (timer) clearTimeout(timer);
      write();
    },
  };
}

/** A saved order's content, read again from the document it was received with. */
export function importContentOf(order: AcceptedImport): ImportContent {
  return order.processId === 'GL07' ? { processId: 'GL07', raw: readGl07(order.document) } : { processId: 'CS15', customers: parseCs15Xml(order.document) };
}
