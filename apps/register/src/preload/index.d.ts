import type { RegisterTransport } from '@nota/protocol';

declare global {
  interface Window {
    /** Present in Electron (the preload's bridge); absent in the browser shell. */
    nota?: RegisterTransport;
  }
}
