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

/** PRODUCTS: the list, its filters and the product groups section at the bottom. */
export class ProductsPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Artiklar', exact: true, level: 1 });
  search = () => this.page.getByLabel('Sök artikel');
  add = () => this.page.getByRole('link', { name: '+ Ny artikel' });
  row = (name: string) => this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  groups = () => this.page.getByRole('region', { name: 'Varugrupper' });
  async addGroup(code: string, name: string): Promise<void> {
    const groups = this.groups();
    await groups.getByLabel('Kod').fill(code);
    await groups.getByLabel('Namn').fill(name);
    await groups.getByRole('button', { name: 'Lägg till varugrupp' }).click();
    await groups.getByRole('status').filter({ hasText: `Varugruppen ${name} är sparad.` }).waitFor();
  }
}

export class ProductFormPage {
  constructor(private readonly page: Page) {}
  field = (label: string) => this.page.getByLabel(label, { exact: true });
  errorOf = (label: string) => this.page.locator('.field', { has: this.page.getByLabel(label, { exact: true }) }).locator('.field__error');
  save = () => this.page.getByRole('button', { name: 'Spara', exact: true });
  saved = (name: string) => this.page.getByRole('status').filter({ hasText: `${name} är sparad` });
  async fill(p: { sku: string; name: string; group: string; price: string; vatCode: string; barcode: string }): Promise<void> {
    await this.field('Artikelnummer').fill(p.sku);
    await this.field('Namn').fill(p.name);
    await this.field('Varugrupp').selectOption({ label: p.group });
    await this.field('Pris inkl. moms (kr)').fill(p.price);
    await this.field('Momssats').selectOption(p.vatCode);
    await this.field('Streckkod (EAN)').fill(p.barcode);
  }
}

/** USERS (administrators). */
export class UsersPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Användare', exact: true, level: 1 });
  row = (displayName: string) => this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name: displayName, exact: true }) });
  newUser = () => this.page.getByRole('form', { name: 'Ny användare' });
  async create(u: { username: string; displayName: string; role: string; password: string; costCentre?: string }): Promise<void> {
    const form = this.newUser();
    await form.getByLabel('Användarnamn').fill(u.username);
    await form.getByLabel('Namn', { exact: true }).fill(u.displayName);
    await form.getByLabel('Roll').selectOption({ label: u.role });
    await form.getByLabel('Lösenord').fill(u.password);
    if (u.costCentre) await form.getByRole('checkbox', { name: new RegExp(`^${u.costCentre} ·`) }).check();
    await form.getByRole('button', { name: 'Skapa användaren' }).click();
  }
}

/** API KEYS (administrators): a new key is shown once. */
export class ApiKeysPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'API-nycklar', exact: true, level: 1 });
  shown = () => this.page.getByRole('region', { name: /^Ny API-nyckel:/ });
  key = () => this.shown().getByTestId('new-api-key');
  row = (name: string) => this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  async create(name: string): Promise<void> {
    await this.page.getByLabel('Namn', { exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Skapa nyckeln' }).click();
  }
  revoke = (name: string) => this.page.getByRole('button', { name: `Spärra nyckeln ${name}` });
}

/** AUDIT LOG (administrators): newest first, a row opens to the values before and after. */
export class AuditLogPage {
  constructor(private readonly page: Page) {}
  heading = () => this.page.getByRole('heading', { name: 'Ändringslogg', exact: true, level: 1 });
  rows = () => this.page.locator('table.audit > tbody > tr:not(.audit__detail)');
  row = (what: string, action: string) => this.rows().filter({ hasText: what }).filter({ hasText: action });
  async filterEntity(label: string): Promise<void> {
    await this.page.getByLabel('Vad', { exact: true }).selectOption({ label });
  }
  changes = () => this.page.getByRole('table', { name: /: före och efter$/ });
}
