// Stands in for Electron's utility process in tests: the same serveCore, over Node's IPC channel.
import { createRegisterCore } from '@nota/register-core';
import type { FromCore, ToCore } from './core-messages';
import { serveCore } from './core-server';

const core = createRegisterCore({ dbPath: process.argv[2]! });
serveCore(core, {
  postMessage: (message: FromCore) => process.send!(message),
  onMessage: (callback: (message: ToCore) => void) => process.on('message', (message) => callback(message as ToCore)),
});
