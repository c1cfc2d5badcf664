import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptSignedText } from '@nota/domain';
import { TEST_SELLER } from '@nota/domain/test-fixtures';
import type { PushResponse, Sale } from '@nota/protocol';
import { productGroups, products, registers, registerSigningKeys, registerUsers, sales, serverConfig } from '../../db/schema';
import { completed, created, customer, journalLine, registerKey, sale, zClosed, zReport } from '../../test-support/fixtures';
import { elementPaths, opensslFailures, SAFT_EXAMPLE, saftSchemaProblems, transactionsIn } from '../../test-support/saft-file';
import { createTestApp, enrolRegister, expectJson, leaseBlock, push, testDatabases, type TestApp } from '../../test-support/test-app';
import { writeConfig } from '../config/server-config';
import { planSaftExport, saftCashRegisterXml } from './cash-register-export';

const keys = generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 65537, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const SELLER = { ...TEST_SELLER, name: 'Nordlys Kafé & <Bakeri> AS', orgNumber: '974 760 673', country: 'NO' as const, street: 'Storgata 1', postalCode: '0155', city: 'Oslo' };
const URL_MAY = '/api/saft/cash-register?from=2026-05-01&to=2026-05-31';

/** Signs like a Norwegian register: each sale chained to the previous one's signature. */
function signChain(list: Sale[]): Sale[] {
  let previous: string | null = null;
  return list.map((s) => {
    const value = createSign('RSA-SHA1').update(receiptSignedText({ previousSignature: previous, ...s })).sign(keys.privateKey, 'base64');
    previous = value;
    return { ...s, signature: { value, keyVersion: 1 } };
  });
}

const at = (receiptNumber: number, completedAt: string) => ({ ...sale(receiptNumber), completedAt });

function returnOf(original: Sale, receiptNumber: number, completedAt: string): Sale {
  const base = sale(receiptNumber);
  const neg = (n: number) => -n;
  return {
    ...base,
    completedAt,
    totalOre: neg(base.totalOre),
    totalDueOre: neg(base.totalDueOre),
    vatOre: neg(base.vatOre),
    netOre: neg(base.netOre),
    lines: base.lines.map((l) => ({ ...l, quantity: -l.quantity, grossOre: -l.grossOre, vatOre: -l.vatOre, netOre: -l.netOre })),
    payments: [{ method: 'card', amountOre: neg(base.totalOre), tenderedOre: null, changeOre: 0 }],
    vatSummary: base.vatSummary.map((v) => ({ ...v, grossOre: -v.grossOre, netOre: -v.netOre, vatOre: -v.vatOre })),
    returnOf: { saleId: original.id, receiptNumber: original.receiptNumber },
  };
}

describe.each(testDatabases())('the SAF-T Cash Register file (%s)', (kind) => {
  let t: TestApp;
  let register: { registerId: string; token: string };
  let signed: Sale[];

  const get = async (url: string) => t.app.inject({ method: 'GET', url, headers: t.adminHeaders });

  beforeAll(async () => {
    t = await createTestApp(kind);
    register = await enrolRegister(t, 'Kasse 1');
    const block = await leaseBlock(t, register.token, 10);
    await t.database.transaction(async (tx) => {
      await writeConfig(tx, 'seller', SELLER, new Date());
      await tx.insert(registerUsers).values({ id: 'u-anna', name: 'Anna Kassør', role: 'cashier', pinHash: 'unused', active: true, costCentre: 'CC1' });
      await tx.insert(productGroups).values({ id: 'g-goods', name: 'Varer' });
      await tx.insert(products).values({ id: 'p1', sku: 'SKU1', name: 'Mugg', groupId: 'g-goods', priceOre: 12_500, vatCode: 'standard', active: true });
    });
    const buyer = customer(block.firstNumber);
    const first = at(1, '2026-05-04T08:00:00.000Z');
    const invoiced = { ...sale(3, buyer), completedAt: '2026-05-04T09:30:00.000Z' };
    signed = signChain([
      first,
      at(2, '2026-05-04T09:00:00.000Z'),
      invoiced,
      returnOf(first, 4, '2026-05-05T12:00:00.000Z'),
      // 23:59:59 on 31 May in Oslo: inside the period.
      at(5, '2026-05-31T21:59:59.000Z'),
      // Midnight in Oslo: already 1 June, outside it.
      at(6, '2026-05-31T22:00:00.000Z'),
    ]);
    const keyEvent = registerKey(keys.publicKey);
    const copyOfFirst = journalLine(2, '13014');
    if (copyOfFirst.type === 'journal.logged') Object.assign(copyOfFirst.entry, { saleId: first.id, detail: 'copy <1> & "more"', amountOre: 12_500 });
    // Z 1 with the journal line that logged it; Z 2 whose line head office does not have.
    const z1 = { ...zReport(register.registerId, 1, 25_000, 25_000), producedAt: '2026-05-04T20:00:00.000Z' };
    const z2 = { ...zReport(register.registerId, 2, 12_500, 37_500), producedAt: '2026-05-05T20:00:00.000Z' };
    const zLine = journalLine(4, '13009');
    if (zLine.type === 'journal.logged') Object.assign(zLine.entry, { occurredAt: z1.producedAt, detail: 'Z 1', amountOre: 25_000 });
    const answer = expectJson<PushResponse>(
      await push(t, register.token, [keyEvent, created(buyer), ...signed.map(completed), journalLine(1, '13003'), copyOfFirst, journalLine(3, '13005'), zLine, zClosed(z1), zClosed(z2)]),
      200,
    );
    expect(answer.results.filter((r) => r.status !== 'applied')).toEqual([]);
  });
  afterAll(() => t.close());

  it('validates against the XSD with the period’s sales, return, credit sale and journal lines', async () => {
    const res = await get(URL_MAY);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const xml = res.body;
    expect(saftSchemaProblems(xml)).toEqual([]);
    // The validator does refuse: the file without its header's currency is not the schema's.
    expect(saftSchemaProblems(xml.replace('<curCode>NOK</curCode>', ''))).not.toEqual([]);
    const txs = transactionsIn(xml);
    expect(txs.map((x) => [x.nr, x.transType])).toEqual([
      ['1', 'CASHSAL'],
      ['2', 'CASHSAL'],
      ['3', 'CREDSAL'],
      ['4', 'RETURNSAL'],
      ['5', 'CASHSAL'],
    ]);
    expect(txs[3]).toMatchObject({ amntIn: '-125.00', amntEx: '-100.00', date: '2026-05-05', time: '14:00:00' });
    expect(txs[4]).toMatchObject({ date: '2026-05-31', time: '23:59:59', keyVersion: '1' });
    expect(xml).toContain('<companyIdent>974760673</companyIdent>');
    expect(xml).toContain('<companyName>Nordlys Kafé &amp; &lt;Bakeri&gt; AS</companyName>');
    // The journal: four lines, then the Z report that had none; the copy names the receipt it copied.
    expect([...xml.matchAll(/<eventType>(\d+)<\/eventType>/g)].map((m) => m[1])).toEqual(['13003', '13014', '13005', '13009', '13009']);
    expect([...xml.matchAll(/<reportID>([^<]+)<\/reportID>.*?<reportTotalCashSales><totalCashSaleAmnt>([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
      [`Z1-${register.registerId.slice(0, 8)}`, '250.00'],
      [`Z2-${register.registerId.slice(0, 8)}`, '125.00'],
    ]);
    expect(xml).toMatch(/<eventID>4<\/eventID><eventType>13009<\/eventType>.*?<eventText>Z 1; amount 250.00<\/eventText><eventReport><reportID>Z1-/);
    expect(xml).toContain('<eventID>Z2</eventID><eventType>13009</eventType>');
    expect(xml).toMatch(/<eventType>13014<\/eventType><transID>1<\/transID><empID>u-anna<\/empID>.*<eventText>copy &lt;1&gt; &amp; "more"; amount 125.00<\/eventText>/);
  });

  it("carries signatures that verify, as a chain, with the register's public key head office keeps (openssl)", async () => {
    const [stored] = await t.database.read((db) => db.select().from(registerSigningKeys).where(eq(registerSigningKeys.registerId, register.registerId)));
    expect(stored?.publicKeyPem).toBe(keys.publicKey);
    const txs = transactionsIn((await get(URL_MAY)).body);
    expect(txs.map((x) => x.signature)).toEqual(signed.slice(0, 5).map((s) => s.signature!.value));
    expect(opensslFailures(stored!.publicKeyPem, txs)).toEqual([]);
    // The check can fail: a receipt whose amount was changed breaks its link.
    const changed = txs.map((x) => (x.nr === '2' ? { ...x, amntIn: '125.01' } : x));
    expect(opensslFailures(stored!.publicKeyPem, changed)).toEqual(['2']);
  });

  it("has the element structure of Skatteetaten's example file", async () => {
    const ours = elementPaths((await get(URL_MAY)).body);
    const theirs = elementPaths(readFileSync(SAFT_EXAMPLE, 'utf8'));
    const ct = 'auditfile/company/location/cashregister/cashtransaction';
    // What we write that the example does not show (all in the schema): line texts, unit price, discounts, a return's reference.
    const extras = [`${ct}/desc`, `${ct}/refID`, `${ct}/ctLine/ppu`, `${ct}/ctLine/cashTransLineDescr`, `${ct}/ctLine/discount`, `${ct}/ctLine/discount/dscTp`, `${ct}/ctLine/discount/dscAmnt`];
    expect([...ours].filter((p) => !theirs.has(p) && !extras.includes(p))).toEqual([]);
    // Everything the example has for transactions and events we have too, except what we do not know.
    const unknownToUs = [`${ct}/payment/paymentRefID`, `${ct}/receiptCopyNum`, `${ct}/receiptProformaNum`];
    const core = [...theirs].filter((p) => /cashregister\/(cashtransaction|event)(\/|$)/.test(p) && !p.includes('eventReport') && !unknownToUs.includes(p));
    expect(core.filter((p) => !ours.has(p))).toEqual([]);
  });

  // PostgreSQL itself refuses NUL and unpaired surrogates (in text and in jsonb), so what can reach the file
  // from the database is other control characters, U+FFFF and markup; xml-text.test.ts covers NUL and surrogates.
  it('writes hostile stored values (control characters, U+FFFF, markup) so the file stays valid', async () => {
    const hostile = { ...at(90, '2026-05-20T10:00:00.000Z'), id: randomUUID() };
    hostile.lines = hostile.lines.map((l) => ({ ...l, name: 'Mugg\u0001 <b>&</b> \u001B \uFFFF' }));
    await t.database.transaction(async (tx) => {
      await tx.update(registers).set({ name: 'Kasse </regDesc><x>&' }).where(eq(registers.id, register.registerId));
      // Stored as an older server might have: the sync contract refuses control characters today.
      await tx.insert(sales).values({ id: hostile.id, registerId: register.registerId, receiptNumber: 90, completedAt: new Date(hostile.completedAt), totalOre: hostile.totalOre, payload: hostile });
    });
    try {
      const xml = (await get(URL_MAY)).body;
      expect(saftSchemaProblems(xml)).toEqual([]);
      expect(xml).toContain('<cashTransLineDescr>Mugg\uFFFD &lt;b&gt;&amp;&lt;/b&gt; \uFFFD \uFFFD</cashTransLineDescr>');
      expect(xml).toContain('<regDesc>Kasse &lt;/regDesc&gt;&lt;x&gt;&amp;</regDesc>');
    } finally {
      await t.database.transaction(async (tx) => {
        await tx.delete(sales).where(eq(sales.id, hostile.id));
        await tx.update(registers).set({ name: 'Kasse 1' }).where(eq(registers.id, register.registerId));
      });
    }
  });

  it('is a valid file for a period with nothing in it, and for one cost centre', async () => {
    const empty = await get('/api/saft/cash-register?from=2020-01-01&to=2020-01-01');
    expect(empty.statusCode).toBe(200);
    expect(saftSchemaProblems(empty.body)).toEqual([]);
    expect(empty.body).not.toContain('<cashtransaction>');
    const one = await get(`${URL_MAY}&costCentre=CC1`);
    expect(saftSchemaProblems(one.body)).toEqual([]);
    expect(transactionsIn(one.body)).toHaveLength(5);
  });

  it('refuses, before writing anything, a backwards period, an unknown cost centre and a missing seller', async () => {
    expect(expectJson<{ field: string }>(await get('/api/saft/cash-register?from=2026-05-02&to=2026-05-01'), 400).field).toBe('querystring.to');
    expect(expectJson<{ code: string }>(await get('/api/saft/cash-register?from=2026-05-01'), 400)).toBeTruthy();
    expect(expectJson<{ code: string }>(await get(`${URL_MAY}&costCentre=NOPE`), 404).code).toBe('UNKNOWN_COST_CENTRE');
    const [saved] = await t.database.read((db) => db.select().from(serverConfig).where(eq(serverConfig.key, 'seller')));
    await t.database.transaction((tx) => tx.delete(serverConfig).where(eq(serverConfig.key, 'seller')));
    try {
      expect(expectJson<{ code: string }>(await get(URL_MAY), 409).code).toBe('SELLER_INCOMPLETE');
    } finally {
      await t.database.transaction((tx) => tx.insert(serverConfig).values(saved!));
    }
  });

  it('comes out page by page, each page a read of its own', async () => {
    const now = new Date('2026-06-01T10:00:00Z');
    const plan = await planSaftExport(t.database, { from: '2026-05-01', to: '2026-05-31' }, now, 'test');
    const chunks: string[] = [];
    for await (const chunk of saftCashRegisterXml(t.database, plan, 2)) chunks.push(chunk);
    const whole = chunks.join('');
    expect(saftSchemaProblems(whole)).toEqual([]);
    // 5 transactions in pages of 2; 4 journal lines in pages of 2, then the Z report without a line.
    expect(chunks.filter((c) => c.startsWith('<cashtransaction>'))).toHaveLength(3);
    expect(chunks.filter((c) => c.startsWith('<event>'))).toHaveLength(3);
    expect(transactionsIn(whole).map((x) => x.nr)).toEqual(['1', '2', '3', '4', '5']);
  });
});
