import { decodeEscPos, receiptText } from '@nota/register-core/printing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptStatus } from './pages/receipts';
import { ReportsPage } from './pages/reports';
import { ReturnsPage } from './pages/returns';
import { CompletedPanel, PaymentPanel, SalePage } from './pages/sale';
import { SignInPage } from './pages/sign-in';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/chromium';
import { enrolWithPrinter, keepFailedScreen, ok } from './support/enrolled-register';
import { MANAGER, startRegisterWorld, type RegisterWorld } from './support/register-world';

let browser: Browser;
let world: RegisterWorld;
let current: Page | null = null;

beforeAll(async () => {
  browser = await launchChromium();
  world = await startRegisterWorld(browser);
  await enrolWithPrinter(world);
}, 300_000);
afterAll(async () => {
  await world?.close();
  await browser?.close();
});
afterEach(async (ctx) => keepFailedScreen(ctx.task.result?.state, current, `day-${ctx.task.name}`));

describe('a day at the register in Chromium (browser shell, real core, real server on PGlite)', () => {
  it('opens with a float, sells, takes a return, shows the X report and closes the day with a Z report head office receives', async () => {
    const { page } = await world.open();
    current = page;
    const signIn = new SignInPage(page);
    await signIn.heading().waitFor();
    await signIn.signIn(MANAGER);
    const sale = new SalePage(page);
    await sale.search().waitFor();

    // The morning: the manager puts 1 000 kr in the drawer.
    const reports = new ReportsPage(page);
    await reports.open();
    await reports.setFloat('1000');
    await reports.close();

    // A cash sale (coffee 35,00 + mug 149,50 = 184,50 → 185,00 in cash) and a card sale (a book, 299,00).
    await sale.add('kaffe', 'Kaffe bryggt');
    await sale.add('mugg', 'Mugg Öresund');
    await sale.pay('Kontant');
    const cash = new PaymentPanel(page);
    await cash.given().fill('200');
    await cash.complete(/Slutför kontant/);
    const done = new CompletedPanel(page);
    await done.saleDone().waitFor();
    await new ReceiptStatus(page).printed().waitFor();
    const [sold] = (await ok(world.core.send('sales/recent', { limit: 1 }))).sales;
    await done.next().click();
    await sale.add('historia', 'Skånes historia');
    await sale.pay('Kort');
    await cash.complete(/Kortet är godkänt/);
    await done.saleDone().waitFor();
    await new ReceiptStatus(page).printed().waitFor();
    await done.next().click();

    // The mug comes back, refunded in cash (149,50 → 150,00).
    const returns = new ReturnsPage(page);
    await returns.open();
    await returns.find(sold!.receiptNumber);
    await returns.original(sold!.receiptNumber).waitFor();
    await returns.quantity('Mugg Öresund').fill('1');
    await returns.confirm();
    await returns.done().waitFor();
    await returns.printed().waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await sale.search().waitFor();

    // The X report: sales 185 + 299 less the return 149,50; expected cash 1 000 + 185 − 150.
    await reports.open();
    await expect.poll(() => reports.figure('Försäljning', 'Nettoförsäljning')).toMatch(/^334,00\skr$/);
    expect(await reports.figure('Försäljning', 'Returer (1)')).toMatch(/149,50/);
    expect(await reports.figure('Kontanter', 'Förväntat i kassan')).toMatch(/^1\s035,00\skr$/);
    expect(await checkScreen(page, 'day-x-report')).toEqual([]);
    let jobs = world.printer.jobs.length;
    await reports.print('X');
    const [xJob] = (await world.printer.waitForJobs(jobs + 1)).slice(jobs);
    expect(receiptText(decodeEscPos(xJob!))).toMatch(/X-RAPPORT[\s\S]*Nettoförsäljning +334,00/);

    // The close: 1 030 kr counted, 5 kr short, shown before the manager confirms.
    await reports.closeDay('1030');
    await expect.poll(() => reports.difference().innerText()).toMatch(/^−5,00\skr$|^-5,00\skr$/);
    expect(await checkScreen(page, 'day-z-confirm')).toEqual([]);
    await reports.confirmClose();
    await reports.zHeading(1).waitFor();
    expect(await checkScreen(page, 'day-z-report')).toEqual([]);
    jobs = world.printer.jobs.length;
    await reports.print('Z');
    const [zJob] = (await world.printer.waitForJobs(jobs + 1)).slice(jobs);
    const zText = receiptText(decodeEscPos(zJob!));
    expect(zText).toMatch(/Z-RAPPORT 1/);
    expect(zText).toMatch(/Differens +-5,00/);
    expect(zText).toMatch(/Grand total +334,00/);

    // Nothing new since: a second Z is refused. Head office has the Z report, once.
    const again = await world.core.send('reports/z', { countedCashOre: 0, openCartLines: 0 });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_CLOSE' } });
    const { registerId } = await ok(world.core.send('settings/get', {}));
    await ok(world.core.send('sync/now', {}));
    await expect
      .poll(async () => (await world.admin.request<{ zReports: { number: number; netSalesOre: number; cashDifferenceOre: number }[] }>('GET', `/api/registers/${registerId}/z-reports`)).zReports, { timeout: 15_000 })
      .toEqual([expect.objectContaining({ number: 1, netSalesOre: 33_400, cashDifferenceOre: -500 })]);
  });
});
