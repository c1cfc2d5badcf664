// Electron main process: filled in by the next commits (window, utility process, IPC).
export {};
