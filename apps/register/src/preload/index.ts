import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventOf, RegisterEventName, RegisterTransport } from '@nota/protocol';
import { IPC_EVENT, IPC_LAST_EVENT, IPC_SEND } from '../main/ipc-channels';

/**
 * The whole bridge: the renderer gets `window.nota` with `send` and `listen` and nothing else, so a
 * compromised page can call the same handlers a cashier can, but never Node, IPC or the core itself.
 */
const nota: RegisterTransport = {
  send: (name, args) => ipcRenderer.invoke(IPC_SEND, name, args),
  listen<E extends RegisterEventName>(name: E, callback: (payload: EventOf<E>) => void) {
    const onEvent = (_event: IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) callback(payload as EventOf<E>);
    };
    ipcRenderer.on(IPC_EVENT, onEvent);
    // Each event carries the whole state, so a new listener starts from the latest one.
    void ipcRenderer.invoke(IPC_LAST_EVENT, name).then((payload: unknown) => {
      if (payload !== null && payload !== undefined) callback(payload as EventOf<E>);
    });
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('nota', nota);
