import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvoiceDocument } from '@nota/domain';
import { renderInvoicePdf } from './invoice-pdf';
import { pdfInfo, pdfText } from './pdf-text';
import { CUSTOMER, LONG_DESCRIPTION, numberedLines, SELLER, testCredit, testInvoice } from './test-fixtures';

const render = (doc: InvoiceDocument, language: 'sv' | 'en' = 'sv') => renderInvoicePdf(doc, { language });
const textOf = async (doc: InvoiceDocument, language: 'sv' | 'en' = 'sv') => (await pdfText(await render(doc, language))).join('\n');
const linesOf = (text: string) => text.split('\n');
/** The words of `text` in order, wrapped however the layout wrapped them (other cells may end a wrapped line). */
const inOrder = (text: string) =>
  new RegExp(text.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?: +|[^\\n]*\\n)'));

describe('renderInvoicePdf', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a PDF that pdf.js parses, titled and authored from the document', async () => {
    const bytes = await render(testInvoice());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    expect(await pdfInfo(bytes)).toMatchObject({
      Title: 'Faktura 1042',
      Author: SELLER.name,
      CreationDate: 'D:20260316000000Z',
      ModDate: 'D:20260316000000Z',
      Producer: 'Nota',
    });
    expect(await pdfInfo(await render(testInvoice(), 'en'))).toMatchObject({ Title: 'Invoice 1042' });
    expect(await pdfInfo(await render(testCredit()))).toMatchObject({ Title: 'Kreditfaktura 1043', CreationDate: 'D:20260319000000Z' });
  });

  it('shows everything a Swedish invoice must show, in Swedish', async () => {
    const doc = testInvoice();
    const text = await textOf(doc);

    // Seller: name, address, organisation number, VAT number, F-tax.
    expect(text).toMatch(/^Ångermanlands Museibutik AB$/m);
    expect(text).toContain('Sjögatan 7');
    expect(text).toContain('871 31 Härnösand');
    expect(text).toContain('Organisationsnummer 556036-0793');
    expect(text).toContain('Momsreg.nr SE556036079301');
    expect(text).toContain('Godkänd för F-skatt');
    // Buyer: name, address, organisation and customer numbers.
    expect(text).toContain('Kramfors kommun, Kultur och fritid');
    expect(text).toContain('Runebergsvägen 1');
    expect(text).toContain('872 80 Kramfors');
    expect(text).toContain('Org.nr 212000-2445');
    expect(text).toMatch(/^Kundnummer 10087$/m);
    // The document itself.
    expect(text).toMatch(/^Faktura$/m);
    expect(text).toMatch(/^Fakturanummer 1042\b/m);
    expect(text).toMatch(/^Fakturadatum 2026-03-16$/m);
    expect(text).toMatch(/^Leveransdatum 2026-03-13\b/m);
    expect(text).toMatch(/^Förfallodatum 2026-04-15\b/m);
    expect(text).toMatch(/^Betalningsvillkor 30 dagar netto$/m);
    expect(text).toMatch(new RegExp(`^OCR-nummer ${doc.paymentReference}$`, 'm'));
    expect(text).toMatch(/^Er referens Åsa Öberg$/m);
    expect(text).toContain('Till utställningen "Ådalen 1931"');
    // Lines: unit price and discount without VAT, the rate, and the net amount.
    expect(text).toContain('Belopp i SEK exkl. moms');
    expect(linesOf(text)).toEqual(
      expect.arrayContaining([
        'Art.nr Beskrivning Antal À-pris Rabatt Moms Belopp',
        'A-MUG Mugg Skuleberget 3 119,60 35,88 25 % 322,92',
        'A-COFFEE Kaffe mörkrost 500 g 4 79,91 12 % 319,64',
        'A-BOOK Bok: Fjällflora 2 329,245 6 % 658,49',
      ]),
    );
    expect(text).toMatch(/^A-WEAVE Vävd bonad .* 1 1 039,20 25 % 1 039,20$/m);
    expect(text).toMatch(inOrder(LONG_DESCRIPTION));
    // Register, receipt and delivery note, in small print.
    expect(text).toContain(`Såld i kassan ${doc.registerName}`);
    expect(text).toContain('Kvitto nr 5512');
    expect(text).toContain('Följesedel nr 1001');
  });

  it('shows the same in English, with English labels and number format', async () => {
    const doc = testInvoice();
    const text = await textOf(doc, 'en');
    expect(text).toMatch(/^Invoice$/m);
    expect(text).toContain('Organisation number 556036-0793');
    expect(text).toContain('VAT reg. no. SE556036079301');
    expect(text).toContain('Approved for F-tax');
    expect(text).toContain('Org. no. 212000-2445');
    expect(text).toMatch(/^Customer number 10087$/m);
    expect(text).toMatch(/^Invoice number 1042\b/m);
    expect(text).toMatch(/^Invoice date 2026-03-16$/m);
    expect(text).toMatch(/^Delivery date 2026-03-13\b/m);
    expect(text).toMatch(/^Due date 2026-04-15\b/m);
    expect(text).toMatch(/^Payment terms Net 30 days$/m);
    expect(text).toMatch(new RegExp(`^OCR reference ${doc.paymentReference}$`, 'm'));
    expect(text).toMatch(/^Your reference Åsa Öberg$/m);
    expect(text).toMatch(/^Comment:$/m);
    expect(text).toContain('Amounts in SEK excluding VAT');
    expect(linesOf(text)).toEqual(
      expect.arrayContaining([
        'Item no. Description Qty Unit price Discount VAT Amount',
        'A-MUG Mugg Skuleberget 3 119.60 35.88 25 % 322.92',
      ]),
    );
    expect(text).toMatch(/^A-WEAVE Vävd bonad .* 1 1,039.20 25 % 1,039.20$/m);
    expect(text).toMatch(/^Amount due SEK 2,758.65$/m);
    expect(text).toContain('Receipt no. 5512');
    expect(text).not.toMatch(/Faktura|Moms|Att betala/);
  });

  it('sums VAT per rate and shows net, VAT and the amount due', async () => {
    const text = await textOf(testInvoice());
    expect(text).toMatch(/^Momssats Underlag Moms\b/m);
    expect(text).toMatch(/^25 % 1 362,12 340,53$/m);
    expect(text).toMatch(/^12 % 319,64 38,36$/m);
    expect(text).toMatch(/^6 % 658,49 39,51$/m);
    expect(text).toMatch(/\bNetto 2 340,25$/m);
    expect(text).toMatch(/\bMoms 418,40$/m);
    expect(text).toMatch(/^Att betala SEK 2 758,65$/m);
    // Nothing was paid at the register, so there is no way from a total to the amount due to show.
    expect(text).not.toContain('Totalt inkl. moms');
    expect(text).not.toMatch(/Betal[a-z]* [a-z ]*i kassan/);
  });

  it('has a payment box with the accounts that are set, the reference, the amount due and the due date', async () => {
    const doc = testInvoice();
    const text = await textOf(doc);
    expect(text).toMatch(/^Betalningsinformation$/m);
    expect(text).toMatch(new RegExp(`^Bankgiro 5402-0001 OCR-nummer ${doc.paymentReference}$`, 'm'));
    expect(text).toMatch(/^IBAN SE3550000000054910000003 Att betala 2 758,65 SEK$/m);
    expect(text).toMatch(/^BIC ESSESESS Förfallodatum 2026-04-15$/m);
    expect(text).not.toContain('Plusgiro');

    const plusgiroOnly = await textOf(testInvoice({ seller: { bankgiro: null, plusgiro: '4 12 34-5', iban: null, bic: null } }));
    expect(plusgiroOnly).toMatch(/^Plusgiro 4 12 34-5 OCR-nummer/m);
    expect(plusgiroOnly).not.toMatch(/Bankgiro|IBAN|BIC/);
  });

  it('notes F-tax approval only for an approved seller', async () => {
    expect(await textOf(testInvoice({ seller: { fTaxApproved: true } }))).toContain('Godkänd för F-skatt');
    expect(await textOf(testInvoice({ seller: { fTaxApproved: false } }))).not.toContain('F-skatt');
    expect(await textOf(testInvoice({ seller: { fTaxApproved: false } }), 'en')).not.toContain('F-tax');
  });

  it('shows a delivery date only when it differs from the invoice date', async () => {
    const sameDay = testInvoice({ soldAt: '2026-03-16T09:00:00.000Z', today: '2026-03-16' });
    expect(sameDay.deliveryDate).toBe(sameDay.invoiceDate);
    expect(await textOf(sameDay)).not.toContain('Leveransdatum');
    expect(await textOf(testInvoice({ soldAt: '2026-03-15T23:30:00.000Z', today: '2026-03-16' }))).not.toContain('Leveransdatum');
    expect(await textOf(testInvoice({ soldAt: '2026-03-15T22:30:00.000Z', today: '2026-03-16' }))).toMatch(/^Leveransdatum 2026-03-15\b/m);
  });

  it('leaves out the reference and comment when the buyer gave none', async () => {
    const text = await textOf(testInvoice({ buyerReference: null, comment: '  ' }));
    expect(text).not.toContain('Er referens');
    expect(text).not.toContain('Meddelande');
  });

  it('uses the KID label, the currency and the buyer country for a Norwegian seller', async () => {
    const doc = testInvoice({ seller: { country: 'NO', fTaxApproved: false, reference: { kind: 'kid', algorithm: 'MOD10' } } });
    expect(doc.currency).toBe('NOK');
    const text = await textOf(doc);
    expect(text).toMatch(new RegExp(`^KID-nummer ${doc.paymentReference}$`, 'm'));
    expect(text).not.toContain('OCR');
    expect(text).toContain('Belopp i NOK exkl. moms');
    expect(text).toMatch(/^Att betala NOK 2 758,65$/m);
    expect(text).toMatch(/(?:^| )Sverige$/m);
    expect(await textOf(doc, 'en')).toMatch(new RegExp(`^KID reference ${doc.paymentReference}$`, 'm'));
  });

  it('titles a credit invoice as one, names the invoice it credits, shows credits and asks for no payment', async () => {
    const original = testInvoice();
    const credit = testCredit(original);
    const text = await textOf(credit);
    expect(text).toMatch(/^Kreditfaktura$/m);
    expect(text).toMatch(/^Avser faktura 1042 \(2026-03-16\)$/m);
    expect(text).toMatch(/^Fakturanummer 1043\b/m);
    expect(text).toMatch(/^Fakturadatum 2026-03-19$/m);
    expect(text).toContain('A-MUG Mugg Skuleberget 3 -119,60 -35,88 25 % -322,92');
    expect(text).toMatch(/^25 % -1 362,12 -340,53$/m);
    expect(text).toMatch(/^Att betala SEK -2 758,65$/m);
    expect(text).toContain('Beloppet tillgodoräknas er. Ingen betalning ska göras.');
    for (const absent of ['OCR', credit.paymentReference, original.paymentReference, 'Förfallodatum', 'Betalningsvillkor', 'Betalningsinformation']) {
      expect(text).not.toContain(absent);
    }
    // Not a credit of a credit: the original invoice says nothing of the sort.
    expect(await textOf(original)).not.toContain('Avser faktura');

    const english = await textOf(credit, 'en');
    expect(english).toMatch(/^Credit invoice$/m);
    expect(english).toMatch(/^Credits invoice 1042 \(2026-03-16\)$/m);
    expect(english).toMatch(/^Amount due SEK -2,758.65$/m);
  });

  it('shows what a split sale paid at the register and asks only for the rest', async () => {
    const doc = testInvoice({ split: true });
    expect(doc.amountDueOre).toBe(263_520);
    const text = await textOf(doc);
    expect(text).toMatch(/\bTotalt inkl. moms 2 758,65$/m);
    expect(text).toMatch(/(?:^| )Öresavrundning -0,45$/m);
    expect(text).toMatch(/\bBetalt med kort i kassan -100,00$/m);
    expect(text).toMatch(/\bBetalt kontant i kassan -23,00$/m);
    expect(text).toMatch(/^Att betala SEK 2 635,20$/m);
    expect(text).toMatch(/\bAtt betala 2 635,20 SEK$/m);
    expect(text).not.toContain('2 758,65 SEK');
    const english = await textOf(doc, 'en');
    expect(english).toMatch(/\bPaid by card at the register -100.00$/m);
    expect(english).toMatch(/\bPaid in cash at the register -23.00$/m);
    expect(english).toMatch(/\bCash rounding -0.45$/m);
  });

  it('flows 120 lines onto further pages, each with its number and the table header', async () => {
    const doc = testInvoice({ lines: numberedLines(120) });
    const pages = await pdfText(await render(doc));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const header = 'Art.nr Beskrivning Antal À-pris Rabatt Moms Belopp';
    const seen: string[] = [];
    pages.forEach((page, i) => {
      expect(page).toMatch(new RegExp(`^Sida ${i + 1} av ${pages.length}$`, 'm'));
      expect(page).toContain(SELLER.name);
      const lines = linesOf(page);
      const rows = lines.filter((l) => /Artikel nummer \d{3}/.test(l));
      if (rows.length > 0) expect(lines.indexOf(header)).toBeLessThan(lines.indexOf(rows[0]!));
      if (rows.length > 0) expect(lines.indexOf(header)).toBeGreaterThanOrEqual(0);
      seen.push(...rows.map((r) => /Artikel nummer (\d{3})/.exec(r)![1]!));
      if (i > 0) {
        expect(page).toMatch(/\bFaktura 1042$/m);
        expect(page).not.toContain('Fakturadatum');
      }
    });
    // Every line exactly once, in order: nothing lost or repeated at a page break.
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => String(i + 1).padStart(3, '0')));
    expect(pages.slice(0, -1).join('\n')).not.toContain('Att betala');
    expect(pages.at(-1)).toMatch(/^Att betala SEK /m);
    // Legal seller details are at the foot of every page, not only the first.
    for (const page of pages) expect(page).toContain('Momsreg.nr SE556036079301');

    const english = await pdfText(await render(doc, 'en'));
    english.forEach((page, i) => expect(page).toMatch(new RegExp(`^Page ${i + 1} of ${english.length}$`, 'm')));
  });

  it('keeps the totals, the payment box and the small print together on the last page, wherever the lines end', async () => {
    // From a single page to two, the lines end at every height of the first page's bottom half.
    for (let count = 8; count <= 34; count += 2) {
      const pages = await pdfText(await render(testInvoice({ lines: numberedLines(count) })));
      const last = pages.at(-1)!;
      for (const closing of ['Momsspecifikation', 'Att betala SEK', 'Betalningsinformation', 'Kvitto nr 5512']) {
        expect(last, `${count} lines`).toContain(closing);
        expect(pages.slice(0, -1).join('\n'), `${count} lines`).not.toContain(closing);
      }
      for (const page of pages.slice(0, -1)) expect(page, `${count} lines`).toMatch(/Artikel nummer/);
    }
  });

  it('gives byte-identical files for the same document and language, whatever the clock says', async () => {
    const doc = testInvoice({ lines: numberedLines(30) });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-01T08:00:00.000Z'));
    const first = await render(doc);
    vi.setSystemTime(new Date('2031-06-30T23:59:59.999Z'));
    const second = await render(doc);
    vi.useRealTimers();
    const third = await render(structuredClone(doc));
    expect(second.equals(first)).toBe(true);
    expect(third.equals(first)).toBe(true);
    expect(first.toString('latin1')).not.toMatch(/D:2027|D:2031/);
  });

  it('gives different files for a different document or language', async () => {
    const base = await render(testInvoice());
    const trailerId = (bytes: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(bytes.toString('latin1'))?.[1];
    expect(trailerId(base)).toMatch(/^[0-9a-f]{32}$/);

    const renumbered = await render(testInvoice({ number: 1_043 }));
    expect(renumbered.equals(base)).toBe(false);
    expect(trailerId(renumbered)).not.toBe(trailerId(base));
    expect((await render(testInvoice({ comment: 'Till biblioteket' }))).equals(base)).toBe(false);
    expect((await render(testInvoice(), 'en')).equals(base)).toBe(false);
  });

  it('keeps text readable when names hold characters the built-in fonts lack', async () => {
    const text = await textOf(testInvoice({ customer: { ...CUSTOMER, name: 'Łódź Őrség −Kft AB' }, comment: 'Leverans\r\ntill “Lilla salen”' }));
    expect(text).toContain('?ódz Orség -Kft AB');
    expect(text).toContain('Runebergsvägen 1');
    expect(text).toMatch(/^Leverans$/m);
    expect(text).toMatch(/^till “Lilla salen”$/m);
  });
});
