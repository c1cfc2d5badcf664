import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

// jsdom lays nothing out, so a virtualised list would see no room and show no rows. Give listboxes the
// height of a till's list and their options the height of a row, as Chromium would.
const role = (el: Element) => el.getAttribute('role');
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: function (this: HTMLElement) { return role(this) === 'listbox' ? 520 : 0; } });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: function (this: HTMLElement) { return role(this) === 'listbox' ? 600 : 0; } });
// A virtualised listbox is as tall as all its rows (its --rows-height); another, as the rows in it.
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get: function (this: HTMLElement) {
    if (role(this) !== 'listbox') return 0;
    return parseFloat(this.style.getPropertyValue('--rows-height')) || this.querySelectorAll('[role="option"]').length * 52;
  },
});
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: function (this: HTMLElement) { return role(this) === 'option' ? 52 : 0; } });
// Nor does it scroll: scrolling an element moves it and says so, as a browser does.
Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
  const top = typeof options === 'object' ? options.top : undefined;
  if (top !== undefined) this.scrollTop = top;
  this.dispatchEvent(new Event('scroll'));
} as Element['scrollTo'];
