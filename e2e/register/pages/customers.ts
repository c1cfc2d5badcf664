import type { Page } from 'playwright-core';

/** MORE → GET CUSTOMER: the customer list, + ADD CUSTOMER, the pen icon, and the form's sections. */
export class CustomersPage {
  constructor(private readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { name: 'Kunder', exact: true });
  add = () => this.page.getByRole('button', { name: '+ Lägg till kund' });
  pen = () => this.page.getByRole('button', { name: 'Redigera kund' });
  managerOnly = () => this.page.getByText('Endast butikschef kan lägga till och ändra kunder.');
  field = (label: string) => this.page.getByLabel(label, { exact: true });
  save = () => this.page.getByRole('button', { name: /^Spara/ });
  created = () => this.page.getByText(/Kunden är sparad med kundnummer \d+/);

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mer' }).click();
    await this.page.getByRole('button', { name: /Hämta kund/ }).click();
    await this.heading().waitFor();
  }

  async select(query: string, name: string): Promise<void> {
    await this.page.getByLabel('Sök kund').fill(query);
    await this.page.getByRole('option', { name: new RegExp(name) }).click();
  }
}
