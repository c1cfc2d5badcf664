import type { DayReport } from '@nota/protocol';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import { PrinterError, sendToPrinter } from '../printing/network-printer';
import { renderDayReport, type ReportLanguage } from '../printing/z-report';
import { readSettings } from '../settings/settings';
import { getZ, latestZNumber, xReport } from './reports';

/** Prints an X report taken now, or a stored Z report (the latest when no number is given). */
export async function printDayReport(ctx: CoreContext, req: { kind: 'x' | 'z'; number?: number | undefined }): Promise<{ printedAt: string }> {
  ctx.session.requireUser();
  const settings = readSettings(ctx.db);
  if (!settings.printerUrl) {
    throw new CoreError('PRINTER_NOT_CONFIGURED', 'No receipt printer is set up for this register. Add its address in the settings.', 'printerUrl');
  }
  let report: DayReport;
  if (req.kind === 'x') report = xReport(ctx);
  else {
    const number = req.number ?? latestZNumber(ctx.db);
    if (number === null) throw new CoreError('Z_REPORT_NOT_FOUND', 'number: no Z report has been made at this register yet.', 'number');
    report = getZ(ctx.db, number);
  }
  const language: ReportLanguage = settings.language === 'en' ? 'en' : settings.country === 'NO' ? 'nb' : 'sv';
  try {
    await sendToPrinter(settings.printerUrl, renderDayReport(report, language), { timeoutMs: settings.printerTimeoutMs });
  } catch (err) {
    if (err instanceof PrinterError) throw new CoreError(err.code, err.message, 'printerUrl');
    throw err;
  }
  return { printedAt: ctx.now().toISOString() };
}
