import { describe, expect, it } from 'vitest';
import { fitToCharset, type Charset } from './charset';

// A toy one-byte set: ASCII and å ä ö only.
const NORDIC_ASCII: Charset = {
  encodable: (ch) => ch.charCodeAt(0) < 0x7f || 'åäö'.includes(ch),
  substitutes: { '€': 'EUR', '\t': ' ' },
};

describe('fitToCharset', () => {
  it('keeps what the set has and the line breaks, and uses stand-ins for what it lacks', () => {
    expect(fitToCharset('Kåre\nÅsa', NORDIC_ASCII)).toBe('Kåre\nAsa');
    expect(fitToCharset('5 €\tnetto', NORDIC_ASCII)).toBe('5 EUR netto');
  });

  it('composes decomposed letters, strips accents it cannot show, drops control characters, and marks the rest', () => {
    expect(fitToCharset('a\u030a', NORDIC_ASCII)).toBe('å');
    expect(fitToCharset('Łódź', NORDIC_ASCII)).toBe('?odz');
    expect(fitToCharset('a\u0007b\u0085c', NORDIC_ASCII)).toBe('abc');
    expect(fitToCharset('日本', NORDIC_ASCII)).toBe('??');
  });
});
