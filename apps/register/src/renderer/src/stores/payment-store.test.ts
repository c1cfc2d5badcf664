import { describe, expect, it } from 'vitest';
import { createCartStore } from './cart-store';
import { createFakeTransport, memoryStorage } from './fake-transport';
import { createPaymentStore } from './payment-store';
import { completedSale, customers, priceCart, products } from './test-fixtures';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const transport = createFakeTransport({ 'cart/price': priceCart, 'sales/complete': (req) => ({ sale: completedSale(req) }) });
  const storage = memoryStorage();
  const cart = createCartStore(transport, storage);
  const payment = createPaymentStore(transport, cart, storage);
  return { transport, storage, cart, payment };
}

describe('payment store', () => {
  it('creates the invoice sale with the cart’s sale id, the total, the customer, reference and comment', async () => {
    const { transport, cart, payment } = setup();
    cart.getState().add(products.mug!, 2);
    await settle();
    const { saleId } = cart.getState();
    expect(payment.getState().selectCustomer(customers.school!)).toBe(true);
    payment.getState().setInvoice({ reference: '  Anna Svensson, ekonomi ', comment: 'Till personalrummet' });
    expect(await payment.getState().completeInvoice()).toBe(true);

    expect(transport.callsOf('sales/complete')).toEqual([
      {
        id: saleId,
        lines: [{ productId: 'p-mug', quantity: 2, discount: null }],
        payments: [{ method: 'invoice', amountOre: 29900 }],
        invoice: { customerId: customers.school!.id, buyerReference: 'Anna Svensson, ekonomi', comment: 'Till personalrummet' },
      },
    ]);
    expect(payment.getState().completed?.invoice?.customer.name).toBe('Björkskolan');
    expect(cart.getState().lines).toEqual([]);
    expect(cart.getState().saleId).not.toBe(saleId);
    expect(payment.getState().invoice).toEqual({ customer: null, reference: '', comment: '' });
  });

  it('refuses to choose a customer who is inactive or not invoiceable', () => {
    const { payment } = setup();
    expect(payment.getState().selectCustomer(customers.closed!)).toBe(false);
    expect(payment.getState().invoice.customer).toBeNull();
    expect(payment.getState().error?.code).toBe('CUSTOMER_NOT_INVOICEABLE');
  });

  it('asks for a customer before an invoice sale, without calling the core', async () => {
    const { transport, cart, payment } = setup();
    cart.getState().add(products.coffee!);
    await settle();
    expect(await payment.getState().completeInvoice()).toBe(false);
    expect(payment.getState().error?.field).toBe('invoice.customerId');
    expect(transport.callsOf('sales/complete')).toEqual([]);
  });

  it('keeps the cart, its sale id and the invoice details when completing fails, and retries with the same id', async () => {
    const { transport, cart, payment } = setup();
    cart.getState().add(products.coffee!);
    await settle();
    payment.getState().selectCustomer(customers.school!);
    payment.getState().setInvoice({ reference: 'Per' });
    transport.handlers['sales/complete'] = () => ({ ok: false, error: { code: 'TRANSPORT', message: 'socket closed' } });
    expect(await payment.getState().completeInvoice()).toBe(false);
    expect(payment.getState().error?.code).toBe('TRANSPORT');
    expect(cart.getState().lines).toHaveLength(1);
    expect(payment.getState().invoice.reference).toBe('Per');

    transport.handlers['sales/complete'] = (req) => ({ sale: completedSale(req) });
    expect(await payment.getState().completeInvoice()).toBe(true);
    const [first, second] = transport.callsOf('sales/complete') as { id: string }[];
    expect(second!.id).toBe(first!.id);
  });

  it('keeps the invoice details typed so far across a reload', () => {
    const { transport, storage, cart, payment } = setup();
    payment.getState().choose('invoice');
    payment.getState().selectCustomer(customers.school!);
    payment.getState().setInvoice({ comment: 'Faktura till rektor' });
    const reloaded = createPaymentStore(transport, cart, storage);
    expect(reloaded.getState().method).toBe('invoice');
    expect(reloaded.getState().invoice).toMatchObject({ customer: { id: customers.school!.id }, comment: 'Faktura till rektor' });
  });

  it('prints the delivery note and keeps a printer failure as a message, the sale already done', async () => {
    const { transport, cart, payment } = setup();
    cart.getState().add(products.mug!);
    await settle();
    payment.getState().selectCustomer(customers.school!);
    await payment.getState().completeInvoice();
    transport.handlers['delivery-notes/print'] = () => ({ ok: false, error: { code: 'PRINTER_PAPER_OUT', message: 'out of paper' } });
    expect(await payment.getState().printDeliveryNote()).toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    expect(payment.getState().completed).not.toBeNull();
    transport.handlers['delivery-notes/print'] = () => ({ number: 5001, copy: false, printedAt: '2026-11-27T10:00:05.000Z' });
    expect(await payment.getState().printDeliveryNote()).toBeNull();
    expect(payment.getState().printed).toMatchObject({ number: 5001, copy: false });
    expect(transport.callsOf('delivery-notes/print')).toEqual([{ saleId: payment.getState().completed!.id }, { saleId: payment.getState().completed!.id }]);
  });

  it('completes a split payment: card first, cash for the rest', async () => {
    const { transport, cart, payment } = setup();
    cart.getState().add(products.mug!);
    await settle();
    expect(await payment.getState().complete([{ method: 'card', amountOre: 10000 }, { method: 'cash', tenderedOre: 5000 }])).toBe(true);
    expect(transport.callsOf('sales/complete')[0]).toMatchObject({ payments: [{ method: 'card', amountOre: 10000 }, { method: 'cash', tenderedOre: 5000 }], invoice: null });
    expect(payment.getState().completed?.changeOre).toBe(5000 - 5000);
  });
});
