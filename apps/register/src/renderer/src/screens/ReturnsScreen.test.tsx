import type { ReturnableSale, ReturnQuote, Sale } from '@nota/protocol';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { completedSale } from '../stores/test-fixtures';
import { renderRegister } from './test-support';

const plain = (s: string | null) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ').replace(/\u2212/g, '-');

/** Receipt 12: 3 buns and a mug for cash, one bun already returned. Receipt 13: an invoice sale. */
function returnsCore(options: { printFails?: boolean } = {}) {
  const view = renderRegister({ signedIn: 'cashier' });
  const original: Sale = completedSale(
    { id: '11111111-1111-4111-8111-111111111111', lines: [{ productId: 'p-bun', quantity: 3 }, { productId: 'p-mug', quantity: 1 }], payments: [{ method: 'cash', tenderedOre: 30000 }] },
    12,
  );
  const returnable = (mugReturned: number): ReturnableSale => ({
    sale: original,
    lines: original.lines.map((l) => {
      const returned = l.productId === 'p-mug' ? mugReturned : 1;
      return { lineNo: l.lineNo, productId: l.productId, sku: l.sku, name: l.name, unitPriceOre: l.unitPriceOre, grossOre: l.grossOre, vatRateBp: l.vatRateBp, soldQuantity: l.quantity, returnedQuantity: returned, returnableQuantity: l.quantity - returned };
    }),
    refundMethods: ['cash'],
    returns: [],
  });
  let mugReturned = 0;
  const quote: ReturnQuote = {
    lines: [{ ...original.lines[1]!, quantity: -1, grossOre: -14950, vatOre: -2990, netOre: -11960 }],
    totalOre: -14950,
    roundingOre: -50,
    totalDueOre: -15000,
    vatOre: -2990,
    netOre: -11960,
    vatSummary: [{ rateBp: 2500, grossOre: -14950, netOre: -11960, vatOre: -2990 }],
    refunds: [{ method: 'cash', amountOre: -15000, tenderedOre: null, changeOre: 0 }],
  };
  const h = view.transport.handlers;
  h['returns/find'] = ({ receiptNumber }) => {
    if (receiptNumber === 12) return returnable(mugReturned);
    if (receiptNumber === 13) return { ok: false, error: { code: 'INVOICE_SALE', message: 'receiptNumber: invoice sale', field: 'receiptNumber' } };
    return { ok: false, error: { code: 'UNKNOWN_RECEIPT', message: 'receiptNumber: unknown', field: 'receiptNumber' } };
  };
  h['returns/quote'] = ({ lines }) => {
    if (lines.some((l) => l.quantity > 1)) return { ok: false, error: { code: 'RETURN_EXCEEDS_SOLD', message: 'lines[0].quantity: too many', field: 'lines[0].quantity' } };
    if (mugReturned > 0) return { ok: false, error: { code: 'LINE_ALREADY_RETURNED', message: 'lines[0].quantity: returned', field: 'lines[0].quantity' } };
    return quote;
  };
  h['returns/complete'] = (req) => {
    mugReturned += 1;
    return { sale: { ...original, ...quote, payments: quote.refunds, id: req.id, receiptNumber: 14, returnOf: { saleId: original.id, receiptNumber: 12 } } };
  };
  h['receipts/print'] = ({ saleId }) =>
    options.printFails
      ? { ok: false, error: { code: 'PRINTER_UNREACHABLE', message: 'The printer at tcp://127.0.0.1:9100 does not answer.' } }
      : { saleId, copy: false, printedAt: new Date().toISOString(), drawerOpened: true };
  return view;
}

describe('returns screen', () => {
  it('F11 opens it; a receipt typed with Enter shows what is left, the refund by the original method, and Ctrl+Enter makes and prints the return', async () => {
    const { user, transport } = returnsCore();
    await screen.findByRole('combobox', { name: /Sök vara/ });
    expect(screen.getByRole('complementary', { name: 'Kortkommandon' }).textContent).toContain('Retur');
    await user.keyboard('{F11}');
    await screen.findByRole('heading', { name: 'Retur' });
    const receipt = screen.getByLabelText('Kvittonummer');
    expect(document.activeElement).toBe(receipt);
    await user.type(receipt, '12{Enter}');
    await screen.findByRole('heading', { name: 'Kvitto 12' });
    const table = screen.getByRole('table', { name: 'Raderna på kvittot' });
    const bun = within(table).getAllByRole('row')[1]!;
    expect(plain(bun.textContent)).toMatch(/Kanelbulle3120?/);
    // Focus is on the first line that can still be returned, for the keyboard.
    const bunQuantity = screen.getByLabelText('Antal tillbaka av Kanelbulle (högst 2)');
    await waitFor(() => expect(document.activeElement).toBe(bunQuantity));
    await user.tab();
    await user.keyboard('1');
    const refund = await screen.findByRole('status', { name: 'Återbetalning' });
    await waitFor(() => expect(plain(refund.textContent)).toContain('Återbetala (Kontant)150,00 kr'));
    expect(plain(refund.textContent)).toContain('Varor tillbaka149,50 kr');

    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('heading', { name: 'Returen är klar' });
    expect(screen.getByText('Returkvitto nr 14, retur av kvitto nr 12')).toBeTruthy();
    expect(transport.callsOf('returns/complete')).toEqual([
      { id: expect.any(String), originalSaleId: '11111111-1111-4111-8111-111111111111', lines: [{ lineNo: 2, quantity: 1 }], refundMethods: ['cash'] },
    ]);
    await screen.findByText('Returkvittot är utskrivet.');
    expect(transport.callsOf('receipts/print')).toHaveLength(1);

    // The same receipt again: the mug is returned, nothing left on its line, and the core says so.
    await user.keyboard('{Escape}');
    await user.type(screen.getByLabelText('Kvittonummer'), '12{Enter}');
    await screen.findByRole('heading', { name: 'Kvitto 12' });
    await user.type(screen.getByLabelText('Antal tillbaka av Mugg Öresund (högst 0)'), '1');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Mugg Öresund är redan returnerad i sin helhet.'));
  });

  it('says why a receipt cannot be returned: an invoice sale is credited in the back office, an unknown number, too many', async () => {
    const { user } = returnsCore();
    await screen.findByRole('combobox', { name: /Sök vara/ });
    await user.keyboard('{F11}');
    const receipt = await screen.findByLabelText('Kvittonummer');
    await user.type(receipt, '13{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Kvitto 13 är ett fakturaköp. Fakturaköp återbetalas inte i kassan: en kreditfaktura görs i backoffice.',
    );
    await user.clear(receipt);
    await user.type(receipt, '99{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Det finns inget kvitto nr 99 i den här kassan.'));
    await user.clear(receipt);
    await user.type(receipt, 'abc{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Skriv kvittonumret med siffror, till exempel 1024.'));
    await user.clear(receipt);
    await user.type(receipt, '12{Enter}');
    await user.type(await screen.findByLabelText('Antal tillbaka av Kanelbulle (högst 2)'), '2');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Det är fler Kanelbulle än som finns kvar att returnera.'));
    expect((screen.getByRole('button', { name: /Genomför retur/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a failed print of the return receipt with a retry; the return is saved', async () => {
    const { user, transport } = returnsCore({ printFails: true });
    await screen.findByRole('combobox', { name: /Sök vara/ });
    await user.keyboard('{F11}');
    await user.type(await screen.findByLabelText('Kvittonummer'), '12{Enter}');
    await user.type(await screen.findByLabelText('Antal tillbaka av Mugg Öresund (högst 1)'), '1');
    await screen.findByRole('status', { name: 'Återbetalning' });
    await user.click(screen.getByRole('button', { name: /Genomför retur/ }));
    const failure = await screen.findByRole('alert');
    expect(failure.textContent).toContain('Returkvittot skrevs inte ut.');
    expect(failure.textContent).toContain('Returen är sparad.');
    await user.click(within(failure).getByRole('button', { name: 'Försök igen' }));
    await waitFor(() => expect(transport.callsOf('receipts/print')).toHaveLength(2));
    expect(transport.callsOf('returns/complete')).toHaveLength(1);
  });
});
