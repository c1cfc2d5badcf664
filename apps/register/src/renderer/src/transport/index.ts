import type { RegisterTransport } from '@nota/protocol';
import { createBrowserShellTransport } from './browser-shell-transport';
import { takeLaunchSecret } from './launch-secret';

/**
 * The renderer's one way to the register core. Electron's preload provides `window.nota`; in an
 * ordinary browser the browser shell's transport (HTTP + WebSocket to the local host) stands in.
 * Both are a `RegisterTransport`; screens and stores never know which one they got.
 */
export function pickTransport(): RegisterTransport {
  return window.nota ?? createBrowserShellTransport({ secret: takeLaunchSecret() });
}

let chosen: RegisterTransport | null = null;

/** The transport of this page, picked once. */
export function transport(): RegisterTransport {
  return (chosen ??= pickTransport());
}
