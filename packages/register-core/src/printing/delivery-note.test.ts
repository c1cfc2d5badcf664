import { describe, expect, it } from 'vitest';
import { renderDeliveryNote } from './delivery-note';
import { decodeEscPos, receiptText } from './escpos-decoder';
import { sampleNote } from './test-fixtures';

const texts = (bytes: Buffer): string[] => decodeEscPos(bytes).lines.map((l) => l.text);

describe('renderDeliveryNote', () => {
  it('prints Nordic letters correctly under the code page the bytes select', () => {
    const bytes = renderDeliveryNote(sampleNote());
    const decoded = decodeEscPos(bytes);

    // ESC t 5 (PC865) is selected right after ESC @, before any text.
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 5]);
    expect(decoded.codePage).toBe(5);
    // 'ö' is 0x94 in PC865 (it would be 0xF6 in WPC1252 and 2 bytes in UTF-8); 'ø' 0x9B exists in PC865 but not PC437.
    expect(bytes.includes(Buffer.from([0x94]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x9b]))).toBe(true);
    expect(bytes.includes(Buffer.from('ö', 'utf8'))).toBe(false);
    // No second code page selection: the library's silent page switching never kicked in.
    expect(bytes.indexOf(Buffer.from([0x1b, 0x74]), 3)).toBe(-1);

    const lines = decoded.lines.map((l) => l.text);
    expect(lines).toContain('å ä ö Å Ä Ö æ ø Æ Ø é');
    expect(lines).toContain('Ærø Bygg AB');
    expect(lines).toContain('Kund:          Øresund Café AB');
    expect(decoded.unknownCommands).toEqual([]);
  });

  it('lays out the whole note in the expected order with styles', () => {
    const text = receiptText(decodeEscPos(renderDeliveryNote(sampleNote())));
    const expected = [
      '[B][2H]FÖLJESEDEL',
      '',
      '[B]Järnhandeln Åre',
      'Ærø Bygg AB',
      'Org.nr 556677-8899',
      'Storgatan 1, 837 52 Åre',
      '-'.repeat(48),
      'Datum:         2024-01-15 14:05',
      'Kassa:         Kassa 1',
      'Följesedel nr: F-1001',
      'Kvitto nr:     5512',
      '-'.repeat(48),
      'Kund:          Øresund Café AB',
      'Kundnr:        10023',
      'Org.nr:        556000-1111',
      'Er referens:   Åsa Ödman',
      'Meddelande:',
      'å ä ö Å Ä Ö æ ø Æ Ø é',
      '-'.repeat(48),
      '[B]Antal Artikel                   à-pris    Belopp',
      '    2 Skruv förzinkad 4x40      129,50    259,00',
      '   12 Kabel                   1 234,56 14 814,72',
      '-'.repeat(48),
      '[B]Totalt                                 15 073,72',
      '',
      '',
      '',
      '_'.repeat(48),
      'Signatur',
      '',
      '',
      '_'.repeat(48),
      'Namnförtydligande',
    ].join('\n');
    expect(text.startsWith(`${expected}\n`)).toBe(true);
    expect(text.endsWith('[CUT]')).toBe(true);
    expect(decodeEscPos(renderDeliveryNote(sampleNote())).cuts).toBe(1);
  });

  it('centres the title and heading, and keeps the body left-aligned', () => {
    const lines = decodeEscPos(renderDeliveryNote(sampleNote())).lines;
    expect(lines.find((l) => l.text === 'FÖLJESEDEL')?.align).toBe('center');
    expect(lines.find((l) => l.text === 'Ærø Bygg AB')?.align).toBe('center');
    expect(lines.find((l) => l.text.startsWith('Kund:'))?.align).toBe('left');
  });

  it('uses English labels and number format for English notes', () => {
    const text = receiptText(decodeEscPos(renderDeliveryNote(sampleNote({ language: 'en' }))));
    expect(text).toContain('[B][2H]DELIVERY NOTE');
    expect(text).toContain('Delivery note no.: F-1001');
    expect(text).toContain('1,234.56');
    expect(text).toMatch(/\[B\]Total +15,073\.72/);
    expect(text).toContain('\nSignature\n');
    expect(text).toContain('\nPrint name\n');
    expect(text).not.toContain('Följesedel');
  });

  it('shows no amounts at all when prices are hidden', () => {
    const text = receiptText(decodeEscPos(renderDeliveryNote(sampleNote({ showPrices: false }))));
    expect(text).not.toMatch(/\d,\d\d/);
    expect(text).not.toContain('à-pris');
    expect(text).not.toContain('Totalt');
    // The items are still there, quantity and name.
    expect(text).toMatch(/^ +2 Skruv förzinkad 4x40$/m);
    expect(text).toMatch(/^\[B\]Antal Artikel$/m);
  });

  it('marks copies at top and bottom, and originals not at all', () => {
    const copy = decodeEscPos(renderDeliveryNote(sampleNote({ copy: true })));
    const markers = copy.lines.filter((l) => l.text === 'KOPIA');
    expect(markers).toHaveLength(2);
    expect(markers.every((l) => l.bold && l.doubleHeight && l.doubleWidth && l.align === 'center')).toBe(true);
    expect(copy.lines[0]?.text).toBe('KOPIA');
    const lastText = copy.lines.filter((l) => l.text !== '').at(-1);
    expect(lastText?.text).toBe('KOPIA');

    const original = receiptText(decodeEscPos(renderDeliveryNote(sampleNote({ copy: false }))));
    expect(original).not.toContain('KOPIA');
    expect(receiptText(decodeEscPos(renderDeliveryNote(sampleNote({ copy: true, language: 'en' }))))).toContain('[B][2H][2W]COPY');
  });

  it.each([48, 32])('wraps long comments, references and item names inside %i characters without cutting words', (width) => {
    const comment =
      'Leverans till bakre lastkajen, ring på klockan vid porten. Fråga efter Björn som vet var pallarna ska stå. Ömtåligt gods!';
    const note = sampleNote({
      comment,
      reference: 'Projekt Kvarnbäcken etapp två, hus C, trapphus 4',
      lines: [{ name: 'Träskruv förzinkad 4,0x40 mm, 200-pack, torxdrivning', quantity: 3, unitPriceOre: 9900, totalOre: 29700 }],
      totalOre: 29700,
    });
    const lines = texts(renderDeliveryNote(note, { width }));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);

    const start = lines.indexOf('Meddelande:');
    expect(start).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > start && l.startsWith('---'));
    const commentLines = lines.slice(start + 1, end);
    expect(commentLines.length).toBeGreaterThan(1);
    // Joining the wrapped lines with spaces gives back the comment exactly: no word was split.
    expect(commentLines.join(' ')).toBe(comment);
    for (const word of comment.split(' ')) expect(lines.some((l) => l.split(' ').includes(word))).toBe(true);
    for (const word of ['Träskruv', 'torxdrivning', 'Kvarnbäcken', 'trapphus']) {
      expect(lines.some((l) => l.includes(word))).toBe(true);
    }
  });

  it('never lets a large amount be truncated or touch its neighbour', () => {
    const note = sampleNote({
      lines: [{ name: 'Grävmaskin', quantity: 1, unitPriceOre: 123456789, totalOre: 123456789 }],
      totalOre: 123456789,
    });
    const lines = texts(renderDeliveryNote(note));
    expect(lines).toContain('    1 Grävmaskin       1 234 567,89 1 234 567,89');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(48);
  });

  it('refuses a width too narrow to lay out', () => {
    expect(() => renderDeliveryNote(sampleNote(), { width: 10 })).toThrow(RangeError);
  });
});
