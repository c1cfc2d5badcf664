import { describe, expect, it } from 'vitest';
import { el, optEl, xmlText } from './xml-text';

describe('values written into the SAF-T file', () => {
  it('escapes markup and keeps Nordic letters and emoji (a surrogate pair) as they are', () => {
    expect(xmlText('Ærlig & <Øl> "på" \'fat\'')).toBe('Ærlig &amp; &lt;Øl&gt; "på" \'fat\'');
    expect(xmlText('Kaffe ☕ 😀')).toBe('Kaffe ☕ 😀');
    expect(el('artDesc', '</artDesc><x>')).toBe('<artDesc>&lt;/artDesc&gt;&lt;x&gt;</artDesc>');
  });

  it('writes characters XML cannot hold (NUL, controls, unpaired surrogates, U+FFFF) as U+FFFD', () => {
    expect(xmlText('a\u0000b\u0007c\u001Fd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(xmlText('lone \uD83D high, lone \uDE00 low, pair \uD83D\uDE00')).toBe('lone \uFFFD high, lone \uFFFD low, pair 😀');
    expect(xmlText('\uFFFE\uFFFF')).toBe('\uFFFD\uFFFD');
    expect(xmlText('tab\tline\ncr\r')).toBe('tab\tline\ncr&#13;');
  });

  it("cuts a value to the schema's length in characters, never inside a surrogate pair", () => {
    expect(xmlText('😀😀😀', 2)).toBe('😀😀');
    expect(xmlText('abc', 3)).toBe('abc');
    expect(xmlText('&&&&', 2)).toBe('&amp;&amp;');
  });

  it('leaves out an optional element without a value', () => {
    expect(optEl('empID', null)).toBe('');
    expect(optEl('empID', '')).toBe('');
    expect(optEl('qnt', 0)).toBe('<qnt>0</qnt>');
  });
});
