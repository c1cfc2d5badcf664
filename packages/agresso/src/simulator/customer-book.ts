import type { SimulatorCustomer } from './types';

export interface BookCustomer {
  customerId: string;
  name: string;
  externalReference: string | null;
  companyCode: string;
}

/** Agresso's customer master, per company: what GL07 checks AR rows against and GetCustomers reads. */
export interface CustomerBook {
  add(list: readonly SimulatorCustomer[]): void;
  put(customer: BookCustomer): void;
  get(companyCode: string, customerId: string): BookCustomer | undefined;
  remove(companyCode: string, customerId: string): boolean;
  find(companyCode: string, filter: { externalReference?: string; customerId?: string }): BookCustomer[];
  list(): BookCustomer[];
}

export function createCustomerBook(defaultCompany: string, onChange: () => void = () => undefined): CustomerBook {
  // Customer numbers are unique within a company, not across companies.
  const byKey = new Map<string, BookCustomer>();
  const key = (companyCode: string, customerId: string): string => `${companyCode}\u0000${customerId}`;

  const book: CustomerBook = {
    add(list) {
      for (const c of list) {
        book.put({ customerId: c.customerId, name: c.name, externalReference: c.externalReference ?? null, companyCode: c.companyCode ?? defaultCompany });
      }
    },
    put(customer) {
      byKey.set(key(customer.companyCode, customer.customerId), { ...customer });
      onChange();
    },
    remove(companyCode, customerId) {
      const removed = byKey.delete(key(companyCode, customerId));
      if (removed) onChange();
      return removed;
    },
    get(companyCode, customerId) {
      const found = byKey.get(key(companyCode, customerId));
      return found && { ...found };
    },
    find(companyCode, filter) {
      if (filter.customerId !== undefined) {
        const found = book.get(companyCode, filter.customerId);
        return found && (filter.externalReference === undefined || found.externalReference === filter.externalReference) ? [found] : [];
      }
      return [...byKey.values()]
        .filter(
          (c) =>
            c.companyCode === companyCode &&
            (filter.customerId === undefined || c.customerId === filter.customerId) &&
            (filter.externalReference === undefined || c.externalReference === filter.externalReference),
        )
        .map((c) => ({ ...c }));
    },
    list() {
      return [...byKey.values()].map((c) => ({ ...c }));
    },
  };
  return book;
}
