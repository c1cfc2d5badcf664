import { and, eq, isNull } from 'drizzle-orm';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION, SESSION_COOKIE } from '@nota/protocol';
import { apiKeys, registers } from '../../db/schema';
import type { AppOptions } from '../../options';
import { ensureFirstAdministrator } from '../../services/auth/first-administrator';
import type { Principal } from '../../services/auth/principal';
import { DEFAULT_SESSION_RULES, findSession, sameToken } from '../../services/auth/sessions';
import { DEFAULT_THROTTLE_RULES } from '../../services/auth/sign-in-throttle';
import { HttpError } from '../../services/errors';
import { sha256 } from '../../services/secrets';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw new HttpError(401, 'UNAUTHENTICATED', 'Send `Authorization: Bearer <token>`.');
  return match[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The guards the route groups install (routes/groups): a register's token and protocol version for
 * sync routes; a session cookie or an API key for head-office routes, which sets `request.principal`
 * and checks the route's declared roles. Also creates the first administrator at start.
 */
export default fp<AppOptions>(
  async (fastify, opts) => {
    const sessionRules = { ...DEFAULT_SESSION_RULES, ...opts.sessions };
    fastify.decorate('sessionRules', sessionRules);
    fastify.decorate('throttleRules', { ...DEFAULT_THROTTLE_RULES, ...opts.signInThrottle });
    fastify.decorateRequest('registerId', null);
    fastify.decorateRequest('principal', null);

    const first = await ensureFirstAdministrator(fastify.db, opts.firstAdministrator, fastify.now());
    if (first && 'setupCode' in first) {
      // Not through the logger, like the set-up API key: logs are kept, this line must not be.
      (opts.announce ?? ((line) => process.stdout.write(`${line}\n`)))(
        `Back-office set-up code (shown once; sign in at /api/auth/setup with it to create the first administrator): ${first.setupCode}`,
      );
    }

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

    async function apiKeyPrincipal(request: FastifyRequest): Promise<Principal> {
      const hash = sha256(bearer(request));
      const [key] = await fastify.db.read((db) => db.select().from(apiKeys).where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt))));
      if (!key) throw new HttpError(401, 'INVALID_API_KEY', 'The API key is not valid or was revoked.');
      return { kind: 'api-key', apiKeyId: key.id, name: key.name, role: key.role, costCentres: key.costCentres };
    }

    async function sessionPrincipal(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to the back office, or send `Authorization: Bearer <API key>`.');
      const found = await findSession(fastify.db, cookie, fastify.now(), sessionRules);
      if (!found) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw new HttpError(401, 'UNAUTHENTICATED', 'Your session has ended. Sign in again.');
      }
      const { session, user } = found;
      // A page on another site can make the browser send the cookie, but cannot read the token.
      if (!SAFE_METHODS.has(request.method) && !sameToken(headerValue(request.headers[CSRF_HEADER]), session.csrfToken)) {
        throw new HttpError(403, 'CSRF_TOKEN_INVALID', `A change needs the session's CSRF token in the ${CSRF_HEADER} header. Reload the page and try again.`);
      }
      return {
        kind: 'user',
        userId: user.id,
        name: user.username,
        role: user.role,
        costCentres: user.costCentres,
        session: { idHash: session.idHash, csrfToken: session.csrfToken, expiresAt: session.expiresAt },
      };
    }

    fastify.decorate('requireHeadOffice', async (request: FastifyRequest, reply: FastifyReply) => {
      // A script's API key wins over a cookie the same client may carry.
      const principal = request.headers.authorization !== undefined ? await apiKeyPrincipal(request) : await sessionPrincipal(request, reply);
      const { roles, sessionOnly } = request.routeOptions.config;
      if (sessionOnly && principal.kind !== 'user') {
        throw new HttpError(401, 'UNAUTHENTICATED', 'This is about a signed-in person\'s session; an API key has none.');
      }
      if (!roles?.includes(principal.role)) {
        throw new HttpError(403, 'FORBIDDEN', `This needs the role ${(roles ?? []).join(' or ')}; ${principal.name} is ${principal.role}.`);
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['db', 'cookie'] },
);

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
