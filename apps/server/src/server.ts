import { join } from 'node:path';
import { buildApp } from './build-app';

const dataDir = process.env.NOTA_DATA_DIR ?? './.data/server';
const databaseUrl = process.env.DATABASE_URL || undefined;

const app = await buildApp({
  databaseUrl,
  pgliteDir: databaseUrl ? undefined : join(dataDir, 'pglite'),
  adminApiKey: process.env.NOTA_ADMIN_API_KEY || undefined,
  enrolRateLimit: process.env.NOTA_ENROL_RATE_LIMIT ? Number(process.env.NOTA_ENROL_RATE_LIMIT) : undefined,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) });
