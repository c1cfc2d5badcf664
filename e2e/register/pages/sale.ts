import type { Locator, Page } from 'playwright-core';

/** The till: search or scan, cart, totals, and the payment buttons. */
export class SalePage {
  constructor(private readonly page: Page) {}

  search = () => this.page.getByRole('combobox', { name: /Sök vara/ });
  cartLine = (name: string) => this.page.getByRole('listitem', { name });
  total = () => this.page.getByRole('status', { name: 'Att betala' });
  emptyCart = () => this.page.getByText('Kundvagnen är tom.', { exact: false });

  async add(query: string, productName: string): Promise<void> {
    await this.search().fill(query);
    await this.page.getByRole('option', { name: new RegExp(productName) }).first().waitFor();
    await this.search().press('Enter');
    await this.cartLine(productName).waitFor();
  }

  async increase(productName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Öka antal ${productName}` }).click();
  }

  pay(method: 'Kontant' | 'Kort' | 'Delad' | 'Faktura'): Promise<void> {
    return this.page.getByRole('group', { name: 'Betala' }).getByRole('button', { name: new RegExp(`^${method}`) }).click();
  }

  /** Total in öre, read from the screen ("1 234,50 kr"). */
  async totalOre(): Promise<number> {
    return oreOf(await this.total().innerText());
  }
}

/** The payment panels: cash, card, split. */
export class PaymentPanel {
  constructor(private readonly page: Page) {}

  heading = (name: string) => this.page.getByRole('heading', { name, exact: true });
  given = () => this.page.getByLabel('Mottaget belopp');
  cardPart = () => this.page.getByLabel('Belopp på kort');
  change = () => this.page.getByText(/^Växel/).locator('strong');

  complete(label: RegExp): Promise<void> {
    return this.page.getByRole('button', { name: label }).click();
  }
}

/** Charging by invoice: find the customer, read the instruction, reference and comment, create. */
export class InvoicePanel {
  constructor(private readonly page: Page) {}

  customerSearch = () => this.page.getByRole('combobox', { name: /Sök kund/ });
  customer = (name: string) => this.page.getByRole('option', { name: new RegExp(name) });
  instruction = () => this.page.getByRole('note', { name: 'Köpinstruktion' });
  reference = () => this.page.getByLabel('Referens');
  comment = () => this.page.getByLabel('Kommentar');
  create = () => this.page.getByRole('button', { name: /Skapa faktura/ });
  refusal = () => this.page.getByRole('alert').filter({ hasText: 'kan inte faktureras' });

  async findAndChoose(query: string, name: string): Promise<void> {
    await this.customerSearch().fill(query);
    await this.customer(name).click();
  }
}

/** After the sale: receipt, change, delivery note and its printing. */
export class CompletedPanel {
  constructor(private readonly page: Page) {}

  saleDone = () => this.page.getByRole('heading', { name: 'Köpet är klart' });
  invoiceDone = () => this.page.getByRole('heading', { name: 'Fakturan är skapad' });
  change = () => this.page.locator('.completed').getByText(/^Växel/).locator('strong');
  print = () => this.page.getByRole('button', { name: /Skriv ut följesedel/ });
  /** A failed print, said on this panel: its reason, that the sale is saved, retry and dismiss. */
  printFailure = () => this.page.locator('.completed').getByRole('alert').filter({ hasText: 'Följesedeln skrevs inte ut.' });
  retryPrint = () => this.printFailure().getByRole('button', { name: /Försök igen/ });
  printed = () => this.page.getByRole('status').filter({ hasText: 'Följesedeln är utskriven' });
  next = () => this.page.getByRole('button', { name: /Nytt köp/ });
}

/** Always visible: sync state, events waiting, printer. */
export class StatusBar {
  readonly root: Locator;
  constructor(page: Page) {
    this.root = page.getByRole('contentinfo', { name: 'Status' });
  }
  pending = () => this.root.getByText(/händelser? väntar/);
  setAside = () => this.root.getByRole('button', { name: /lagda? åt sidan/ });
  text = () => this.root.innerText();
}

/** What did not sync, opened from the status bar: a table of records with their reasons. */
export class RecordsDialog {
  readonly root: Locator;
  constructor(page: Page, title: string) {
    this.root = page.getByRole('dialog', { name: title });
  }
  row = (text: string) => this.root.getByRole('row').filter({ hasText: text });
}

export function oreOf(text: string): number {
  const digits = text.replace(/[^\d,−-]/g, '').replace('−', '-');
  const [kr, ore = '00'] = digits.split(',');
  return Number(kr) * 100 + Math.sign(Number(kr) || 1) * Number(ore.padEnd(2, '0').slice(0, 2));
}
