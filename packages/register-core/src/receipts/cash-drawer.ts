import type { CoreContext } from '../context';
import { logEvent } from '../journal/journal';
import { newPrinter } from '../printing/escpos-layout';
import { DRAWER_PULSE } from '../printing/receipt';
import { readSettings } from '../settings/settings';
import { sendToRegisterPrinter } from './receipt-printing';

/**
 * Opens the cash drawer without a sale (the drawer hangs off the receipt printer). A manager's act,
 * logged with the reason once the printer has taken the pulse: a drawer that did not open is not logged.
 */
export async function openDrawer(ctx: CoreContext, reason: string): Promise<{ openedAt: string }> {
  const user = ctx.session.requireRole('manager', 'open the cash drawer without a sale');
  const settings = readSettings(ctx.db);
  const printer = newPrinter(48);
  printer.add(DRAWER_PULSE);
  await sendToRegisterPrinter(settings, Buffer.from(printer.getBuffer()));
  const at = ctx.now();
  logEvent(ctx.db, { code: 'drawerOpened', at, userId: user.id, saleId: null, detail: reason });
  return { openedAt: at.toISOString() };
}
