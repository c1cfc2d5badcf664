export { renderDeliveryNote, type DeliveryNote, type RenderOptions } from './delivery-note';
export { DRAWER_PULSE, receiptKind, renderReceipt, type Receipt } from './receipt';
export { decodeEscPos, receiptText, type DecodedLine, type DecodedReceipt } from './escpos-decoder';
export { parsePrinterUrl, PrinterError, printDeliveryNote, sendToPrinter, type PrinterAddress, type PrinterErrorCode, type SendOptions } from './network-printer';
export { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterMode, type VirtualPrinterOptions } from './virtual-printer';
export { formatAmount } from './format';
