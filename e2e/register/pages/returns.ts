import type { Page } from 'playwright-core';

/** The Returns screen (F11): the receipt number, its lines with quantities to give back, the refund. */
export class ReturnsPage {
  constructor(private readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { name: 'Retur', exact: true });
  receiptNumber = () => this.page.getByLabel('Kvittonummer');
  original = (number: number) => this.page.getByRole('heading', { name: `Kvitto ${number}` });
  quantity = (productName: string) => this.page.getByLabel(new RegExp(`^Antal tillbaka av ${productName}`));
  refund = () => this.page.getByRole('status', { name: 'Återbetalning' });
  refusal = () => this.page.locator('.returns__refusal');
  done = () => this.page.getByRole('heading', { name: 'Returen är klar' });
  printed = () => this.page.getByRole('status').filter({ hasText: 'Returkvittot är utskrivet.' });

  async open(): Promise<void> {
    await this.page.keyboard.press('F11');
    await this.heading().waitFor();
  }

  /** Types (as a scanner would) the receipt number and Enter. */
  async find(receiptNumber: number): Promise<void> {
    await this.receiptNumber().fill(String(receiptNumber));
    await this.receiptNumber().press('Enter');
  }

  async confirm(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
  }

  async next(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.receiptNumber().waitFor();
  }
}
