import { describe, expect, it } from 'vitest';
import { createCartStore } from './cart-store';
import { createFakeTransport, memoryStorage } from './fake-transport';
import { priceCart, products, scanCart } from './test-fixtures';

function setup() {
  const transport = createFakeTransport({
    'cart/price': priceCart,
    'cart/scan': scanCart,
  });
  const storage = memoryStorage();
  return { transport, storage, cart: createCartStore(transport, storage) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('cart store', () => {
  it('shows a line at once and the core’s totals when they come', async () => {
    const { cart } = setup();
    cart.getState().add(products.mug!);
    expect(cart.getState().lines).toMatchObject([{ productId: 'p-mug', quantity: 1 }]);
    expect(cart.getState().isPriced()).toBe(false);
    await settle();
    expect(cart.getState().isPriced()).toBe(true);
    expect(cart.getState().priced?.totalOre).toBe(14950);
  });

  it('adds a second scan of the same item to its line, and a different item as a new line', async () => {
    const { cart } = setup();
    expect(await cart.getState().scan('7350000000019')).toBeNull();
    expect(await cart.getState().scan('7350000000019')).toBeNull();
    expect(await cart.getState().scan('7310050001234')).toBeNull();
    expect(cart.getState().lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['p-mug', 2],
      ['p-coffee', 1],
    ]);
  });

  it('shows a scanned line priced from the one call that found it', async () => {
    const { transport, cart } = setup();
    cart.getState().add(products.coffee!);
    await settle();
    const priceCalls = transport.callsOf('cart/price').length;
    expect(await cart.getState().scan('7350000000019')).toBeNull();
    expect(transport.callsOf('cart/scan')).toEqual([{ barcode: '7350000000019', lines: [{ productId: 'p-coffee', quantity: 1, discount: null }] }]);
    expect(cart.getState().isPriced()).toBe(true);
    expect(cart.getState().priced?.totalOre).toBe(3500 + 14950);
    await settle();
    expect(transport.callsOf('cart/price').length).toBe(priceCalls);
  });

  it('prices again a scan answered after the cart changed, never showing the older cart’s total', async () => {
    const { transport, cart } = setup();
    let answer: () => void = () => undefined;
    transport.handlers['cart/scan'] = (req) => new Promise((resolve) => (answer = () => resolve(scanCart(req))));
    cart.getState().add(products.coffee!);
    const scanned = cart.getState().scan('7350000000019');
    // The cashier raises the coffee to two before the scan's answer arrives.
    cart.getState().setQuantity(cart.getState().lines[0]!.key, 2);
    answer();
    await scanned;
    await settle();
    expect(cart.getState().lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['p-coffee', 2],
      ['p-mug', 1],
    ]);
    expect(cart.getState().isPriced()).toBe(true);
    expect(cart.getState().priced?.totalOre).toBe(2 * 3500 + 14950);
  });

  it('answers an unknown barcode with the core’s refusal and leaves the cart as it was', async () => {
    const { cart } = setup();
    cart.getState().add(products.coffee!);
    const error = await cart.getState().scan('0000');
    expect(error).toMatchObject({ code: 'UNKNOWN_PRODUCT', field: 'barcode' });
    expect(cart.getState().lines).toHaveLength(1);
  });

  it('never lets an older price answer overwrite a newer cart', async () => {
    const { transport, cart } = setup();
    const gates: (() => void)[] = [];
    transport.handlers['cart/price'] = (req) =>
      new Promise((resolve) => gates.push(() => resolve(priceCart(req))));
    cart.getState().add(products.coffee!);
    const key = cart.getState().lines[0]!.key;
    cart.getState().setQuantity(key, 3);
    // The answer for quantity 3 arrives first, then the late one for quantity 1.
    gates[1]!();
    await settle();
    gates[0]!();
    await settle();
    expect(cart.getState().priced?.totalOre).toBe(3 * 3500);
    expect(cart.getState().isPriced()).toBe(true);
  });

  it('edits quantity and discount, refusing a quantity below one', async () => {
    const { cart } = setup();
    cart.getState().add(products.mug!);
    const key = cart.getState().lines[0]!.key;
    cart.getState().setQuantity(key, 0);
    cart.getState().setQuantity(key, 2);
    cart.getState().setDiscount(key, { kind: 'percent', bp: 1000 });
    await settle();
    expect(cart.getState().lines[0]).toMatchObject({ quantity: 2, discount: { kind: 'percent', bp: 1000 } });
    expect(cart.getState().priced).toMatchObject({ totalOre: 29900 - 2990, discountOre: 2990 });
    cart.getState().remove(key);
    await settle();
    expect(cart.getState().lines).toEqual([]);
    expect(cart.getState().priced).toBeNull();
  });

  it('survives a reload: the lines and the sale id come back and are priced again', async () => {
    const { transport, storage, cart } = setup();
    cart.getState().add(products.mug!, 2);
    cart.getState().add(products.bun!);
    await settle();
    const { saleId } = cart.getState();
    const pricedBefore = transport.callsOf('cart/price').length;

    const reloaded = createCartStore(transport, storage);
    expect(reloaded.getState().saleId).toBe(saleId);
    expect(reloaded.getState().lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['p-mug', 2],
      ['p-bun', 1],
    ]);
    await settle();
    expect(transport.callsOf('cart/price').length).toBe(pricedBefore + 1);
    expect(reloaded.getState().priced?.totalOre).toBe(2 * 14950 + 2950);
  });

  it('starts a new sale with a new id and an empty cart', () => {
    const { cart, storage } = setup();
    cart.getState().add(products.mug!);
    const first = cart.getState().saleId;
    cart.getState().newSale();
    expect(cart.getState().saleId).not.toBe(first);
    expect(cart.getState().lines).toEqual([]);
    expect(JSON.parse(storage.getItem('nota.register.cart')!).state.lines).toEqual([]);
  });
});
