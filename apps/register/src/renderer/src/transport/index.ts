import type { RegisterTransport } from '@nota/protocol';

/**
 * The renderer's one way to the register core. Electron's preload provides `window.nota`; in an
 * ordinary browser the browser-shell transport (HTTP + WebSocket to the local host) stands in.
 * Screens and stores import `transport` from here and never know which one they got.
 */
export function pickTransport(): RegisterTransport {
  if (window.nota) return window.nota;
  throw new Error('The browser-shell transport lands in the next commit');
}
