import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { fitToCodePage } from './codepage';

const MIN_WIDTH = 24;
const ESC_INIT = Buffer.from([0x1b, 0x40]);

/**
 * A node-thermal-printer buffer for an Epson-compatible printer, reset and set to the Nordic code
 * page. Pure: no connection is ever opened; send the bytes with sendToPrinter.
 */
export function newPrinter(width: number): ThermalPrinter {
  if (!Number.isInteger(width) || width < MIN_WIDTH) {
    throw new RangeError(`Receipt width must be an integer of at least ${MIN_WIDTH} characters, got ${width}`);
  }
  // The typings demand an `interface`, but lib/core.js only builds one when given; leaving it out
  // guarantees this renderer can never open a connection.
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    width,
    breakLine: BreakLine.WORD,
  } as ConstructorParameters<typeof ThermalPrinter>[0]);

  // ESC @ resets every mode left over from a previous job, including the code page, so the code
  // page has to be selected after it (the constructor's characterSet option would emit it before).
  printer.add(ESC_INIT); // initHardware() exists at runtime but is missing from the typings
  printer.setCharacterSet(CharacterSet.PC865_NORDIC);
  printer.setTypeFontA();
  printer.setTextNormal();
  printer.alignLeft();
  return printer;
}

/**
 * A big centred marker (KOPIA, ÖVNINGSKVITTO): double width and height where it fits the paper,
 * double height where it would not.
 */
export function bigMarker(printer: ThermalPrinter, width: number, marker: string): void {
  printer.alignCenter();
  if (marker.length * 2 <= width) printer.setTextQuadArea();
  else printer.setTextDoubleHeight();
  // ESC ! (used for sizes) also rewrites the emphasis bit, so bold must come after the size.
  printer.bold(true);
  printer.println(fitToCodePage(marker));
  printer.bold(false);
  printer.setTextNormal();
  printer.alignLeft();
}
