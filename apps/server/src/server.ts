import { join } from 'node:path';
import { buildApp } from './build-app';
import { loadSecretKey } from './services/config/secret-box';

const dataDir = process.env.NOTA_DATA_DIR ?? './.data/server';
const envNumber = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
const databaseUrl = process.env.DATABASE_URL || undefined;

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
