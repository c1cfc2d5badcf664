import type { HandlerName, RegisterEventName, Result } from '@nota/protocol';

/** Main process → core process. */
export type ToCore = { type: 'send'; id: number; name: HandlerName; args: unknown };

/** Core process → main process: answers to calls, and the core's pushes. */
export type FromCore =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: RegisterEventName; payload: unknown };

/** Either end of the message channel, whatever carries it (Electron's utility process, a Node child). */
export interface CoreChannel<In, Out> {
  postMessage(message: Out): void;
  onMessage(callback: (message: In) => void): void;
}
