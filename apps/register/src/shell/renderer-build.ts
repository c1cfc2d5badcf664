import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repoDir = resolve(appDir, '../..');

/** Where `npm run build` puts the renderer; the browser shell serves it from here. */
export const RENDERER_DIR = join(appDir, 'out', 'renderer');

/** What the built renderer is made of: when any of it is newer than the build, the build is stale. */
const SOURCES = [join(appDir, 'src', 'renderer'), ...['web-kit', 'protocol', 'domain'].map((p) => join(repoDir, 'packages', p, 'src'))];

/** Builds the register (electron-vite: main, preload, renderer) when its renderer is missing or stale. */
export function ensureRendererBuilt(log: (line: string) => void = console.log): void {
  const index = join(RENDERER_DIR, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (builtAt > 0 && !SOURCES.some((dir) => newerThan(dir, builtAt))) return;
  log(builtAt ? 'The register renderer is older than its sources; rebuilding…' : 'Building the register renderer (first start)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build', '-w', '@nota/register'], { cwd: repoDir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0 || !existsSync(index)) {
    throw new Error(`Building the register failed (exit ${built.status ?? built.signal}); run "npm run build" to see why.`);
  }
}

function newerThan(dir: string, time: number): boolean {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time) return true;
  }
  return false;
}
