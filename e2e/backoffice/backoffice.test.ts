import type { PaymentMethodsResponse } from '@nota/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../apps/server/src/test-support/back-office';
import { confirmed, settled } from '../../apps/server/src/test-support/export';
import { launchChromium } from '../register/support/chromium';
import { ADMIN, startBackofficeWorld, type BackofficeWorld } from './support/backoffice-world';
import { PullResponse, SYNC_ROUTES } from '@nota/protocol';
import { enrolRegister, expectJson, syncHeaders } from '../../apps/server/src/test-support/test-app';
import { ApiKeysPage, AuditLogPage, CustomerFormPage, CustomersPage, InvoicesPage, PaymentMethodsPage, ProductFormPage, ProductsPage, Shell, SignInPage, UsersPage } from './support/pages';
import { checkScreen } from './support/screens';

let browser: Browser;
let world: BackofficeWorld;
/** Invoice numbers: two posted in Agresso, one whose export Agresso refused. */
let posted: number[];
let failed: { id: string; number: number };
let current: Page | null = null;

beforeAll(async () => {
  browser = await launchChromium();
  world = await startBackofficeWorld(browser);
  const first = await world.harness.sell(2);
  posted = (await world.harness.invoicesOf(first.ids, confirmed, 60_000)).map((i) => i.number!);
  // Agresso refuses the next GL07 order: the invoice waits for a person, with Agresso's words.
  world.sim.injectFault({ service: 'ImportService', kind: 'soap-fault', faultString: 'Server process GL07 is locked by another user' });
  const second = await world.harness.sell(1);
  const [refused] = await world.harness.invoicesOf(second.ids, settled, 60_000);
  expect(refused!.export!.state).toBe('failed');
  failed = { id: refused!.id, number: refused!.number! };
}, 180_000);
afterAll(async () => {
  await world?.close();
  await browser?.close();
});

/** A fresh browser context at `path`, signed in as the first administrator. */
async function signedIn(path = '/', opts: { locale?: string } = {}): Promise<Page> {
  const page = await world.open(path, opts);
  current = page;
  const signIn = new SignInPage(page);
  await signIn.heading().waitFor();
  await signIn.signIn(ADMIN);
  await new Shell(page).nav().waitFor();
  return page;
}

describe('the back office in Chromium (real server on PGlite, real sign-in, Agresso simulator)', () => {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed()) {
      await checkScreen(current, `FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
    }
    current = null;
  });

  it('signs in with a password (a wrong one is refused in plain words), stays on the address asked for, and signs out', async () => {
    const page = await world.open('/exports');
    current = page;
    const signIn = new SignInPage(page);
    await signIn.heading().waitFor();
    expect(await checkScreen(page, '01-sign-in')).toEqual([]);
    await signIn.signIn({ username: ADMIN.username, password: 'inte det rätta lösenordet' });
    await signIn.error().filter({ hasText: 'Fel användarnamn eller lösenord.' }).waitFor();

    await signIn.signIn(ADMIN);
    const shell = new Shell(page);
    await page.getByRole('heading', { name: 'Export till Agresso', level: 1 }).waitFor();
    expect(await shell.signedInAs().innerText()).toContain('(Administratör)');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'nota_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await shell.signOut();
    await signIn.heading().waitFor();
    // The session is over at the server too: the API answers 401 to the same browser.
    expect((await page.request.get(`${world.url}/api/invoices`)).status()).toBe(401);
  });

  it('customers: creates one with checks as typed, finds it by organisation number, and edits it with the pen', async () => {
    const page = await signedIn('/customers');
    const list = new CustomersPage(page);
    await list.heading().waitFor();
    expect(await checkScreen(page, '02-customers')).toEqual([]);

    await list.add().click();
    const form = new CustomerFormPage(page);
    await form.field('Namn').fill('Lunds Bibliotek');
    await form.field('Organisationsnummer').fill('212000-1356');
    await form.errorOf('Organisationsnummer').filter({ hasText: 'Ogiltigt organisations- eller personnummer.' }).waitFor();
    await form.save().click();
    expect(await checkScreen(page, '03-customer-new-with-errors')).toEqual([]);

    await form.field('Organisationsnummer').fill('212000-1355');
    await form.field('Gatuadress').fill('Stora Södergatan 1');
    await form.field('Postnummer').fill('222 23');
    await form.field('Ort').fill('Lund');
    await form.field('E-postadress').fill('faktura@lund.example');
    await form.field('Köpinstruktion').fill('Uppge avdelning och namn.');
    await form.save().click();
    await form.saved().waitFor();
    expect(await form.errorOf('Organisationsnummer').count()).toBe(0);

    await new Shell(page).go('Kunder');
    await list.search().fill('2120001355');
    await list.row('Lunds Bibliotek').waitFor();
    await list.pen('Lunds Bibliotek').click();
    await page.getByRole('heading', { name: /Redigera kund \d+/ }).waitFor();
    await form.field('Telefonnummer').fill('046-35 50 00');
    await form.save().click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    expect(await checkScreen(page, '04-customer-edit')).toEqual([]);
    const { customers } = (await (await page.request.get(`${world.url}/api/customers?q=Lunds`)).json()) as { customers: { phone: string; version: number }[] };
    expect(customers).toMatchObject([{ phone: '046-35 50 00', version: 2 }]);
  });

  it('invoices: statuses as the server reports them, the whole invoice with its PDF, and a refused export retried from the page until posted', async () => {
    const page = await signedIn('/invoices');
    const invoices = new InvoicesPage(page);
    await invoices.open(failed.number).waitFor();
    expect(await invoices.row(posted[0]!).getByText('Bokförd').count()).toBe(1);
    expect(await invoices.row(failed.number).getByText('Misslyckad').count()).toBe(1);
    expect(await checkScreen(page, '05-invoices')).toEqual([]);

    await invoices.filterExport('Misslyckad');
    await invoices.open(posted[0]!).waitFor({ state: 'detached' });
    await invoices.open(failed.number).click();
    const panel = invoices.panel(failed.number);
    await panel.getByText(/locked by another user/).first().waitFor();
    expect(await checkScreen(page, '06-invoice-failed-export')).toEqual([]);

    const pdf = await page.request.get(`${world.url}${await panel.getByRole('link', { name: 'Ladda ner PDF' }).getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await panel.getByRole('button', { name: 'Försök exportera igen' }).click();
    await panel.getByRole('status').filter({ hasText: 'Exporten görs om.' }).waitFor();
    // The page shows what the server says; the server says posted once Agresso confirms.
    await expect.poll(async () => {
      await page.reload({ waitUntil: 'commit' });
      await invoices.heading().waitFor();
      return (await invoices.panel(failed.number).locator('.badge').allInnerTexts()).join(' ');
    }, { timeout: 60_000, interval: 1_000 }).toContain('Bokförd');
    expect(await checkScreen(page, '07-invoice-posted')).toEqual([]);
  });

  it('exports, accounting, registers and the Agresso connection: each page works by keyboard-reachable controls and passes axe', async () => {
    const page = await signedIn('/exports');
    const shell = new Shell(page);
    await page.getByRole('heading', { name: 'Omgångar (GL07-order)' }).waitFor();
    await page.getByRole('cell', { name: 'Klar' }).first().waitFor();
    expect(await checkScreen(page, '08-exports')).toEqual([]);

    await shell.go('Kontering');
    await page.getByText('Konteringen är komplett: exporten kan gå.').waitFor();
    // A complete group is folded; a person opens it to change an account.
    await page.locator('summary', { hasText: 'Betalsätt' }).click();
    const cash = page.getByLabel('Kontant', { exact: true });
    await cash.fill('');
    await page.getByText('Konteringen är inte komplett.', { exact: false }).waitFor();
    expect(await checkScreen(page, '09-accounting-missing')).toEqual([]);
    await cash.fill('1910');
    await page.getByRole('button', { name: 'Spara konteringen' }).click();
    await page.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();

    await shell.go('Kassor');
    await page.getByRole('cell', { name: 'Kassa 1', exact: true }).waitFor();
    await page.getByLabel('Kassans namn').fill('Kassa 2');
    await page.getByLabel('Kostnadsställe').selectOption('CC1');
    await page.getByRole('button', { name: 'Skapa kassa och visa kod' }).click();
    const code = page.locator('.enrolment-code');
    await code.waitFor();
    expect(await code.innerText()).toMatch(/^\S{6,16}$/);
    expect(await checkScreen(page, '10-registers')).toEqual([]);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Spärra Kassa 2' }).click();
    await page.getByRole('row', { name: /Kassa 2/ }).getByText('Spärrad').waitFor();

    await shell.go('Agresso-anslutning');
    await page.getByRole('button', { name: 'Testa anslutningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Anslutningen fungerar' }).waitFor();
    expect(await checkScreen(page, '11-agresso')).toEqual([]);
    await page.getByLabel('Användare').fill('NÅGON ANNAN');
    await page.getByRole('button', { name: 'Spara anslutningen' }).click();
    await page.locator('.field', { has: page.getByLabel('Lösenord') }).locator('.field__error').waitFor();
    expect(await page.locator('.field', { has: page.getByLabel('Lösenord') }).locator('.field__error').innerText()).toContain('Ange lösenordet');
  });

  it('payment methods: turns card off for one cost centre with the keyboard, sees it saved, and it stays so', async () => {
    for (const [code, name] of [['YSTAD', 'Museibutiken Ystad'], ['LUND', 'Kulturens butik Lund']]) {
      const res = await world.server.app.inject({ method: 'POST', url: '/api/cost-centres', headers: world.server.adminHeaders, payload: { code, name } });
      expect(res.statusCode).toBe(200);
    }
    const page = await signedIn('/invoices');
    await new Shell(page).go('Betalsätt');
    const methods = new PaymentMethodsPage(page);
    await methods.heading().waitFor();
    const card = methods.switch('Kort', 'Museibutiken Ystad');
    expect(await card.isChecked()).toBe(true);
    expect(await methods.switch('Faktura', 'Kulturens butik Lund').isChecked()).toBe(true);

    await methods.switch('Kontant', 'Museibutiken Ystad').focus();
    await page.keyboard.press('Tab');
    expect(await card.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Space');
    await methods.statusOf('Kort', 'Museibutiken Ystad').getByText('Sparat').waitFor();
    expect(await card.isChecked()).toBe(false);
    expect(await checkScreen(page, '19-payment-methods')).toEqual([]);

    // Saved at the server: a new visit shows it, and the other cost centres still take cards.
    await page.reload({ waitUntil: 'commit' });
    await methods.heading().waitFor();
    await card.waitFor();
    expect(await card.isChecked()).toBe(false);
    expect(await methods.switch('Kort', 'Kulturens butik Lund').isChecked()).toBe(true);
    const listed = await world.server.app.inject({ method: 'GET', url: '/api/payment-methods', headers: world.server.adminHeaders });
    const cardAt = (listed.json() as PaymentMethodsResponse).methods.find((m) => m.id === 'card')!.activations;
    expect(cardAt).toEqual([
      { costCentre: 'CC1', active: true },
      { costCentre: 'LUND', active: true },
      { costCentre: 'YSTAD', active: false },
    ]);
  });

  it('credits a posted invoice from its panel after asking, and the two documents link to each other', async () => {
    const page = await signedIn('/invoices');
    const invoices = new InvoicesPage(page);
    await invoices.open(posted[1]!).click();
    const panel = invoices.panel(posted[1]!);
    await panel.getByRole('button', { name: 'Kreditera…' }).click();
    await panel.getByRole('group').filter({ hasText: `Skapa en kreditfaktura för hela faktura ${posted[1]}` }).waitFor();
    expect(await checkScreen(page, '20-invoice-credit-question')).toEqual([]);
    await panel.getByRole('button', { name: 'Skapa kreditfaktura' }).click();
    const done = panel.getByRole('status').filter({ hasText: /Kreditfaktura \d+ är skapad och skickas till Agresso\./ });
    await done.waitFor();
    const creditNumber = Number(/Kreditfaktura (\d+)/.exec(await done.innerText())![1]);
    // Credited once: no second credit from this panel; the credit invoice is a link away and links back.
    await panel.getByRole('link', { name: `Kreditfaktura ${creditNumber}` }).click();
    const credit = page.getByRole('complementary', { name: `Kreditfaktura ${creditNumber}` });
    await credit.getByRole('link', { name: `Faktura ${posted[1]}` }).waitFor();
    expect(await credit.getByRole('button', { name: 'Kreditera…' }).count()).toBe(0);
    await credit.getByRole('link', { name: `Faktura ${posted[1]}` }).click();
    await invoices.panel(posted[1]!).getByRole('link', { name: `Kreditfaktura ${creditNumber}` }).waitFor();
    expect(await invoices.panel(posted[1]!).getByRole('button', { name: 'Kreditera…' }).count()).toBe(0);
  });

  it('a store manager sees its own cost centre only, and no head-office page or button', async () => {
    const t = world.server;
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'BIBL', name: 'Biblioteket' } }), 200);
    expectJson(await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name: 'Kassa Bibliotek', costCentreCode: 'BIBL' } }), 200);
    const manager = { username: 'stina', password: 'bibliotekets butikschef har ett långt lösenord' };
    await createUser(t, { ...manager, role: 'store-manager', costCentres: ['BIBL'] });

    const page = await world.open('/invoices');
    current = page;
    await new SignInPage(page).signIn(manager);
    const shell = new Shell(page);
    await shell.nav().waitFor();
    expect(await shell.nav().getByRole('link').allInnerTexts()).toEqual(['Kunder', 'Fakturor', 'Kassor', 'Betalsätt', 'Byt lösenord']);
    await page.getByText('Dina kostnadsställen: BIBL').waitFor();
    // The invoices are all the other cost centre's: none of them reaches this page.
    await page.getByText('Inga fakturor med dessa filter.').waitFor();
    expect(await checkScreen(page, '21-store-manager-invoices')).toEqual([]);

    await shell.go('Kassor');
    await page.getByRole('cell', { name: 'Kassa Bibliotek', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'Kassa 1', exact: true }).count()).toBe(0);

    await shell.go('Kunder');
    await new CustomersPage(page).heading().waitFor();
    expect(await new CustomersPage(page).add().count()).toBe(0);

    await page.goto(`${world.url}/exports`, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Den här sidan är inte för din roll' }).waitFor();
    expect(await checkScreen(page, '22-store-manager-not-here')).toEqual([]);
  });

  it('speaks English when asked, with the same money and dates', async () => {
    const page = await signedIn('/invoices');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Invoices', exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Customers' }).count()).toBe(1);
    expect(await checkScreen(page, '12-invoices-en')).toEqual([]);
  });

  it('products: a group and a product with a barcode checked as typed, found in the list and in a register\'s pull', async () => {
    const page = await signedIn('/products');
    const list = new ProductsPage(page);
    await list.heading().waitFor();
    await list.addGroup('souvenirer', 'Souvenirer');
    await list.add().click();
    const form = new ProductFormPage(page);
    await page.getByRole('heading', { name: 'Ny artikel' }).waitFor();
    await form.fill({ sku: 'V-100', name: 'Vykort Öresund', group: 'Souvenirer', price: '12,50', vatCode: 'standard', barcode: '4006381333931' });
    await form.save().click();
    await form.saved('Vykort Öresund').waitFor();

    // A second product may not take the same barcode: said beside the field while typing, before saving.
    await new Shell(page).go('Artiklar');
    await list.add().click();
    await form.fill({ sku: 'V-101', name: 'Vykort Lund', group: 'Souvenirer', price: '1x', vatCode: 'standard', barcode: '4006381333931' });
    await form.errorOf('Streckkod (EAN)').filter({ hasText: 'Streckkoden används redan av Vykort Öresund (art.nr V-100).' }).waitFor();
    await form.errorOf('Pris inkl. moms (kr)').filter({ hasText: 'Ogiltigt belopp.' }).waitFor();
    expect(await checkScreen(page, '15-product-errors')).toEqual([]);
    await form.field('Pris inkl. moms (kr)').fill('14');
    await form.field('Streckkod (EAN)').fill('96385074');
    await form.errorOf('Streckkod (EAN)').waitFor({ state: 'detached' });
    await form.save().click();
    await form.saved('Vykort Lund').waitFor();

    await new Shell(page).go('Artiklar');
    await list.search().fill('4006381');
    await list.row('Vykort Lund').waitFor({ state: 'detached' });
    const row = list.row('Vykort Öresund');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/V-100\s+Vykort Öresund\s+Souvenirer\s+12,50\skr\s+25\s%\s+4006381333931\s+Aktiv/);
    await list.search().fill('');
    await list.row('Vykort Lund').waitFor();
    expect(await checkScreen(page, '14-products')).toEqual([]);

    // A register gets the product through its pull, barcode and price as saved.
    const { token } = await enrolRegister(world.server, 'Kassa artiklar');
    const pulled = PullResponse.parse((await world.server.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=0&limit=10000`, headers: syncHeaders(token) })).json());
    expect(pulled.changes.filter((c) => c.entity === 'product').map((c) => c.data)).toEqual(
      expect.arrayContaining([expect.objectContaining({ sku: 'V-100', name: 'Vykort Öresund', barcode: '4006381333931', priceOre: 1_250, vatCode: 'standard', groupId: 'souvenirer', active: true })]),
    );
  });

  it('users, API keys and the audit log: a new user, a key shown once and revoked, both changes in the log', async () => {
    const page = await signedIn('/users');
    const shell = new Shell(page);
    const users = new UsersPage(page);
    await users.heading().waitFor();
    await users.create({ username: 'butikschef.cc1', displayName: 'Stina Butik', role: 'Butikschef', password: 'kort', costCentre: 'CC1' });
    await users.newUser().locator('.field__error').filter({ hasText: 'Lösenordet är för kort' }).waitFor();
    await users.newUser().getByLabel('Lösenord').fill('ett långt lösenord för butiken');
    await users.newUser().getByRole('button', { name: 'Skapa användaren' }).click();
    await page.getByRole('status').filter({ hasText: 'Stina Butik är skapad och kan logga in.' }).waitFor();
    expect(await users.row('Stina Butik').innerText()).toMatch(/butikschef\.cc1\s+Stina Butik\s+Butikschef\s+CC1\s+Aktiv\s+Aldrig/);
    expect(await checkScreen(page, '16-users')).toEqual([]);

    await shell.go('API-nycklar');
    const keys = new ApiKeysPage(page);
    await keys.heading().waitFor();
    await keys.create('Lönesystemet');
    const key = (await keys.key().innerText()).trim();
    expect(key.length).toBeGreaterThan(20);
    await keys.shown().getByText('Du kommer inte att kunna se den igen').waitFor();
    expect(await checkScreen(page, '17-api-key-shown-once')).toEqual([]);
    const withKey = () => page.request.get(`${world.url}/api/invoices/count`, { headers: { authorization: `Bearer ${key}` } });
    expect((await withKey()).status()).toBe(200);
    await keys.shown().getByRole('button', { name: 'Jag har sparat nyckeln' }).click();
    await keys.shown().waitFor({ state: 'detached' });
    await page.reload({ waitUntil: 'commit' });
    await keys.row('Lönesystemet').waitFor();
    expect(await page.getByText(key).count()).toBe(0);
    page.once('dialog', (dialog) => void dialog.accept());
    await keys.revoke('Lönesystemet').click();
    await keys.row('Lönesystemet').getByText(/^Spärrad /).waitFor();
    expect((await withKey()).status()).toBe(401);

    await shell.go('Ändringslogg');
    const audit = new AuditLogPage(page);
    await audit.heading().waitFor();
    await audit.row('API-nyckel Lönesystemet', 'Spärrad').waitFor();
    await audit.row('Användare butikschef.cc1', 'Skapad').waitFor();
    await audit.row('Artikel Vykort Öresund', 'Skapad').waitFor();
    await audit.row('API-nyckel Lönesystemet', 'Spärrad').getByRole('button', { expanded: false }).click();
    const changes = audit.changes();
    await changes.waitFor();
    const revokedAt = changes.getByRole('row', { name: /^revokedAt/ });
    expect(await revokedAt.getAttribute('class')).toBe('changed');
    expect(await revokedAt.getByRole('cell').first().innerText()).toBe('—');
    expect(await revokedAt.getByRole('cell').last().innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await checkScreen(page, '18-audit-log')).toEqual([]);
    await audit.filterEntity('Användare');
    // What changed, not who: the API key that set up the test world is the actor of many rows.
    await expect.poll(() => audit.row('API-nyckel Lönesystemet', '').count(), { timeout: 30_000 }).toBe(0);
    await audit.row('Användare butikschef.cc1', 'Skapad').waitFor();
  });

  it('changes the password: the new one signs in, the old one no longer does', async () => {
    const page = await signedIn('/password');
    await page.getByLabel('Nuvarande lösenord').fill(ADMIN.password);
    await page.getByLabel('Nytt lösenord').fill('kort');
    await page.getByLabel('Upprepa det nya lösenordet').fill('annat');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Lösenorden är inte lika.').waitFor();
    expect(await checkScreen(page, '13-password-errors')).toEqual([]);
    const next = 'ett nytt och ännu längre lösenord';
    await page.getByLabel('Nytt lösenord').fill(next);
    await page.getByLabel('Upprepa det nya lösenordet').fill(next);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByRole('status').filter({ hasText: 'Lösenordet är bytt.' }).waitFor();

    const other = await world.open('/');
    const signIn = new SignInPage(other);
    await signIn.signIn(ADMIN);
    await signIn.error().filter({ hasText: 'Fel användarnamn eller lösenord.' }).waitFor();
    await signIn.signIn({ username: ADMIN.username, password: next });
    await new Shell(other).nav().waitFor();
  });
});
