// Electron utility process hosting register-core: filled in by the next commits.
export {};
