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

interface Mapping {
  vatRates: { rateBp: number; taxCode: string | null }[];
  agresso: Record<string, unknown>;
}

/**
 * What head office sets up before invoices flow: the seller on every invoice, the chart of accounts
 * (the BAS defaults plus Agresso's tax codes and company), and the Agresso connection.
 */
export async function configureInvoicing(admin: AdminClient, target: AgressoTarget): Promise<void> {
  await admin.request('PUT', '/api/invoicing/seller', DEMO_SELLER);
  const { mapping } = await admin.request<{ mapping: Mapping }>('GET', '/api/accounting/mapping');
  // The simulator's tax codes (a real Agresso installation has its own).
  const taxCodes: Record<number, string> = { 2500: '1', 1200: '2', 600: '3', 0: '0' };
  await admin.request('PUT', '/api/accounting/mapping', {
    ...mapping,
    vatRates: mapping.vatRates.map((r) => ({ ...r, taxCode: r.taxCode ?? taxCodes[r.rateBp] ?? null })),
    agresso: { ...mapping.agresso, companyCode: target.client, interface: 'NO', voucherType: 'KF', customerGroup: '10', costCentreDimension: 1 },
  });
  await admin.request('PUT', '/api/agresso/connection', {
    baseUrl: target.url,
    username: target.username,
    client: target.client,
    password: target.password,
    confirmationTemplateId: target.confirmationTemplateId,
    timeoutMs: 10_000,
  });
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
