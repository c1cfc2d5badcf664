import { registerEvents, type RegisterEventName, type RegisterTransport } from '@nota/protocol';
import type { CoreChannel, FromCore, ToCore } from './core-messages';

/**
 * The core process's side: runs each call on the core and answers it by id, and forwards every
 * push. Calls run concurrently, so a slow one (a printer timing out) does not hold back the others.
 */
export function serveCore(core: RegisterTransport & { lastEvent(name: RegisterEventName): unknown }, channel: CoreChannel<ToCore, FromCore>): void {
  for (const name of Object.keys(registerEvents) as RegisterEventName[]) {
    const current = core.lastEvent(name);
    if (current !== null) channel.postMessage({ type: 'event', name, payload: current });
    core.listen(name, (payload) => channel.postMessage({ type: 'event', name, payload }));
  }
  channel.onMessage((message) => {
    if (message?.type !== 'send') return;
    void core.send(message.name, message.args as never).then((result) => channel.postMessage({ type: 'result', id: message.id, result }));
  });
}
