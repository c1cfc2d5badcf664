import { describe, expect, it } from 'vitest';
import { AgressoDocumentError } from '../document-error';
import { cs15Customer } from '../test-support/cs15-fixtures';
import { buildCs15Xml } from './cs15-build';
import { parseCs15Xml } from './cs15-parse';

describe('CS15 documents', () => {
  it('round-trip, one MasterFile per customer', () => {
    const customers = [
      cs15Customer(),
      cs15Customer({
        apArNo: '20018',
        update: true,
        name: 'Föreningen "Luft & Vatten"',
        apArGroup: null,
        compRegNo: null,
        payTerms: null,
        language: null,
        address: { street: null, place: null, zipCode: null, countryCode: 'NO', email: null, phone: null },
      }),
    ];
    const xml = buildCs15Xml(customers);
    expect(xml.match(/<MasterFile>/g)).toHaveLength(2);
    expect(parseCs15Xml(xml)).toEqual(customers);
  });

  it('writes the shape real CS15 integrations send', () => {
    const xml = buildCs15Xml([cs15Customer()]);
    expect(xml).toContain('<ABWSupplierCustomer xmlns:agrlib="http://services.agresso.com/schema/ABWSchemaLib/2007/12/24">');
    const names = [...xml.matchAll(/<([\w:]+)>/g)].map((m) => m[1]);
    expect(names).toEqual([
      'MasterFile',
      'agrlib:CompanyCode',
      'agrlib:ApArType',
      'agrlib:ApArNo',
      'SupplierCustomer',
      'agrlib:UpdateFlag',
      'agrlib:Name',
      'ApArGroup',
      'agrlib:CompRegNo',
      'ExternalRef',
      'ShortName',
      'agrlib:CountryCode',
      'InvoiceInfo',
      'PayTerms',
      'Currency',
      'Language',
      'CreditLimit',
      'AddressInfo',
      'agrlib:UpdateFlag',
      'agrlib:AddressType',
      'agrlib:Address',
      'agrlib:Place',
      'agrlib:ZipCode',
      'agrlib:CountryCode',
      'agrlib:InternetInfo',
      'agrlib:Email',
      'agrlib:Phone',
      'agrlib:Telephone1',
    ]);
    expect(xml).toContain('<agrlib:UpdateFlag>0</agrlib:UpdateFlag>');
    expect(xml).toContain('<agrlib:ApArType>R</agrlib:ApArType>');
    expect(xml).toContain('<agrlib:Name>Kafé Ängen &amp; Söner AB</agrlib:Name>');
    expect(xml).toContain('<CreditLimit>0</CreditLimit>');
  });

  it('leaves out null fields instead of writing them empty', () => {
    const xml = buildCs15Xml([cs15Customer({ compRegNo: null, address: { ...cs15Customer().address, email: null, phone: null } })]);
    expect(xml).not.toContain('CompRegNo');
    expect(xml).not.toContain('InternetInfo');
    expect(xml).not.toContain('Telephone1');
  });

  it('refuses values longer than the schema library allows and input that is not CS15', () => {
    expect(() => buildCs15Xml([cs15Customer({ address: { ...cs15Customer().address, place: 'P'.repeat(41) } })])).toThrow(/Place is longer than 40/);
    expect(() => buildCs15Xml([])).toThrow(AgressoDocumentError);
    expect(() => parseCs15Xml('<ABWTransaction/>')).toThrow(/Not a CS15 document/);
    expect(() => parseCs15Xml('<ABWSupplierCustomer></ABWSupplierCustomer>')).toThrow(/no MasterFile/);
  });
});
