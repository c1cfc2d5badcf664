import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

// Only routes that opt in (enrolment: the code is the credential and must not be guessable by volume).
export default fp(
  async (fastify) => {
    await fastify.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => ({
        statusCode: context.statusCode,
        code: 'RATE_LIMITED',
        message: `Too many attempts; try again in ${context.after}.`,
      }),
    });
  },
  { name: 'rate-limit' },
);
