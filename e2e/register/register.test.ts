import { upsertCustomersPage } from '@nota/register-core';
import { decodeEscPos, receiptText, startVirtualPrinter } from '@nota/register-core/printing';
import { DEMO_PRODUCTS, generateCustomers } from '@nota/register-core/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CustomerListbox, CustomersPage } from './pages/customers';
import { FirstStartPage } from './pages/first-start';
import { CompletedPanel, InvoicePanel, PaymentPanel, RecordsDialog, SalePage, StatusBar } from './pages/sale';
import { SignInPage } from './pages/sign-in';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/chromium';
import { CASHIER, CUSTOMERS, MANAGER, startRegisterWorld, type RegisterWorld } from './support/register-world';

let browser: Browser;
let world: RegisterWorld;
/** The page of the flow running now, for a screenshot when it fails. */
let current: Page | null = null;

beforeAll(async () => {
  browser = await launchChromium();
  world = await startRegisterWorld(browser);
}, 90_000);
afterAll(async () => {
  await world?.close();
  await browser?.close();
});

/** Each flow starts signed out on a fresh page (its own storage: an empty cart). */
async function freshPage(): Promise<Page> {
  await world.core.send('session/sign-out', {});
  const { page } = await world.open();
  current = page;
  return page;
}

async function signedIn(user: { name: string; pin: string }): Promise<Page> {
  const page = await freshPage();
  const signIn = new SignInPage(page);
  await signIn.heading().waitFor();
  await signIn.signIn(user);
  await new SalePage(page).search().waitFor();
  return page;
}

/** The sales head office has from this register. */
async function serverSaleIds(): Promise<string[]> {
  const settings = await world.core.send('settings/get', {});
  if (!settings.ok) throw new Error(settings.error.message);
  const { sales } = await world.admin.request<{ sales: { id: string }[] }>('GET', `/api/sales?registerId=${settings.data.registerId}&limit=1000`);
  return sales.map((s) => s.id);
}

describe('the register in Chromium (browser shell, real core, real server on PGlite)', () => {
  beforeEach(() => world.proxy.setMode('pass'));
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed()) {
      await checkScreen(current, `FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
    }
    current = null;
  });

  it('first start: enrols with a code, the manager signs in and sets up the printer with a test print', async () => {
    const { page } = await world.open();
    const firstStart = new FirstStartPage(page);
    await firstStart.heading().waitFor();
    expect(await checkScreen(page, 'first-start')).toEqual([]);
    await firstStart.enrol(world.serverUrl, await world.enrolmentCode());

    const signIn = new SignInPage(page);
    await signIn.heading().waitFor();
    expect(await checkScreen(page, 'sign-in')).toEqual([]);
    await signIn.signInWithPad(MANAGER);

    await page.getByRole('heading', { name: 'Ställ in skrivaren' }).waitFor();
    await page.getByLabel('Skrivarens adress').fill(world.printer.url);
    await page.getByRole('button', { name: 'Testutskrift' }).click();
    await page.getByRole('status').filter({ hasText: 'Testutskriften skickades' }).waitFor();
    const [testJob] = await world.printer.waitForJobs(1);
    expect(receiptText(decodeEscPos(testJob!))).toMatch(/å/);
    expect(await checkScreen(page, 'printer-setup')).toEqual([]);
    await page.getByRole('button', { name: /^Spara/ }).click();

    await new SalePage(page).search().waitFor();
    expect(await checkScreen(page, 'sale-empty')).toEqual([]);
  });

  it('a cash sale with change, synced to head office', async () => {
    const page = await signedIn(CASHIER);
    const sale = new SalePage(page);
    await sale.add('kaffe', 'Kaffe bryggt');
    await sale.increase('Kaffe bryggt');
    expect(await sale.totalOre()).toBe(7000);
    expect(await checkScreen(page, 'sale-cart')).toEqual([]);

    await sale.pay('Kontant');
    const cash = new PaymentPanel(page);
    await cash.given().fill('100');
    expect(await cash.change().innerText()).toMatch(/30,00/);
    expect(await checkScreen(page, 'payment-cash')).toEqual([]);
    await cash.complete(/Slutför kontant/);

    const done = new CompletedPanel(page);
    await done.saleDone().waitFor();
    expect(await done.change().innerText()).toMatch(/30,00/);
    expect(await checkScreen(page, 'sale-completed')).toEqual([]);
    const recent = await world.core.send('sales/recent', { limit: 1 });
    const saleId = recent.ok ? recent.data.sales[0]!.id : '';
    await expect.poll(serverSaleIds, { timeout: 15_000 }).toContain(saleId);
  });

  it('a split payment: part card, the rest cash', async () => {
    const page = await signedIn(CASHIER);
    const sale = new SalePage(page);
    await sale.add('mugg', 'Mugg Öresund');
    const total = await sale.totalOre();
    await sale.pay('Delad');
    const split = new PaymentPanel(page);
    await split.heading('Delad betalning').waitFor();
    await split.cardPart().fill('100');
    await split.given().fill(String(Math.ceil((total - 10_000) / 100)));
    expect(await checkScreen(page, 'payment-split')).toEqual([]);
    await split.complete(/Slutför delad betalning/);
    await new CompletedPanel(page).saleDone().waitFor();
    const recent = await world.core.send('sales/recent', { limit: 1 });
    expect(recent.ok && recent.data.sales[0]!.payments.map((p) => p.method).sort()).toEqual(['card', 'cash']);
  });

  it('an invoice sale found by organisation number: instruction, reference, comment, printed delivery note', async () => {
    const page = await signedIn(CASHIER);
    const sale = new SalePage(page);
    await sale.add('mugg', 'Mugg Öresund');
    await sale.pay('Faktura');
    const invoice = new InvoicePanel(page);
    await invoice.findAndChoose('2120001355', CUSTOMERS.school.name);
    await expect.poll(() => invoice.instruction().innerText()).toContain(CUSTOMERS.school.purchaseInstruction);
    expect(await checkScreen(page, 'payment-invoice')).toEqual([]);
    await invoice.reference().fill('Anna Svensson, ekonomi');
    await invoice.comment().fill('Till personalrummet');
    await invoice.create().click();

    const done = new CompletedPanel(page);
    await done.invoiceDone().waitFor();
    const jobsBefore = world.printer.jobs.length;
    await done.print().click();
    await done.printed().waitFor();
    expect(await checkScreen(page, 'invoice-completed')).toEqual([]);
    const [job] = (await world.printer.waitForJobs(jobsBefore + 1)).slice(jobsBefore);
    const text = receiptText(decodeEscPos(job!));
    for (const expected of ['FÖLJESEDEL', CUSTOMERS.school.name, CUSTOMERS.school.orgNumber, 'Anna Svensson, ekonomi', 'Till personalrummet', 'Mugg Öresund']) {
      expect(text).toContain(expected);
    }
  });

  it('refuses a customer who is not invoiceable', async () => {
    const page = await signedIn(CASHIER);
    const sale = new SalePage(page);
    await sale.add('mugg', 'Mugg Öresund');
    await sale.pay('Faktura');
    const invoice = new InvoicePanel(page);
    await invoice.customerSearch().fill('Stängda');
    const option = invoice.customer(CUSTOMERS.closed.name);
    expect(await option.getAttribute('aria-disabled')).toBe('true');
    expect(await option.innerText()).toContain('Kan inte faktureras');
    // Choosing it (Enter on the highlighted option) is refused; the invoice form never opens.
    await invoice.customerSearch().press('Enter');
    await invoice.refusal().waitFor();
    expect(await invoice.reference().count()).toBe(0);
  });

  it('creates a customer as manager, edits it with the pen icon; a cashier may not', async () => {
    let page = await signedIn(CASHIER);
    let customers = new CustomersPage(page);
    await customers.open();
    await customers.managerOnly().waitFor();
    expect(await customers.add().isDisabled()).toBe(true);
    expect(await checkScreen(page, 'customers-cashier')).toEqual([]);

    page = await signedIn(MANAGER);
    customers = new CustomersPage(page);
    await customers.open();
    await customers.add().click();
    await customers.field('Namn').fill('Ekdalens förskola');
    await customers.field('Organisationsnummer').fill('556036-0794');
    await page.getByText('Ogiltigt organisations- eller personnummer.').waitFor();
    await customers.field('Organisationsnummer').fill('802000-0017');
    await customers.field('E-postadress').fill('forskola@kommun.example');
    await customers.field('Gatuadress').fill('Ekvägen 3');
    await customers.field('Postnummer').fill('271 39');
    await customers.field('Ort').fill('Ystad');
    expect(await checkScreen(page, 'customer-new')).toEqual([]);
    await customers.save().click();
    await customers.created().waitFor();

    await page.getByRole('button', { name: /^Stäng/ }).click();
    await customers.select('Ekdalen', 'Ekdalens förskola');
    await customers.pen().click();
    await customers.field('Namn').fill('Ekdalens förskola Syd');
    await customers.save().click();
    await expect.poll(async () => {
      const found = await world.core.send('customers/search', { query: 'Ekdalens' });
      return found.ok ? found.data.customers.map((c) => c.name) : [];
    }).toEqual(['Ekdalens förskola Syd']);
  });

  it('sells while the server is down; the outbox drains when it is back', async () => {
    await world.proxy.setMode('refuse');
    const page = await signedIn(CASHIER);
    const status = new StatusBar(page);
    const sale = new SalePage(page);
    await sale.add('kaffe', 'Kaffe bryggt');
    await sale.pay('Kort');
    await new PaymentPanel(page).complete(/Kortet är godkänt/);
    await new CompletedPanel(page).saleDone().waitFor();
    await expect.poll(() => status.text(), { timeout: 15_000 }).toMatch(/Offline/);
    expect(await status.text()).toMatch(/[1-9]\d* händelser? väntar/);
    expect(await checkScreen(page, 'offline')).toEqual([]);
    const recent = await world.core.send('sales/recent', { limit: 1 });
    const saleId = recent.ok ? recent.data.sales[0]!.id : '';
    expect(await serverSaleIds()).not.toContain(saleId);

    await world.proxy.setMode('pass');
    await expect.poll(() => status.text(), { timeout: 20_000 }).toMatch(/0 händelser väntar/);
    expect(await serverSaleIds()).toContain(saleId);
  });

  it('a printer that is off: a clear message, the sale kept, and a retry that prints', async () => {
    const dead = await startVirtualPrinter();
    const deadUrl = dead.url;
    await dead.close();
    await world.core.send('session/sign-in', { userId: MANAGER.id, pin: MANAGER.pin });
    await world.core.send('settings/update', { printerUrl: deadUrl, printerTimeoutMs: 1000 });
    const page = await signedIn(CASHIER);
    const sale = new SalePage(page);
    await sale.add('mugg', 'Mugg Öresund');
    await sale.pay('Faktura');
    const invoice = new InvoicePanel(page);
    await invoice.findAndChoose('Björk', CUSTOMERS.school.name);
    await invoice.reference().fill('Per');
    await invoice.create().click();
    const done = new CompletedPanel(page);
    await done.invoiceDone().waitFor();
    await done.print().click();
    await done.printFailure().waitFor();
    // Said once, on the sale, where the cashier pressed print; the sale is safe and says so.
    expect(await page.getByRole('alert').filter({ hasText: 'Skrivaren' }).count()).toBe(1);
    expect(await done.printFailure().innerText()).toMatch(/Köpet är sparat/);
    await expect.poll(() => new StatusBar(page).text()).toMatch(/Skrivare: svarar inte/);
    expect(await checkScreen(page, 'printer-off')).toEqual([]);
    // Put away, the message is gone and printing is still offered.
    await done.printFailure().getByRole('button', { name: 'Stäng meddelandet' }).click();
    expect(await done.printFailure().count()).toBe(0);
    await done.print().click();
    await done.printFailure().waitFor();

    await world.core.send('session/sign-in', { userId: MANAGER.id, pin: MANAGER.pin });
    // The printer back, with a timeout a busy test machine can meet.
    await world.core.send('settings/update', { printerUrl: world.printer.url, printerTimeoutMs: 5000 });
    await world.core.send('session/sign-in', { userId: CASHIER.id, pin: CASHIER.pin });
    const jobsBefore = world.printer.jobs.length;
    await done.retryPrint().click();
    await world.printer.waitForJobs(jobsBefore + 1);
    await done.printed().waitFor();
    expect(await done.printFailure().count()).toBe(0);
  });

  it('lists the change records set aside, each with its reason, from the status bar', async () => {
    // Head office saves a product with another product's SKU: the server takes it, this register cannot.
    const duplicate = { ...DEMO_PRODUCTS[0]!, id: 'p-e2e-duplicate', name: 'Dubblett', barcode: null };
    await world.admin.request('PUT', `/api/products/${duplicate.id}`, duplicate);
    const page = await signedIn(CASHIER);
    const status = new StatusBar(page);
    await status.setAside().waitFor({ timeout: 20_000 });
    expect(await status.setAside().innerText()).toBe('1 ändring lagd åt sidan');
    await status.setAside().click();
    const list = new RecordsDialog(page, 'Ändringar lagda åt sidan');
    const row = list.row('Vara p-e2e-duplicate');
    await row.waitFor();
    expect(await row.innerText()).toContain('Kassan kunde inte spara posten: den krockar med något kassan redan har.');
    expect(await row.innerText()).toMatch(/UNIQUE constraint failed: products\.sku/);
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toMatch(/Huvudkontoret vet/);
    expect(await checkScreen(page, 'set-aside-list')).toEqual([]);
    await page.keyboard.press('Escape');
    await list.root.waitFor({ state: 'detached' });

    // Head office corrects it: the next version applies and the count goes.
    await world.admin.request('PUT', `/api/products/${duplicate.id}`, { ...duplicate, sku: 'E2E-UNIQUE' });
    await status.setAside().waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('keeps the open cart over a reload', async () => {
    const page = await signedIn(CASHIER);
    const sale = new SalePage(page);
    await sale.add('mugg', 'Mugg Öresund');
    await sale.add('kaffe', 'Kaffe bryggt');
    const before = await sale.totalOre();
    await page.reload();
    await sale.cartLine('Mugg Öresund').waitFor();
    await sale.cartLine('Kaffe bryggt').waitFor();
    expect(await sale.totalOre()).toBe(before);
  });

  it('runs a whole invoice sale with the keyboard alone', async () => {
    const page = await signedIn(CASHIER);
    const kb = page.keyboard;
    await kb.press('F2');
    await kb.type('mugg');
    await page.getByRole('option', { name: /Mugg Öresund/ }).first().waitFor();
    await kb.press('Enter');
    await new SalePage(page).cartLine('Mugg Öresund').waitFor();
    await kb.press('F7');
    await kb.type('212000-1355');
    await page.getByRole('option', { name: new RegExp(CUSTOMERS.school.name) }).waitFor();
    await kb.press('Enter');
    const invoice = new InvoicePanel(page);
    await invoice.instruction().waitFor();
    await expect.poll(() => page.evaluate("document.activeElement?.id ?? ''")).toBe(await invoice.reference().getAttribute('id'));
    await kb.type('Anna Svensson');
    await kb.press('Tab');
    await kb.type('Tangentbord hela vägen');
    await kb.press('Control+Enter');
    const done = new CompletedPanel(page);
    await done.invoiceDone().waitFor();
    const jobsBefore = world.printer.jobs.length;
    await kb.press('F8');
    await done.printed().waitFor();
    const [job] = (await world.printer.waitForJobs(jobsBefore + 1)).slice(jobsBefore);
    expect(receiptText(decodeEscPos(job!))).toContain('Tangentbord hela vägen');
    await kb.press('Escape');
    await new SalePage(page).emptyCart().waitFor();
  });

  it('speaks Swedish by default and English when the manager chooses it', async () => {
    await world.core.send('session/sign-in', { userId: MANAGER.id, pin: MANAGER.pin });
    await world.core.send('settings/update', { language: 'en' });
    try {
      const page = await freshPage();
      await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
      expect(await checkScreen(page, 'sign-in-en')).toEqual([]);
      await page.getByRole('button', { name: new RegExp(CASHIER.name) }).click();
      await page.keyboard.type(CASHIER.pin);
      await page.keyboard.press('Enter');
      await page.getByRole('combobox', { name: /Find product or scan/ }).waitFor();
      expect(await checkScreen(page, 'sale-en')).toEqual([]);
    } finally {
      await world.core.send('session/sign-in', { userId: MANAGER.id, pin: MANAGER.pin });
      await world.core.send('settings/update', { language: 'sv' });
    }
    const page = await freshPage();
    await new SignInPage(page).heading().waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('sv');
  });

  it('the page works only from the printed address: without the secret the core refuses it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(world.host.url);
    await page.getByRole('heading').first().waitFor();
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/send', { method: 'POST', headers: { 'content-type': 'application/json', 'x-nota-secret': 'guess' }, body: JSON.stringify({ name: 'session/users', args: {} }) });
      return { status: response.status, body: await response.json() };
    });
    expect(answer).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN_SECRET' } } });
    await context.close();
  });

  it('scrolls through every match among thousands of customers in GET CUSTOMER and in the invoice lookup', async () => {
    // Straight into the register's database, as a big pull would leave it: 5,000 customers, 800 of
    // them named alike. The flows before this one search among the few head office made.
    const crowd = [...generateCustomers(5_000, { seed: 10, firstNumber: 500_001, inactiveShare: 0 })].map((c, i) =>
      i < 800 ? { ...c, name: `Vintergatans förening ${String(i + 1).padStart(5, '0')}`, active: true, invoicingEnabled: true } : c,
    );
    upsertCustomersPage(world.core.context.store.sqlite, crowd);

    let page = await signedIn(CASHIER);
    const customers = new CustomersPage(page);
    await customers.open();
    const list = new CustomerListbox(page, 'customer-list');
    await page.getByLabel('Sök kund').fill('Vintergatan');
    expect(await list.scrollToEnd('Vintergatan')).toBeGreaterThanOrEqual(7);
    expect(await list.loaded()).toBe(800);
    await list.root.getByRole('option', { name: /Vintergatans förening 00800/ }).waitFor();
    expect(await list.inPage()).toBeLessThan(60);
    expect(await checkScreen(page, 'customers-long-list')).toEqual([]);
    // With nothing typed the list is everyone; it stays a screenful in the page, however far down.
    await page.getByLabel('Sök kund').fill('');
    await list.root.and(page.locator('[data-results-for=""]')).waitFor();
    await list.root.hover();
    await page.mouse.wheel(0, 100_000);
    await expect.poll(() => list.loaded(), { timeout: 30_000 }).toBeGreaterThan(100);
    expect(await list.inPage()).toBeLessThan(60);

    page = await signedIn(CASHIER);
    const sale = new SalePage(page);
    await sale.add('mugg', 'Mugg Öresund');
    await sale.pay('Faktura');
    const invoice = new InvoicePanel(page);
    await invoice.customerSearch().fill('Vintergatan');
    const lookup = new CustomerListbox(page, 'invoice-customers');
    await lookup.scrollToEnd('Vintergatan');
    expect(await lookup.loaded()).toBe(800);
    await invoice.customer('Vintergatans förening 00800').click();
    await invoice.reference().waitFor();
    expect(await page.getByRole('heading', { name: 'Vintergatans förening 00800' }).count()).toBe(1);
  });
});
