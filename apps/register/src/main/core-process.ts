// Electron utility process entry: register-core runs here, so a slow query or a printer that times
// out never blocks the window's main process. argv: the path of the register's SQLite file.
//
// The bundler (rolldown) shares its runtime helpers between the main and this entry through a chunk
// that the main process loads too, so nothing here may run on load: the core starts only when this
// really is a utility process (one with a parentPort).
if (process.parentPort) {
  const dbPath = process.argv[2];
  if (!dbPath) throw new Error('core-process: the database path is missing');
  void import('./core-host').then(({ hostCore }) => hostCore(dbPath, process.parentPort));
}
