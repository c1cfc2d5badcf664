// Node side of the back office: where its build lives and a build when that is missing or stale, for
// `npm start` and the browser suite's global set-up. The server serves BACKOFFICE_DIR.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(appDir, '../..');

export const BACKOFFICE_DIR = join(appDir, 'dist');

/** What the built app is made of: when any of it is newer than the build, the build is stale. */
const SOURCES = [join(appDir, 'src'), ...['web-kit', 'protocol', 'domain'].map((p) => join(repoDir, 'packages', p, 'src'))];

export function ensureBackofficeBuilt(log: (line: string) => void = console.log): void {
  const index = join(BACKOFFICE_DIR, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (builtAt > 0 && !SOURCES.some((dir) => changedSince(dir, builtAt))) return;
  log(builtAt ? 'The back office is older than its sources; rebuilding…' : 'Building the back office (first start)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build', '-w', '@nota/backoffice'], { cwd: repoDir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0 || !existsSync(index)) {
    throw new Error(`Building the back office failed (exit ${built.status ?? built.signal}); run "npm run build" to see why.`);
  }
}

/** Any file under `dir` (tests aside, they are not in the build) modified after `time`. */
function changedSince(dir: string, time: number): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true, recursive: true }).some(
    (entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name) && statSync(join(entry.parentPath, entry.name)).mtimeMs > time,
  );
}
