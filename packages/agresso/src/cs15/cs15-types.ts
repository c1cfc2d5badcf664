/** One customer of a CS15 (ABWSupplierCustomer) import: created when `update` is false, changed when true. */
export interface Cs15Customer {
  companyCode: string;
  apArNo: string;
  update: boolean;
  name: string;
  apArGroup: string | null;
  /** Organisation number. */
  compRegNo: string | null;
  externalRef: string;
  shortName: string;
  countryCode: string;
  payTerms: string | null;
  currency: string;
  language: string | null;
  address: {
    street: string | null;
    place: string | null;
    zipCode: string | null;
    countryCode: string;
    email: string | null;
    phone: string | null;
  };
}

/** No public XSD exists for CS15; this is the library namespace real CS15 documents declare. */
export const CS15_LIB_NAMESPACE = 'http://services.agresso.com/schema/ABWSchemaLib/2007/12/24';
