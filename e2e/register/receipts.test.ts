import { decodeEscPos, receiptText } from '@nota/register-core/printing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DrawerDialog, ReceiptStatus, SalesTodayPage, TrainingMode } from './pages/receipts';
import { CompletedPanel, PaymentPanel, SalePage } from './pages/sale';
import { SignInPage } from './pages/sign-in';
import { checkScreen } from './support/axe';
import { launchChromium } from './support/chromium';
import { CASHIER, MANAGER, startRegisterWorld, type RegisterWorld } from './support/register-world';

let browser: Browser;
let world: RegisterWorld;
let page: Page | null = null;

async function send<K extends Parameters<RegisterWorld['core']['send']>[0]>(name: K, args: Parameters<RegisterWorld['core']['send']>[1] & object) {
  const result = await world.core.send(name, args as never);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

beforeAll(async () => {
  browser = await launchChromium();
  world = await startRegisterWorld(browser);
  // Enrolled and set up off screen: the first-start flow has its own test in register.test.ts.
  await send('sync/enrol', { serverUrl: world.serverUrl, code: await world.enrolmentCode() });
  // The users come with the first pull.
  for (let tries = 0; (await send('session/users', {})).users.length < 2; tries++) {
    if (tries > 300) throw new Error('the first pull did not bring the register users within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  await send('session/sign-in', { userId: MANAGER.id, pin: MANAGER.pin });
  await send('settings/update', { printerUrl: world.printer.url, printerTimeoutMs: 5000 });
  await send('session/sign-out', {});
}, 120_000);
afterAll(async () => {
  await world?.close();
  await browser?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page && !page.isClosed()) await checkScreen(page, 'FAILED-receipts').catch(() => undefined);
});

/** The print jobs that arrive while `act` runs (and shortly after), decoded. */
async function jobsOf(act: () => Promise<void>, count = 1) {
  const before = world.printer.jobs.length;
  await act();
  const jobs = (await world.printer.waitForJobs(before + count, 10_000)).slice(before);
  return jobs.map((job) => decodeEscPos(job));
}

async function signIn(user: { name: string; pin: string }) {
  await world.core.send('session/sign-out', {});
  ({ page } = await world.open());
  const signInPage = new SignInPage(page);
  await signInPage.heading().waitFor();
  await signInPage.signIn(user);
  await new SalePage(page).search().waitFor();
  return page;
}

async function sellForCash(p: Page) {
  const sale = new SalePage(p);
  await sale.add('kaffe', 'Kaffe bryggt');
  await sale.pay('Kontant');
  const cash = new PaymentPanel(p);
  await cash.given().fill('50');
  await cash.complete(/Slutför kontant/);
  await new CompletedPanel(p).saleDone().waitFor();
}

describe('receipts, the copy, training mode and the cash drawer at the register', () => {
  it('prints the receipt of a cash sale with the drawer pulse, then one copy from today’s sales', async () => {
    const p = await signIn(CASHIER);
    const [receipt] = await jobsOf(async () => {
      await sellForCash(p);
      await new ReceiptStatus(p).printed().waitFor();
    });
    const text = receiptText(receipt!);
    expect(text).toContain('[B][2H]KVITTO');
    expect(text).toContain('Museibutiken');
    expect(text).toMatch(/Kvitto nr: +1\n/);
    expect(text).toMatch(/Kassör: +Anna Kassör/);
    expect(text).toMatch(/Kaffe bryggt +35,00/);
    expect(text).toMatch(/Kontant +35,00\n +Erhållet +50,00\n +Växel +15,00/);
    expect(text).toMatch(/Moms % +Moms +Netto +Brutto/);
    expect(receipt!.drawerPulses).toEqual([{ pin: 2, onMs: 50, offMs: 500 }]);
    await p.locator('.completed').getByText('Kassalådan öppnas.').waitFor();
    expect(await checkScreen(p, 'receipt-printed')).toEqual([]);

    await p.keyboard.press('Escape');
    await p.keyboard.press('F10');
    const today = new SalesTodayPage(p);
    await today.heading().waitFor();
    await today.receipt(1).click();
    const [copy] = await jobsOf(async () => {
      await today.printCopy().click();
      await today.copyPrinted().waitFor();
    });
    expect(copy!.lines.filter((l) => l.text === 'KOPIA' && l.doubleHeight && l.doubleWidth)).toHaveLength(2);
    expect(copy!.drawerPulses).toEqual([]);
    expect(await today.printCopy().isDisabled()).toBe(true);
    await today.copyUsed().waitFor();
    expect(await checkScreen(p, 'receipt-copy-used')).toEqual([]);
  });

  it('training mode: a manager turns it on, the banner shows, the sale prints ÖVNINGSKVITTO and is marked', async () => {
    const p = await signIn(MANAGER);
    const training = new TrainingMode(p);
    await training.openSettings();
    // A click, not check(): the switch turns when the register has answered, which check() does not wait for.
    await training.switch().click();
    await training.banner().waitFor();
    await expect.poll(() => training.switch().isChecked()).toBe(true);
    expect(await checkScreen(p, 'training-settings')).toEqual([]);
    await p.getByRole('button', { name: 'Stäng' }).click();

    const [receipt] = await jobsOf(async () => {
      await sellForCash(p);
      await new ReceiptStatus(p).printed().waitFor();
    });
    const lines = receipt!.lines.map((l) => l.text).filter((l) => l !== '');
    expect(lines.slice(0, 2)).toEqual(['ÖVNINGSKVITTO', 'EJ KVITTO PÅ KÖP']);
    expect(lines.slice(-2)).toEqual(['ÖVNINGSKVITTO', 'EJ KVITTO PÅ KÖP']);
    expect(receipt!.drawerPulses).toEqual([]);
    expect(await checkScreen(p, 'training-sale')).toEqual([]);

    await p.keyboard.press('Escape');
    await p.keyboard.press('F10');
    const today = new SalesTodayPage(p);
    await today.heading().waitFor();
    await today.row(1).filter({ hasText: 'Övning' }).waitFor();
    expect(await checkScreen(p, 'training-sales-today')).toEqual([]);
    await p.keyboard.press('Escape');

    await training.openSettings();
    await training.switch().click();
    await expect.poll(() => training.banner().count()).toBe(0);
    await expect.poll(() => training.switch().isChecked()).toBe(false);
    const { sales } = await send('sales/recent', { limit: 5 });
    expect(sales.filter((s) => s.training).map((s) => s.receiptNumber)).toEqual([1]);
  });

  it('a manager opens the drawer with Ctrl+O and a reason: only the pulse goes to the printer', async () => {
    const p = await signIn(MANAGER);
    await p.getByRole('complementary', { name: 'Kortkommandon' }).getByText('Öppna kassalådan').waitFor();
    await p.keyboard.press('Control+o');
    const drawer = new DrawerDialog(p);
    await drawer.reason().fill('Växel till kaféet');
    const [pulse] = await jobsOf(async () => {
      await drawer.open().click();
      await drawer.opened().waitFor();
    });
    expect(pulse!.drawerPulses).toEqual([{ pin: 2, onMs: 50, offMs: 500 }]);
    expect(pulse!.lines).toEqual([]);
    expect(await checkScreen(p, 'drawer-opened')).toEqual([]);
  });
});
