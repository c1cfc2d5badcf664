// The architecture's hard boundaries (DESIGN.md): domain imports nothing of ours and does no I/O;
// register-core has no React and no Electron. Fails the lint with the offending file and import.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const rules = [
  { dir: 'packages/domain/src', forbidden: [/^@nota\//, /^node:/, /^(fs|net|http|https|child_process|better-sqlite3)$/] },
  { dir: 'packages/protocol/src', forbidden: [/^@nota\/(?!domain)/, /^node:/] },
  { dir: 'packages/register-core/src', forbidden: [/^react/, /^electron/, /^zustand/] },
  // Shared by the register's renderer and the back office: runs in a browser, knows only the contract.
  { dir: 'packages/web-kit/src', forbidden: [/^@nota\/(?!protocol$|domain$)/, /^node:/, /^(fs|net|http|https|child_process|better-sqlite3|electron)$/] },
  // The register's renderer reaches the core only through the transport (preload or browser shell).
  { dir: 'apps/register/src/renderer', forbidden: [/^@nota\/register-core/, /^node:/, /^electron/, /^(fs|net|http|better-sqlite3|ws)$/] },
  // The back office runs in a browser and reaches the server only over its API (src/api).
  { dir: 'apps/backoffice/src', forbidden: [/^@nota\/(?!protocol$|domain$|web-kit$)/, /^node:/, /^(fs|net|http|https|child_process|better-sqlite3|electron)$/] },
  // The Agresso client and simulator know Business World, not Nota's registers or server.
  { dir: 'packages/agresso/src', forbidden: [/^@nota\//, /^react/, /^electron/] },
];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) yield path;
  }
}

let failures = 0;
for (const { dir, forbidden } of rules) {
  for (const file of files(dir)) {
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      if (forbidden.some((re) => re.test(spec))) {
        console.error(`${file}: imports ${spec}, which this package may not depend on`);
        failures += 1;
      }
    }
  }
}
if (failures) process.exit(1);
console.log('boundaries ok');
