import type { Cs15Customer } from '../cs15/cs15-types';

export function cs15Customer(overrides: Partial<Cs15Customer> = {}): Cs15Customer {
  return {
    companyCode: '10',
    apArNo: '20017',
    update: false,
    name: 'Kafé Ängen & Söner AB',
    apArGroup: 'NOTA',
    compRegNo: '556677-8899',
    externalRef: 'nota:20017',
    shortName: 'KAFEANGEN',
    countryCode: 'SE',
    payTerms: '30',
    currency: 'SEK',
    language: 'SE',
    address: { street: 'Storgatan 1 <uppgång B>', place: 'Östersund', zipCode: '831 30', countryCode: 'SE', email: 'faktura@angen.se', phone: '063-12 34 56' },
    ...overrides,
  };
}
