import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { planSaftExport, saftCashRegisterXml } from '../../../services/saft/cash-register-export';
import { routeOptions } from '../../route-options';
import packageJson from '../../../../package.json' with { type: 'json' };

/** Norway's SAF-T Cash Register file, streamed as it is read: a year of a large store never sits in memory. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.saft.cashRegister),
    handler: async (request, reply) => {
      const { from, to, costCentre } = request.query;
      // Refusals (no seller, unknown cost centre) come before the first byte, while they can still be a status.
      const plan = await planSaftExport(fastify.db, { from, to, costCentre }, fastify.now(), packageJson.version);
      const name = `saft-cash-register-${from}-${to}${costCentre ? `-${costCentre.replace(/[^A-Za-z0-9_-]/g, '_')}` : ''}.xml`;
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Readable.from(saftCashRegisterXml(fastify.db, plan), { objectMode: false }));
    },
  });
};
export default routes;
