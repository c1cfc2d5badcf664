import type { PaymentMethodId } from '@nota/protocol';
import type { Db } from '../db/open';
import { paymentMethods } from '../db/schema';

/** As the pay buttons stand: cash, card, invoice. */
const ORDER: readonly PaymentMethodId[] = ['cash', 'card', 'invoice'];

/** The ways to pay head office has active at this register's cost centre (as its last pull brought them). */
export function enabledPaymentMethods(db: Db): PaymentMethodId[] {
  const enabled = new Set(db.select().from(paymentMethods).all().filter((m) => m.enabled).map((m) => m.id));
  return ORDER.filter((id) => enabled.has(id));
}
