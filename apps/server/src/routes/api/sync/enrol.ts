import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EnrolRequest, EnrolResponse, SYNC_ROUTES } from '@nota/protocol';
import { costCentres, enrolmentCodes, registers } from '../../../db/schema';
import { errorResponses } from '../../../schemas/admin';
import { HttpError } from '../../../services/errors';
import { newRegisterToken, normalizeEnrolmentCode, sha256 } from '../../../services/secrets';

const routes: FastifyPluginAsyncZod<{ enrolRateLimit: number }> = async (fastify, opts) => {
  fastify.post(
    SYNC_ROUTES.enrol,
    {
      // The one-time code is the credential here (the sync group checks only the protocol), and must not be guessable by volume.
      config: { enrolment: true, rateLimit: { max: opts.enrolRateLimit, timeWindow: '1 minute' } },
      schema: { security: [], body: EnrolRequest, response: { 200: EnrolResponse, ...errorResponses } },
    },
    async (request) => {
      const codeHash = sha256(normalizeEnrolmentCode(request.body.code));
      const now = fastify.now();
      const token = newRegisterToken();
      const result = await fastify.db.transaction(async (tx) => {
        const [code] = await tx.select().from(enrolmentCodes).where(eq(enrolmentCodes.codeHash, codeHash)).for('update');
        if (!code) return new HttpError(401, 'ENROLMENT_CODE_INVALID', 'The enrolment code is not valid. Check it, or ask head office for a new one.');
        if (code.usedAt) return new HttpError(410, 'ENROLMENT_CODE_USED', 'The enrolment code was already used. Ask head office for a new one.');
        if (code.expiresAt <= now) return new HttpError(410, 'ENROLMENT_CODE_EXPIRED', 'The enrolment code has expired. Ask head office for a new one.');
        const [register] = await tx
          .select({ id: registers.id, name: registers.name, revokedAt: registers.revokedAt, ccCode: costCentres.code, ccName: costCentres.name })
          .from(registers)
          .innerJoin(costCentres, eq(costCentres.code, registers.costCentre))
          .where(eq(registers.id, code.registerId));
        if (!register || register.revokedAt) return new HttpError(401, 'REGISTER_REVOKED', 'This register was revoked by head office.');
        await tx.update(enrolmentCodes).set({ usedAt: now }).where(and(eq(enrolmentCodes.codeHash, codeHash), isNull(enrolmentCodes.usedAt)));
        // A new enrolment replaces the register's previous token.
        await tx.update(registers).set({ tokenHash: sha256(token), enrolledAt: now }).where(eq(registers.id, register.id));
        return register;
      });
      if (result instanceof HttpError) throw result;
      request.log.info({ registerId: result.id }, 'register enrolled');
      return {
        registerId: result.id,
        registerName: result.name,
        costCentre: { code: result.ccCode, name: result.ccName },
        token,
      };
    },
  );
};
export default routes;
