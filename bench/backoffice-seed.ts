import { sql } from 'drizzle-orm';
import type { Database } from '@nota/server';
import { generateCustomers } from '@nota/register-core/seed';
import { TEST_LINES, testCustomer, testInvoice } from '@nota/domain/test-fixtures';

// A head office's database after years of trade, made in bulk SQL so a million of each takes minutes:
// customers as the register's generator makes them; invoice documents with their lines (the whole
// immutable document, as activation stores it), export jobs and the GL07 batches they went in.
//
// Distribution, all derived from the row number by hashing (the same data on every run and database):
// - invoices created evenly over three years up to SEEDED_UNTIL, oldest first;
// - the newest 2 % are still active (export pending, in a batch, sent, failed or blocked), 1 % of all
//   are drafts waiting for a person, the rest transferred (export confirmed, 100 vouchers a batch);
// - 40 cost centres, a few big (the square of a uniform number picks one), 1 % of documents credits;
// - customers chosen the same skewed way: a few customers have thousands of invoices, most a handful.
// Ids are the md5 of a name and the row number, shaped as version-4 UUIDs (the API checks that ids are).

export const SEEDED_UNTIL = new Date('2026-11-27T08:00:00Z');
const SPAN_SECONDS = 3 * 365 * 86_400;
export const COST_CENTRES = 40;
export const costCentreCode = (i: number) => `KS${String(i).padStart(2, '0')}`;
const FIRST_CUSTOMER_NUMBER = 100_001;
const CUSTOMER_CHUNK = 5_000;
const INVOICE_CHUNK = 50_000;

/** Twelve invoices with different lines and quantities: the templates every seeded document is one of. */
export function templates(): unknown[] {
  return Array.from({ length: 12 }, (_, k) =>
    testInvoice({
      lines: TEST_LINES.slice(0, 1 + (k % 3)).map((l, i) => ({ ...l, quantity: 1 + ((k + i) % 5) })),
      customer: testCustomer(),
    }),
  );
}

export async function seededSize(database: Database): Promise<{ customers: number; invoices: number }> {
  const [row] = await database.read((db) =>
    db.execute<{ customers: number; invoices: number }>(
      sql`select (select count(*) from customers)::int as customers, (select count(*) from invoice_documents)::int as invoices`,
    ),
  ).then((r) => (r as unknown as { rows: { customers: number; invoices: number }[] }).rows);
  return row!;
}

async function run(database: Database, statement: ReturnType<typeof sql>): Promise<void> {
  await database.statement((db) => db.execute(statement));
}

/** Loads `customers` customers and `invoices` invoice documents into an empty, migrated database. */
export async function seedBackoffice(database: Database, counts: { customers: number; invoices: number }, progress: (line: string) => void): Promise<void> {
  const started = performance.now();
  const since = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  await run(
    database,
    sql`insert into cost_centres (code, name) select 'KS' || lpad(i::text, 2, '0'), 'Kostnadsställe ' || i from generate_series(0, ${COST_CENTRES - 1}::int) i on conflict do nothing`,
  );

  let chunk: object[] = [];
  const flush = async () => {
    await run(
      database,
      sql`insert into customers (id, customer_number, active, internal, external_id, name, org_number, country, street, postal_code, city,
            billing_country, email, phone, invoicing_enabled, purchase_instruction, version, created_at, updated_at)
          select id, "customerNumber", active, internal, "externalId", name, "orgNumber", country, street, "postalCode", city,
            "billingCountry", email, phone, "invoicingEnabled", "purchaseInstruction", version, "createdAt", "updatedAt"
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id uuid, "customerNumber" int, active boolean, internal boolean,
            "externalId" text, name text, "orgNumber" text, country text, street text, "postalCode" text, city text, "billingCountry" text,
            email text, phone text, "invoicingEnabled" boolean, "purchaseInstruction" text, version int, "createdAt" timestamptz, "updatedAt" timestamptz)`,
    );
    chunk = [];
  };
  for (const c of generateCustomers(counts.customers, { seed: 20_261_127, firstNumber: FIRST_CUSTOMER_NUMBER })) {
    chunk.push(c);
    if (chunk.length === CUSTOMER_CHUNK) await flush();
  }
  if (chunk.length) await flush();
  progress(`${counts.customers.toLocaleString('en')} customers: ${since()}`);

  // One GL07 batch for every 100 documents, all done; export_batches' identity goes on after them.
  const batches = Math.ceil(counts.invoices / 100);
  await run(
    database,
    sql`insert into export_batches (id, batch_id, state, vouchers, next_attempt_at, order_number, created_at, updated_at, sent_at, done_at)
        select b, 'NOTA-' || lpad(b::text, 8, '0'), 'done', 100, t, 500000 + b, t, t, t, t + interval '2 minutes'
        from generate_series(1, ${batches}::int) b,
             lateral (select ${SEEDED_UNTIL.toISOString()}::timestamptz - ${SPAN_SECONDS}::int * interval '1 second'
                        + (b * 100)::float8 * ${SPAN_SECONDS / counts.invoices}::float8 * interval '1 second' + interval '1 hour' as t) at`,
  );
  await run(database, sql`select setval(pg_get_serial_sequence('export_batches', 'id'), ${batches}::int)`);

  const tpl = JSON.stringify(templates());
  for (let first = 1; first <= counts.invoices; first += INVOICE_CHUNK) {
    const last = Math.min(counts.invoices, first + INVOICE_CHUNK - 1);
    await run(database, invoiceChunk(first, last, counts, tpl));
    await run(database, exportJobChunk(first, last, counts.invoices));
    progress(`invoices ${last.toLocaleString('en')}: ${since()}`);
  }
  await run(database, sql`analyze`);
  progress(`analyze: ${since()}`);
}

/** A uniform number in [0, 1) from row g and a salt: the same on every run. */
const uniform = (salt: number) => sql.raw(`((hashint4(g * 7 + ${salt}) & 2147483647)::float8 / 2147483648)`);

export function invoiceChunk(first: number, last: number, counts: { customers: number; invoices: number }, tpl: string) {
  const n = counts.invoices;
  return sql`
    insert into invoice_documents (id, kind, status, number, sale_id, credit_of_id, customer_id, register_id, cost_centre, total_ore,
      amount_due_ore, invoice_date, due_date, payment_reference, content, problems, activation_due_at, created_at, activated_at, transferred_at)
    select s.id, s.kind, s.status, s.number, s.sale_id, s.credit_of_id, c.id, s.register_id, s.cost_centre,
      (t.content->>'totalOre')::bigint * s.sign, (t.content->>'amountDueOre')::bigint * s.sign,
      s.invoice_date, s.due_date, s.reference,
      case when s.status = 'draft'
        then (t.content - 'customer' - 'number' - 'invoiceDate' - 'dueDate' - 'paymentReference' - 'seller' - 'kind' - 'creditOf' - 'currency')
             || jsonb_build_object('customerRef', jsonb_build_object('id', c.id, 'customerNumber', c.customer_number, 'name', c.name, 'orgNumber', c.org_number, 'externalId', c.external_id),
                                   'costCentre', s.cost_centre, 'saleId', s.sale_id, 'soldAt', s.created_at)
        else t.content || jsonb_build_object(
          'kind', s.kind, 'number', s.number, 'invoiceDate', s.invoice_date, 'dueDate', s.due_date, 'paymentReference', s.reference,
          'costCentre', s.cost_centre, 'saleId', s.sale_id, 'soldAt', s.created_at,
          'customerRef', jsonb_build_object('id', c.id, 'customerNumber', c.customer_number, 'name', c.name, 'orgNumber', c.org_number, 'externalId', c.external_id),
          'customer', (t.content->'customer') || jsonb_build_object('id', c.id, 'customerNumber', c.customer_number, 'name', c.name, 'orgNumber', c.org_number,
            'internal', c.internal, 'externalId', c.external_id, 'street', c.street, 'postalCode', c.postal_code, 'city', c.city))
      end,
      case when s.status = 'draft' then '[{"code":"CUSTOMER_NO_ADDRESS","message":"The customer has no billing address.","field":"customer.street"}]'::jsonb end,
      null, s.created_at,
      case when s.status <> 'draft' then s.created_at + interval '5 minutes' end,
      case when s.status = 'transferred' then s.created_at + interval '1 hour' end
    from (
      select g, overlay(overlay(md5('doc' || g) placing '4' from 13) placing '8' from 17)::uuid as id,
        case when g % 100 = 37 then 'credit' else 'invoice' end as kind,
        case when g % 100 = 37 then -1 else 1 end as sign,
        case when g % 100 = 37 and g > 1 then overlay(overlay(md5('doc' || (g - 1)) placing '4' from 13) placing '8' from 17)::uuid end as credit_of_id,
        case when g % 100 = 37 then null else overlay(overlay(md5('sale' || g) placing '4' from 13) placing '8' from 17)::uuid end as sale_id,
        overlay(overlay(md5('register' || (g % 120)) placing '4' from 13) placing '8' from 17)::uuid as register_id,
        st.status, case when st.status = 'draft' then null else g end as number,
        case when st.status = 'draft' then null else to_char(ca.created_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD') end as invoice_date,
        case when st.status = 'draft' then null else to_char((ca.created_at at time zone 'Europe/Stockholm') + interval '30 days', 'YYYY-MM-DD') end as due_date,
        case when st.status = 'draft' then null else g::text end as reference,
        'KS' || lpad(floor(${COST_CENTRES}::int * power(${uniform(1)}, 2))::int::text, 2, '0') as cost_centre,
        ${FIRST_CUSTOMER_NUMBER}::int + floor(${counts.customers}::int * power(${uniform(2)}, 2))::int as customer_number,
        ca.created_at, (g % 12) as template
      from generate_series(${first}::int, ${last}::int) g,
        lateral (select ${SEEDED_UNTIL.toISOString()}::timestamptz - ${SPAN_SECONDS}::int * interval '1 second'
                   + g::float8 * ${SPAN_SECONDS / n}::float8 * interval '1 second' as created_at) ca,
        lateral (select case when g % 100 = 0 then 'draft' when g > ${Math.floor(n * 0.98)}::int then 'active' else 'transferred' end as status) st
    ) s
    join customers c on c.customer_number = s.customer_number
    join (select (ord - 1)::int as k, x as content from jsonb_array_elements(${tpl}::jsonb) with ordinality as a(x, ord)) t on t.k = s.template`;
}

/** Every active or transferred document's export job: confirmed in its batch, or one of the states of the newest. */
export function exportJobChunk(first: number, last: number, n: number) {
  return sql`
    insert into export_jobs (document_id, state, batch_no, batch_id, attempts, next_attempt_at, order_number, apar_no, voucher_no,
      last_error_code, last_error_message, created_at, updated_at, sent_at, confirmed_at)
    select d.id, j.state,
      case when j.state in ('batched', 'sent', 'confirmed') then b end, case when j.state in ('batched', 'sent', 'confirmed') then 'NOTA-' || lpad(b::text, 8, '0') end,
      case when j.state = 'failed' then 1 else 0 end, d.activated_at,
      case when j.state in ('sent', 'confirmed') then 500000 + b end,
      case when j.state = 'confirmed' then 'K' || c.customer_number end,
      case when j.state = 'confirmed' then (70000000 + g)::text end,
      case when j.state = 'failed' then 'AGRESSO_REJECTED' when j.state = 'blocked' then 'MAPPING_MISSING' end,
      case when j.state = 'failed' then 'Agresso refused the voucher: the account 3041 is closed for the period.'
           when j.state = 'blocked' then 'The accounting mapping has no account for VAT 6 %.' end,
      d.activated_at, coalesce(d.transferred_at, d.activated_at), case when j.state in ('sent', 'confirmed') then d.activated_at + interval '2 minutes' end,
      d.transferred_at
    from generate_series(${first}::int, ${last}::int) g
    join invoice_documents d on d.id = overlay(overlay(md5('doc' || g) placing '4' from 13) placing '8' from 17)::uuid
    join customers c on c.id = d.customer_id,
      lateral (select ((g - 1) / 100 + 1)::int as b) bn,
      lateral (select case when d.status = 'transferred' then 'confirmed'
                           else (array['pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'batched', 'sent', 'failed', 'blocked'])[1 + g % 10] end as state) j
    where d.status <> 'draft' and g <= ${n}::int`;
}
