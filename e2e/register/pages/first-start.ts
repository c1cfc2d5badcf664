import type { Page } from 'playwright-core';

/** A new register: server address and enrolment code. */
export class FirstStartPage {
  constructor(private readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { name: 'Anslut kassan' });

  async enrol(serverUrl: string, code: string): Promise<void> {
    await this.page.getByLabel('Serverns adress').fill(serverUrl);
    await this.page.getByLabel('Anslutningskod').fill(code);
    await this.page.getByRole('button', { name: 'Anslut', exact: true }).click();
  }
}
