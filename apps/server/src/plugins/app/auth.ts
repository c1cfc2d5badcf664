import { and, eq, isNull } from 'drizzle-orm';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@nota/protocol';
import { apiKeys, registers } from '../../db/schema';
import { HttpError } from '../../services/errors';
import { sha256 } from '../../services/secrets';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw new HttpError(401, 'UNAUTHENTICATED', 'Send `Authorization: Bearer <token>`.');
  return match[1];
}

export default fp(
  async (fastify) => {
    fastify.decorateRequest('registerId', null);

    fastify.decorate('requireRegister', async (request: FastifyRequest) => {
      const hash = sha256(bearer(request));
      const [register] = await fastify.db.read((db) =>
        db.select({ id: registers.id, revokedAt: registers.revokedAt }).from(registers).where(eq(registers.tokenHash, hash)),
      );
      if (!register) throw new HttpError(401, 'INVALID_TOKEN', 'The register token is not valid. Enrol the register again.');
      if (register.revokedAt) {
        throw new HttpError(401, 'REGISTER_REVOKED', 'This register was revoked by head office. Enrol it again with a new code.');
      }
      request.registerId = register.id;
    });

    fastify.decorate('requireApiKey', async (request: FastifyRequest) => {
      const hash = sha256(bearer(request));
      const [key] = await fastify.db.read((db) =>
        db.select({ hash: apiKeys.hash }).from(apiKeys).where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt))),
      );
      if (!key) throw new HttpError(401, 'INVALID_API_KEY', 'The API key is not valid or was revoked.');
    });

    fastify.decorate('requireProtocol', async (request: FastifyRequest) => {
      const spoken = request.headers[PROTOCOL_HEADER];
      if (spoken !== String(PROTOCOL_VERSION)) {
        const theirs = typeof spoken === 'string' && spoken !== '' ? spoken : 'none';
        throw new HttpError(
          426,
          'PROTOCOL_UNSUPPORTED',
          `This register speaks protocol ${theirs}; the server speaks ${PROTOCOL_VERSION}. Update the register software.`,
        );
      }
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
