import { createRegisterCore } from '@nota/register-core';
import type { ParentPort } from 'electron';
import type { FromCore, ToCore } from './core-messages';
import { serveCore } from './core-server';

/** Opens the register's database and serves the core to the main process over the parent port. */
export function hostCore(dbPath: string, port: ParentPort): void {
  const core = createRegisterCore({
    dbPath,
    sync: { autoStart: true },
    onInternalError: (err, where) => console.error(`register core: unexpected error in ${where}:`, err),
  });
  serveCore(core, {
    postMessage: (message: FromCore) => port.postMessage(message),
    onMessage: (callback: (message: ToCore) => void) => port.on('message', (event) => callback(event.data as ToCore)),
  });
}
