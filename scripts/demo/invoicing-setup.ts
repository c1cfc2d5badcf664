import { TEST_SELLER } from '@nota/domain/test-fixtures';
import type { AdminClient } from '../loadgen/admin-client';

/** Where the server exports to: a Business World, real or simulated. */
export interface AgressoTarget {
  /** The service base, …/BusinessWorld-webservices/service.svc */
  url: string;
  username: string;
  client: string;
  password: string;
  confirmationTemplateId: number;
}

/** The demo's museum shop: the domain's example seller under its own name. */
export const DEMO_SELLER = { ...TEST_SELLER, name: 'Museibutiken i Malmö', email: 'butiken@malmo.example' };

/**
 * What head office sets up before invoices flow: the seller on every invoice, the chart of accounts
 * (the BAS defaults plus Agresso's tax codes and company), and the Agresso connection. Each is
 * written only when it differs from what the server has, so several load generators can set up one
 * server at once: the first writes, the others find it done (and two that race write the same).
 */
export async function configureInvoicing(admin: AdminClient, target: AgressoTarget): Promise<void> {
  const { seller } = await admin.seller.get();
  if (!sameJson(seller, DEMO_SELLER)) await admin.seller.save({ body: DEMO_SELLER });

  const { mapping } = await admin.accounting.mapping();
  // The simulator's tax codes (a real Agresso installation has its own).
  const taxCodes: Record<number, string> = { 2500: '1', 1200: '2', 600: '3', 0: '0' };
  const wanted = {
    ...mapping,
    vatRates: mapping.vatRates.map((r) => ({ ...r, taxCode: r.taxCode ?? taxCodes[r.rateBp] ?? null })),
    agresso: { ...mapping.agresso, companyCode: target.client, interface: 'NO', voucherType: 'KF', customerGroup: '10', costCentreDimension: 1 },
  };
  if (!sameJson(wanted, mapping)) await admin.accounting.saveMapping({ body: wanted });

  const connection = { baseUrl: target.url, username: target.username, client: target.client, confirmationTemplateId: target.confirmationTemplateId, timeoutMs: 10_000 };
  const { connection: stored } = await admin.agresso.connection();
  const same = stored?.passwordSet === true && Object.entries(connection).every(([k, v]) => stored[k as keyof typeof connection] === v);
  // The password is never shown: whether it is the right one, Agresso itself says.
  const works = same && (await admin.agresso.testConnection()).ok;
  if (!works) await admin.agresso.saveConnection({ body: { ...connection, password: target.password } });
}

/** Equal as JSON, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/** Internal customers exist in Agresso already; a simulator has to be told who they are. */
export async function addSimulatorCustomers(simulatorOrigin: string, customers: readonly { externalId: string; name: string }[]): Promise<void> {
  if (customers.length === 0) return;
  const response = await fetch(`${simulatorOrigin}/simulator/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(customers.map((c) => ({ customerId: c.externalId, name: c.name }))),
  });
  if (!response.ok) throw new Error(`the simulator refused the customers: ${response.status} ${await response.text()}`);
}
