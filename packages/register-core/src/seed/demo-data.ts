import type { Product, ProductGroup } from '@nota/protocol';
import { upsertProducts } from '../catalog/catalog';
import { addNumberBlock } from '../customers/customer-numbers';
import { upsertCustomersPage } from '../customers/customer-repo';
import type { Store } from '../db/open';
import { upsertUser } from '../users/session';
import { generateCustomers } from './customer-generator';

export const DEMO_GROUPS: ProductGroup[] = [
  { id: 'books', name: 'Böcker' },
  { id: 'food', name: 'Livsmedel' },
  { id: 'goods', name: 'Varor' },
  { id: 'tickets', name: 'Entré' },
];

export const DEMO_PRODUCTS: Product[] = [
  { id: 'p-coffee', sku: '1001', barcode: '7310050001234', name: 'Kaffe bryggt', groupId: 'food', priceOre: 3500, vatCode: 'food', active: true },
  { id: 'p-bun', sku: '1002', barcode: '7310050001241', name: 'Kanelbulle', groupId: 'food', priceOre: 2900, vatCode: 'food', active: true },
  { id: 'p-book', sku: '2001', barcode: '9789100123456', name: 'Skånes historia (bok)', groupId: 'books', priceOre: 29900, vatCode: 'reduced', active: true },
  { id: 'p-ticket', sku: '3001', barcode: null, name: 'Entré vuxen', groupId: 'tickets', priceOre: 12000, vatCode: 'reduced', active: true },
  { id: 'p-mug', sku: '4001', barcode: '7350000000019', name: 'Mugg Öresund', groupId: 'goods', priceOre: 14950, vatCode: 'standard', active: true },
  { id: 'p-poster', sku: '4002', barcode: '7350000000026', name: 'Affisch Ålänningar & fjällvärld', groupId: 'goods', priceOre: 19900, vatCode: 'standard', active: true },
];

export const DEMO_USERS = [
  { id: 'u-anna', name: 'Anna Kassör', role: 'cashier' as const, pin: '1234' },
  { id: 'u-bjorn', name: 'Björn Föreståndare', role: 'manager' as const, pin: '999999' },
];

/** Everything a register needs to sell in a demo or a test: catalog, users, customers, numbers. */
export function seedDemoData(store: Store, opts: { customers?: number; now?: string } = {}): void {
  const now = opts.now ?? new Date().toISOString();
  upsertProducts(store.db, DEMO_PRODUCTS, DEMO_GROUPS);
  for (const user of DEMO_USERS) upsertUser(store.db, user);
  const customers = [...generateCustomers(opts.customers ?? 200, { now })];
  upsertCustomersPage(store.sqlite, customers);
  addNumberBlock(store.db, { id: 'demo-block-1', firstNumber: 500_000, lastNumber: 500_999 }, now);
}
