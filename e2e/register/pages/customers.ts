import type { Locator, Page } from 'playwright-core';

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

/**
 * A customer list (GET CUSTOMER or the invoice lookup): virtualised, so only the rows in view are in
 * the page, and paged, so the core's next page arrives as the list nears its end.
 */
export class CustomerListbox {
  readonly root: Locator;
  constructor(page: Page, id: 'customer-list' | 'invoice-customers') {
    this.root = page.locator(`#${id}[role="listbox"]`);
  }

  /** Rows the core has answered so far for this query. */
  async loaded(): Promise<number> {
    return Number(await this.root.getAttribute('data-loaded'));
  }

  /** Rows in the page right now: the virtualiser keeps this to about a screenful. */
  inPage(): Promise<number> {
    return this.root.getByRole('option').count();
  }

  /**
   * Scrolls to the bottom, and again each time the next page has come, until the core has no more;
   * answers how many pages came. Runs in the page, a frame at a time, as a person dragging down would.
   */
  async scrollToEnd(query: string): Promise<number> {
    await this.root.and(this.root.page().locator(`[data-results-for="${query}"]`)).waitFor();
    return this.root.evaluate(async (node, timeoutMs) => {
      const el = node as unknown as { dataset: Record<string, string | undefined>; scrollTop: number; scrollHeight: number };
      const frame = () => new Promise((resolve) => (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void }).requestAnimationFrame(() => resolve(null)));
      const deadline = Date.now() + timeoutMs;
      let pages = 0;
      while (el.dataset.complete !== 'true') {
        const before = el.dataset.loaded;
        el.scrollTop = el.scrollHeight;
        while (el.dataset.loaded === before && el.dataset.complete !== 'true') {
          if (Date.now() > deadline) throw new Error(`the list stopped at ${before} rows`);
          await frame();
          // Keep at the bottom, as a person keeps dragging: a busy page may grow the list after the first scroll.
          el.scrollTop = el.scrollHeight;
        }
        pages += 1;
      }
      return pages;
    }, 60_000);
  }
}
