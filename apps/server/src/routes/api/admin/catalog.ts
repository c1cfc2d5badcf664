import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SettingRecord, fieldErrorsFromZod, headOffice } from '@nota/protocol';
import { costCentres, registerUsers, settings } from '../../../db/schema';
import { appendChanges, appendRegisterUser } from '../../../services/change-feed';
import { HttpError } from '../../../services/errors';
import { hashPin } from '../../../services/pin-hash';
import { assertInScope } from '../../../services/auth/principal';
import { audit } from '../../../services/audit';
import { findProduct, listProductGroups, listProducts, listVatRates, saveProduct, saveProductGroup } from '../../../services/catalog';
import { routeOptions } from '../../route-options';

function sameId(paramId: string, bodyId: string) {
  if (paramId !== bodyId) throw new HttpError(400, 'ID_MISMATCH', `The body's id '${bodyId}' differs from the URL's '${paramId}'.`, 'id');
}

/** A setting goes to every register as it is: only what the wire contract carries is stored. */
function checkedSetting(key: string, value: unknown): SettingRecord {
  const checked = SettingRecord.safeParse({ key, value });
  if (checked.success) return checked.data;
  const details = fieldErrorsFromZod(checked.error).map((d) => {
    const field = d.field === 'key' ? 'params.key' : `body.${d.field}`;
    return { ...d, field, message: `${field}: ${d.message.replace(/^[^:]*: /, '')}` };
  });
  throw new HttpError(400, 'INVALID_REQUEST', details[0]!.message, details[0]!.field, details);
}

/** Upserts of what registers mirror; each goes to the change feed in the same transaction. */
const routes: FastifyPluginAsyncZod = async (fastify) => {

  fastify.route({
    ...routeOptions(headOffice.products.list),
    handler: async (request) => fastify.db.read((db) => listProducts(db, request.query)),
  });

  fastify.route({
    ...routeOptions(headOffice.products.get),
    handler: async (request) => {
      const product = await fastify.db.read((db) => findProduct(db, request.params.id));
      if (!product) throw new HttpError(404, 'UNKNOWN_PRODUCT', `Product ${request.params.id} does not exist.`);
      return product;
    },
  });

  fastify.route({
    ...routeOptions(headOffice.products.save),
    handler: async (request) => {
      sameId(request.params.id, request.body.id);
      return fastify.db.transaction((tx) => saveProduct(tx, request.principal, request.body, fastify.now()));
    },
  });

  fastify.route({
    ...routeOptions(headOffice.productGroups.list),
    handler: async () => ({ productGroups: await fastify.db.read((db) => listProductGroups(db)) }),
  });

  fastify.route({
    ...routeOptions(headOffice.productGroups.save),
    handler: async (request) => {
      sameId(request.params.id, request.body.id);
      return fastify.db.transaction((tx) => saveProductGroup(tx, request.principal, request.body, fastify.now()));
    },
  });

  fastify.route({
    ...routeOptions(headOffice.vatRates.list),
    handler: async () => ({ vatRates: await fastify.db.read((db) => listVatRates(db)) }),
  });

  fastify.route({
    ...routeOptions(headOffice.registerUsers.save),
    handler: async (request) => {
      const { name, role, pin, active, costCentreCode } = request.body;
      // Hashed here so the PIN never leaves head office; registers verify the hash offline.
      const data = { id: request.params.id, name, role, active, pinHash: hashPin(pin) };
      assertInScope(request.principal!, costCentreCode, 'costCentreCode');
      await fastify.db.transaction(async (tx) => {
        const [cc] = await tx.select({ code: costCentres.code }).from(costCentres).where(eq(costCentres.code, costCentreCode));
        if (!cc) throw new HttpError(404, 'UNKNOWN_COST_CENTRE', `Cost centre '${costCentreCode}' does not exist.`, 'costCentreCode');
        const [before] = await tx.select().from(registerUsers).where(eq(registerUsers.id, data.id)).for('update');
        // A store manager may not take over (or move away) another cost centre's user.
        if (before) assertInScope(request.principal!, before.costCentre);
        const row = { ...data, costCentre: cc.code };
        await tx.insert(registerUsers).values(row).onConflictDoUpdate({ target: registerUsers.id, set: row });
        await appendRegisterUser(tx, data, cc.code, before?.costCentre ?? null);
        const change = { entity: 'register-user', entityId: data.id, action: before ? 'update' : 'create', oldValue: before ?? null, newValue: row } as const;
        await audit(tx, request.principal, change, fastify.now());
      });
      return { id: data.id, name, role, active, costCentreCode };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.settings.save),
    handler: async (request) => {
      const data = checkedSetting(request.params.key, request.body.value);
      await fastify.db.transaction(async (tx) => {
        await tx.insert(settings).values(data).onConflictDoUpdate({ target: settings.key, set: { value: data.value } });
        await appendChanges(tx, [{ entity: 'setting', data }]);
      });
      return data;
    },
  });
};
export default routes;
