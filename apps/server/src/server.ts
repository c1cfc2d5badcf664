import { join } from 'node:path';
import { buildApp } from './build-app';
import { loadSecretKey } from './services/config/secret-box';

const dataDir = process.env.NOTA_DATA_DIR ?? './.data/server';
function envNumber(name: string): number | undefined {
  const text = process.env[name];
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number; it is '${text}'.`);
  return Number(text);
}
const databaseUrl = process.env.DATABASE_URL || undefined;

if (databaseUrl && !process.env.NOTA_SECRET_KEY) {
  // Each instance would seal the Agresso password with its own key file, and the others could not open it.
  console.warn('NOTA_SECRET_KEY is not set: several server instances on one database need the same key (openssl rand -base64 32).');
}

const app = await buildApp({
  databaseUrl,
  pgliteDir: databaseUrl ? undefined : join(dataDir, 'pglite'),
  adminApiKey: process.env.NOTA_ADMIN_API_KEY || undefined,
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) });
