import fp from 'fastify-plugin';
import { openDatabase } from '../../db/database';
import type { AppOptions } from '../../options';
import { ensureAdminApiKey, seed } from '../../services/seed';

export default fp<AppOptions>(
  async (fastify, opts) => {
    const owned = !opts.database;
    const db =
      opts.database ??
      (await openDatabase(
        opts.databaseUrl ? { kind: 'postgres', url: opts.databaseUrl } : { kind: 'pglite', dataDir: opts.pgliteDir },
      ));
    if (owned) fastify.addHook('onClose', () => db.close());
    await seed(db);
    const setupKey = await ensureAdminApiKey(db, opts.adminApiKey);
    if (setupKey) {
      // Deliberately not through the logger: logs are collected and kept, this line must not be.
      (opts.announce ?? ((line) => process.stdout.write(`${line}\n`)))(`Set-up API key (shown once): ${setupKey}`);
    }
    fastify.decorate('db', db);
    fastify.decorate('now', opts.now ?? (() => new Date()));
  },
  { name: 'db' },
);
