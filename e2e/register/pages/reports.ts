import type { Page } from 'playwright-core';

/** The Reports screen (F12): the X report, and for a manager the float and the day's close (Z report). */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  xHeading = () => this.page.getByRole('heading', { name: 'Dagens siffror (X-rapport)' });
  zHeading = (number: number) => this.page.getByRole('heading', { name: `Z-rapport ${number}` });
  /** A figure of the report's sales or cash list, by its label: the amount as shown. */
  figure = (list: 'Försäljning' | 'Kontanter', label: string) =>
    this.page
      .getByLabel(list, { exact: true })
      .first()
      .locator('dt')
      .filter({ hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) })
      .locator('xpath=following-sibling::dd[1]')
      .innerText();
  floatField = () => this.page.getByLabel('Växelkassa i lådan (kr)');
  counted = () => this.page.getByLabel('Räknade kontanter (kr)');
  difference = () => this.page.getByTestId('difference');
  printed = () => this.page.getByRole('status').filter({ hasText: 'Rapporten är utskriven.' });

  async open(): Promise<void> {
    await this.page.keyboard.press('F12');
    await this.xHeading().waitFor();
  }

  async setFloat(kronor: string): Promise<void> {
    await this.floatField().fill(kronor);
    await this.floatField().press('Enter');
    await this.page.getByRole('status').filter({ hasText: 'Växelkassan är sparad.' }).waitFor();
  }

  async print(kind: 'X' | 'Z'): Promise<void> {
    await this.page.getByRole('button', { name: `Skriv ut ${kind}-rapport` }).click();
    await this.printed().waitFor();
  }

  /** Counts the cash (Enter goes on to the confirmation), then closes the day. */
  async closeDay(countedKronor: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Räkna kassan och stäng dagen' }).click();
    await this.counted().fill(countedKronor);
    await this.counted().press('Enter');
    await this.page.getByText('Dagen stängs med en Z-rapport. Det går inte att ångra.').waitFor();
  }

  confirmClose = () => this.page.getByRole('button', { name: 'Stäng dagen' }).click();

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
