import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';

// Parses the back office's session cookie and writes it with the right attributes.
export default fp(
  async (fastify) => {
    await fastify.register(cookie);
  },
  { name: 'cookie' },
);
