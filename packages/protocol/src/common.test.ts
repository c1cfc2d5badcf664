import { describe, expect, it } from 'vitest';
import { BoundedJson, Count, MAX_JSON_DEPTH, MultilineText, Text, textProblem } from './common';

describe('Text', () => {
  const name = Text(50);

  it('takes ordinary Nordic text, emoji and astral characters', () => {
    for (const ok of ['Åsa Öberg', 'Kafé Ærø', 'Smörgås 🥪', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'tab-free']) expect(name.safeParse(ok).success).toBe(true);
  });

  it.each([
    ['NUL', 'a\u0000b', /control characters/],
    ['line break', 'a\nb', /control characters or line breaks/],
    ['C1 control', 'a\u0085b', /control characters/],
    ['DEL', 'a\u007fb', /control characters/],
    ['lone high surrogate', 'a\ud800b', /unpaired surrogate/],
    ['lone low surrogate at the end', 'ab\udc00', /unpaired surrogate/],
    ['reversed pair', '\udc00\ud800', /unpaired surrogate/],
    ['right-to-left override', 'invoice\u202Egpj.exe', /text-direction/],
  ])('refuses %s with a reason', (_label, value, reason) => {
    const result = name.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(reason);
  });

  it('keeps its length limit', () => {
    expect(name.safeParse('x'.repeat(51)).success).toBe(false);
  });
});

describe('MultilineText', () => {
  it('takes tab and line breaks but not other controls', () => {
    const comment = MultilineText(200);
    expect(comment.safeParse('rad 1\r\nrad 2\tkolumn').success).toBe(true);
    expect(comment.safeParse('rad 1\u0000').success).toBe(false);
    expect(textProblem('a\u000bb', true)).toMatch(/control characters other than tab/);
  });
});

describe('Count', () => {
  it('fits a PostgreSQL integer', () => {
    expect(Count.safeParse(2 ** 31 - 1).success).toBe(true);
    expect(Count.safeParse(2 ** 31).success).toBe(false);
    expect(Count.safeParse(-1).success).toBe(false);
  });
});

describe('BoundedJson', () => {
  function nested(depth: number): unknown {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }

  it('takes ordinary settings values', () => {
    for (const ok of ['Välkommen åter!', 12, true, null, { lines: ['a', 'b'], width: 42 }]) {
      expect(BoundedJson.safeParse(ok).success).toBe(true);
    }
    expect(BoundedJson.safeParse(nested(MAX_JSON_DEPTH)).success).toBe(true);
  });

  it('refuses 100,000 nested arrays with a reason instead of overflowing the stack', () => {
    const result = BoundedJson.safeParse(nested(100_000));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/deeper than 16/);
  });

  it('refuses hostile strings anywhere inside, keys included', () => {
    expect(BoundedJson.safeParse({ a: ['ok', 'bad\u0000'] }).success).toBe(false);
    expect(BoundedJson.safeParse({ ['k\ud800']: 1 }).success).toBe(false);
    expect(BoundedJson.safeParse(undefined).success).toBe(false);
  });
});
