import type { Page } from 'playwright-core';

/** Page objects: what a person sees and does on each back-office page, in Swedish. */

export class SignInPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Logga in' });
  error = () => this.page.getByRole('alert');
  async signIn(user: { username: string; password: string }): Promise<void> {
    await this.page.getByLabel('Användarnamn').fill(user.username);
    await this.page.getByLabel('Lösenord').fill(user.password);
    await this.page.getByRole('button', { name: 'Logga in' }).click();
  }
}

/** The menu on the left and who is signed in. */
export class Shell {
  constructor(private readonly page: Page) {}
  nav = () => this.page.getByRole('navigation', { name: 'Huvudmeny' });
  signedInAs = () => this.page.getByText(/Inloggad som/);
  async go(item: string): Promise<void> {
    await this.nav().getByRole('link', { name: item, exact: true }).click();
  }
  async signOut(): Promise<void> {
    await this.nav().getByRole('button', { name: 'Logga ut', exact: true }).click();
  }
}

export class CustomersPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Kunder', exact: true });
  search = () => this.page.getByLabel('Sök kund');
  add = () => this.page.getByRole('link', { name: '+ Lägg till kund' });
  row = (name: string) => this.page.getByRole('row', { name: new RegExp(name) });
  pen = (name: string) => this.page.getByRole('link', { name: `Redigera ${name}` });
}

export class CustomerFormPage {
  constructor(private readonly page: Page) {}
  field = (label: string) => this.page.getByLabel(label, { exact: true });
  errorOf = (label: string) => this.page.locator('.field', { has: this.page.getByLabel(label, { exact: true }) }).locator('.field__error');
  save = () => this.page.getByRole('button', { name: 'Spara', exact: true });
  saved = () => this.page.getByRole('status').filter({ hasText: /Kunden är sparad med kundnummer \d+/ });
}

export class InvoicesPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Fakturor', exact: true });
  open = (number: number) => this.page.getByRole('button', { name: `Visa faktura ${number}` });
  row = (number: number) => this.page.getByRole('row').filter({ has: this.open(number) });
  panel = (number: number) => this.page.getByRole('complementary', { name: `Faktura ${number}` });
  async filterExport(state: string): Promise<void> {
    await this.page.getByLabel('Exportstatus').selectOption({ label: state });
  }
}

export class PaymentMethodsPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Betalsätt', level: 1 });
  /** The switch of `method` (Kontant, Kort, Faktura) at the cost centre named `costCentre`. */
  switch = (method: string, costCentre: string) => this.page.getByRole('checkbox', { name: `${method} på ${costCentre}`, exact: true });
  statusOf = (method: string, costCentre: string) => this.page.getByRole('cell').filter({ has: this.switch(method, costCentre) });
}
