/** The IPC channels between preload and main; the preload bundles this file, so it imports nothing. */
export const IPC_SEND = 'nota:send';
export const IPC_EVENT = 'nota:event';
export const IPC_LAST_EVENT = 'nota:last-event';
