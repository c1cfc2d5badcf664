import { decodeEscPos, receiptText } from '@nota/register-core/printing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptStatus } from './pages/receipts';
import { ReturnsPage } from './pages/returns';
import { CompletedPanel, PaymentPanel, SalePage } from './pages/sale';
import { SignInPage } from './pages/sign-in';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/chromium';
import { enrolWithPrinter, keepFailedScreen, ok } from './support/enrolled-register';
import { CASHIER, CUSTOMERS, startRegisterWorld, type RegisterWorld } from './support/register-world';

let browser: Browser;
let world: RegisterWorld;
let current: Page | null = null;

beforeAll(async () => {
  browser = await launchChromium();
  world = await startRegisterWorld(browser);
  // Enrolled through the core (the first-start screen has its own flow in register.test.ts); the
  // first sync brings the users, products and customers, and the printer is set up by a manager.
  await enrolWithPrinter(world);
}, 120_000);
afterAll(async () => {
  await world?.close();
  await browser?.close();
});
afterEach(async (ctx) => keepFailedScreen(ctx.task.result?.state, current, `returns-${ctx.task.name}`));

describe('returns at the register in Chromium (browser shell, real core, real server on PGlite)', () => {
  it('sells two items for cash, returns one with a printed return receipt, refuses it again, and refuses an invoice sale', async () => {
    const { page } = await world.open();
    current = page;
    const signIn = new SignInPage(page);
    await signIn.heading().waitFor();
    await signIn.signIn(CASHIER);
    const sale = new SalePage(page);
    await sale.search().waitFor();

    // Two items for cash: a coffee (35,00) and a mug (149,50) = 184,50, paid 200.
    await sale.add('kaffe', 'Kaffe bryggt');
    await sale.add('mugg', 'Mugg Öresund');
    await sale.pay('Kontant');
    const cash = new PaymentPanel(page);
    await cash.given().fill('200');
    await cash.complete(/Slutför kontant/);
    const done = new CompletedPanel(page);
    await done.saleDone().waitFor();
    // The sale's receipt prints by itself; the return receipt is the job after it.
    await new ReceiptStatus(page).printed().waitFor();
    const [sold] = (await ok(world.core.send('sales/recent', { limit: 1 }))).sales;
    await done.next().click();

    // The return of the mug: F11, the receipt number typed, quantity 1, Ctrl+Enter.
    const returns = new ReturnsPage(page);
    await returns.open();
    await returns.find(sold!.receiptNumber);
    await returns.original(sold!.receiptNumber).waitFor();
    await returns.quantity('Mugg Öresund').fill('1');
    await expect.poll(() => returns.refund().innerText()).toMatch(/Återbetala \(Kontant\)\s*150,00/);
    expect(await checkScreen(page, 'return-quote')).toEqual([]);
    const jobsBefore = world.printer.jobs.length;
    await returns.confirm();
    await returns.done().waitFor();
    await returns.printed().waitFor();
    expect(await checkScreen(page, 'return-done')).toEqual([]);
    const [job] = (await world.printer.waitForJobs(jobsBefore + 1)).slice(jobsBefore);
    const text = receiptText(decodeEscPos(job!));
    expect(text).toMatch(new RegExp(`Retur av kvitto nr: +${sold!.receiptNumber}\\n`));
    expect(text).toMatch(/Mugg Öresund +-149,50/);
    const [made] = (await ok(world.core.send('sales/recent', { limit: 1 }))).sales;
    expect(made!.returnOf).toEqual({ saleId: sold!.id, receiptNumber: sold!.receiptNumber });
    expect(made!.payments).toEqual([{ method: 'cash', amountOre: -15000, tenderedOre: null, changeOre: 0 }]);

    // The mug again: nothing is left of its line, and the register says so.
    await returns.next();
    await returns.find(sold!.receiptNumber);
    await returns.original(sold!.receiptNumber).waitFor();
    await returns.quantity('Mugg Öresund').fill('1');
    await expect.poll(() => returns.refusal().innerText()).toBe('Mugg Öresund är redan returnerad i sin helhet.');
    expect(await checkScreen(page, 'return-refused-twice')).toEqual([]);
    expect((await ok(world.core.send('sales/recent', { limit: 1 }))).sales[0]!.id).toBe(made!.id);

    // An invoice sale cannot be refunded at the register: the back office makes a credit invoice.
    const { customers } = await ok(world.core.send('customers/search', { query: CUSTOMERS.school.name, limit: 5 }));
    const { sale: invoiced } = await ok(
      world.core.send('sales/complete', {
        id: crypto.randomUUID(),
        lines: [{ productId: 'p-mug', quantity: 1 }],
        payments: [{ method: 'invoice', amountOre: 14950 }],
        invoice: { customerId: customers[0]!.id },
      }),
    );
    await returns.receiptNumber().fill('');
    await returns.find(invoiced.receiptNumber);
    await expect
      .poll(() => returns.refusal().innerText())
      .toBe(`Kvitto ${invoiced.receiptNumber} är ett fakturaköp. Fakturaköp återbetalas inte i kassan: en kreditfaktura görs i backoffice.`);
    expect(await checkScreen(page, 'return-invoice-refused')).toEqual([]);

    // Head office gets the return as a sale with returnOf.
    const settings = await ok(world.core.send('settings/get', {}));
    await expect
      .poll(async () => (await world.admin.request<{ sales: { id: string }[] }>('GET', `/api/sales?registerId=${settings.registerId}&limit=1000`)).sales.map((s) => s.id), { timeout: 15_000 })
      .toContain(made!.id);
  });
});
