// Electron main process: one locked-down window showing the renderer, and register-core in a
// utility process, reached over one IPC channel (send) plus pushed events (listen).
import { app, BrowserWindow, ipcMain, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HandlerName, RegisterEventName } from '@nota/protocol';
import type { FromCore } from './core-messages';
import { createCoreProxy, type CoreProcess } from './core-proxy';
import { IPC_EVENT, IPC_LAST_EVENT, IPC_SEND } from './ipc-channels';
import { createRegisterWindow, lockDownSession, rendererEntry } from './window';

/** out/ : this file is out/main/index.cjs. */
const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = rendererEntry(outDir);

// One till, one register: a second launch brings the running window forward instead.
if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const dataDir = process.env['NOTA_DATA_DIR'] ? resolve(process.env['NOTA_DATA_DIR']) : app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const core = createCoreProxy(() => startCoreProcess(join(dataDir, 'register.sqlite')), {
    onExit: (code) => console.error(`register core exited with code ${code}; restarting`),
  });

  // Only our own page may call the core: a frame showing anything else gets nothing.
  const fromOwnPage = (event: IpcMainInvokeEvent) => !!event.senderFrame && entry.isOwn(event.senderFrame.url);
  ipcMain.handle(IPC_SEND, (event, name: HandlerName, args: unknown) =>
    fromOwnPage(event)
      ? core.send(name, args as never)
      : { ok: false, error: { code: 'FORBIDDEN', message: 'Only the register page may call the register.' } },
  );
  ipcMain.handle(IPC_LAST_EVENT, (event, name: RegisterEventName) => (fromOwnPage(event) ? core.lastEvent(name) : null));

  lockDownSession(entry);
  let window = createRegisterWindow(outDir, entry);
  const forward = (name: RegisterEventName) => (payload: unknown) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
  };
  core.listen('sync/status', forward('sync/status'));
  core.listen('printer/status', forward('printer/status'));
  core.listen('payment-methods', forward('payment-methods'));

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createRegisterWindow(outDir, entry);
  });
  app.on('before-quit', () => core.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function startCoreProcess(dbPath: string): CoreProcess {
  const child = utilityProcess.fork(join(outDir, 'main', 'core', 'core-process.cjs'), [dbPath], { serviceName: 'Nota register core', stdio: 'inherit' });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (callback) => child.on('message', (message: FromCore) => callback(message)),
    onExit: (callback) => child.on('exit', callback),
    kill: () => void child.kill(),
  };
}
