import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { fitToCodePage } from './codepage';
import { formatStockholmDateTime, type Language } from './format';

const TEXT = {
  sv: { title: 'TESTUTSKRIFT', ok: 'Skrivaren fungerar.', letters: 'Å Ä Ö å ä ö Æ Ø æ ø' },
  en: { title: 'TEST PRINT', ok: 'The printer works.', letters: 'Å Ä Ö å ä ö Æ Ø æ ø' },
} as const;

/** A short page that proves the address, the paper and the Nordic letters, for the set-up screen. */
export function renderTestPage(page: { language: Language; registerName: string; printedAt: string }): Buffer {
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, width: 48, breakLine: BreakLine.WORD } as ConstructorParameters<
    typeof ThermalPrinter
  >[0]);
  const text = TEXT[page.language];
  printer.add(Buffer.from([0x1b, 0x40]));
  printer.setCharacterSet(CharacterSet.PC865_NORDIC);
  printer.alignCenter();
  printer.setTextDoubleHeight();
  printer.println(text.title);
  printer.setTextNormal();
  printer.println(fitToCodePage(page.registerName));
  printer.println(formatStockholmDateTime(page.printedAt));
  printer.println(fitToCodePage(text.letters));
  printer.println(text.ok);
  printer.cut();
  return Buffer.from(printer.getBuffer());
}
