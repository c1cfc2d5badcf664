import { join } from 'node:path';
import { buildApp } from './build-app';
import { DataDirInUseError } from './db/data-dir-lock';
import { DatabaseTooNewError } from './db/migrate';
import { makePrivateDir } from './db/private-files';
import { listenProblem } from './listen-problem';
import { FirstAdministratorError } from './services/auth/first-administrator';
import { loadSecretKey } from './services/config/secret-box';

// Everything the server writes (the database, the secret key) is its user's alone.
process.umask(0o077);
const dataDir = process.env.NOTA_DATA_DIR ?? './.data/server';
makePrivateDir(dataDir);
function envNumber(name: string): number | undefined {
  const text = process.env[name];
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number; it is '${text}'.`);
  return Number(text);
}
const databaseUrl = process.env.DATABASE_URL || undefined;

function firstAdministrator(): { username: string; password: string } | undefined {
  const username = process.env.NOTA_ADMIN_USERNAME || undefined;
  const password = process.env.NOTA_ADMIN_PASSWORD || undefined;
  if (!username && !password) return undefined;
  if (!username || !password) {
    console.error('Set both NOTA_ADMIN_USERNAME and NOTA_ADMIN_PASSWORD for the first administrator, or neither (the server then prints a set-up code).');
    process.exit(1);
  }
  return { username, password };
}

if (databaseUrl && !process.env.NOTA_SECRET_KEY) {
  // Each instance would seal the Agresso password with its own key file, and the others could not open it.
  console.warn('NOTA_SECRET_KEY is not set: several server instances on one database need the same key (openssl rand -base64 32).');
}

const app = await startOrExplain({
  databaseUrl,
  pgliteDir: databaseUrl ? undefined : join(dataDir, 'pglite'),
  adminApiKey: process.env.NOTA_ADMIN_API_KEY || undefined,
  // The first back-office administrator; without these the server prints a one-time set-up code.
  firstAdministrator: firstAdministrator(),
  trustProxy: process.env.NOTA_TRUST_PROXY === 'true',
  enrolRateLimit: envNumber('NOTA_ENROL_RATE_LIMIT'),
  // Every instance sharing a PostgreSQL database needs the same key (NOTA_SECRET_KEY).
  secretKey: loadSecretKey({ fromEnv: process.env.NOTA_SECRET_KEY || undefined, keyFile: join(dataDir, 'secret.key') }),
  invoicing: {
    enabled: process.env.NOTA_EXPORT !== 'off',
    exportConcurrency: envNumber('NOTA_EXPORT_CONCURRENCY'),
    timings: {
      leaseMs: envNumber('NOTA_EXPORT_LEASE_MS'),
      uncertainMs: envNumber('NOTA_EXPORT_UNCERTAIN_MS'),
      retryBaseMs: envNumber('NOTA_EXPORT_RETRY_BASE_MS'),
      batchSize: envNumber('NOTA_EXPORT_BATCH_SIZE'),
      batchWaitMs: envNumber('NOTA_EXPORT_BATCH_WAIT_MS'),
      gl07StartMs: envNumber('NOTA_EXPORT_GL07_START_MS'),
      gl07PerVoucherMs: envNumber('NOTA_EXPORT_GL07_PER_VOUCHER_MS'),
    },
  },
});

/** A start refused for a reason a person must act on ends with that reason, not a stack trace. */
async function startOrExplain(options: Parameters<typeof buildApp>[0]) {
  try {
    return await buildApp(options);
  } catch (error) {
    if (error instanceof DataDirInUseError || error instanceof DatabaseTooNewError || error instanceof FirstAdministratorError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);
try {
  await app.listen({ host, port });
} catch (error) {
  const problem = listenProblem(error, { setting: 'PORT', host, port, command: 'npm run server' });
  if (!problem) throw error;
  console.error(problem);
  await app.close();
  process.exit(1);
}
