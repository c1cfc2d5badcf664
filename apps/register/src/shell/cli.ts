// npm run register: the register in the browser shell. The register's core on
// NOTA_DATA_DIR/register.sqlite (syncing in the background once enrolled), the built renderer and
// the handler map served on loopback (NOTA_REGISTER_PORT, default a free port). Prints the address
// to open; it carries this launch's secret.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRegisterCore } from '@nota/register-core';
import { startRegisterHost } from './host';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build';

const dataDir = resolve(process.env.NOTA_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
ensureRendererBuilt();

const core = createRegisterCore({
  dbPath: join(dataDir, 'register.sqlite'),
  sync: { autoStart: true },
  onInternalError: (err, where) => console.error(`register: unexpected error in ${where}:`, err),
});
const host = await startRegisterHost({ core, rendererDir: RENDERER_DIR, port: Number(process.env.NOTA_REGISTER_PORT ?? 0) });

console.log(`Register (browser shell) on ${join(dataDir, 'register.sqlite')}
  Open: ${host.address}
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  });
}
