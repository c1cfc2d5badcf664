import type { Page } from 'playwright-core';

/** The receipt on the completed-sale panel: printed by itself, its state said. */
export class ReceiptStatus {
  constructor(private readonly page: Page) {}
  printed = () => this.page.locator('.completed').getByRole('status').filter({ hasText: 'Kvittot är utskrivet.' });
}

/** Today's sales (F10): a sale's receipt, its one copy, the training badge. */
export class SalesTodayPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Dagens köp', level: 1 });
  receipt = (n: number) => this.page.getByRole('button', { name: `Kvitto ${n}`, exact: true });
  row = (n: number) => this.page.getByRole('row').filter({ has: this.receipt(n) });
  printCopy = () => this.page.getByRole('button', { name: 'Skriv ut kopia' });
  copyPrinted = () => this.page.getByRole('status').filter({ hasText: 'Kopian är utskriven.' });
  copyUsed = () => this.page.getByText(/Ett kvitto får bara skrivas ut som kopia en gång/);
}

/** The manager's training switch (settings) and the banner everyone sees while it is on. */
export class TrainingMode {
  constructor(private readonly page: Page) {}
  switch = () => this.page.getByRole('checkbox', { name: 'Övningsläge på' });
  banner = () => this.page.getByRole('status').filter({ hasText: 'Övningsläge: köpen räknas inte' });

  async openSettings(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mer' }).click();
    await this.page.getByRole('button', { name: 'Inställningar' }).click();
  }
}

/** Opening the cash drawer without a sale (managers, Ctrl+O), with a reason. */
export class DrawerDialog {
  constructor(private readonly page: Page) {}
  root = () => this.page.getByRole('dialog', { name: 'Öppna kassalådan utan köp' });
  reason = () => this.root().getByLabel('Anledning');
  open = () => this.root().getByRole('button', { name: 'Öppna lådan' });
  opened = () => this.root().getByRole('status').filter({ hasText: 'Kassalådan är öppnad.' });
}
