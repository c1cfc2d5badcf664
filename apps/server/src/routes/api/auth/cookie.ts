import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '@nota/protocol';

/**
 * httpOnly (scripts cannot read it), SameSite=Strict (other sites' pages do not send it), Path=/, and
 * Secure whenever the request came over HTTPS (directly, or by X-Forwarded-Proto with NOTA_TRUST_PROXY).
 */
const attributes = (request: FastifyRequest) => ({ httpOnly: true, sameSite: 'strict' as const, path: '/', secure: request.protocol === 'https' });

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: { id: string; expiresAt: Date }): void {
  reply.setCookie(SESSION_COOKIE, session.id, { ...attributes(request), expires: session.expiresAt });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, attributes(request));
}
