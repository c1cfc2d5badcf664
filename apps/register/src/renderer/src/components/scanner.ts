import { useEffect, useRef } from 'react';

/** A barcode scanner is a keyboard that types a whole code within a few milliseconds per key, then Enter. */
export const SCAN_MAX_INTERVAL_MS = 35;
export const SCAN_MIN_LENGTH = 4;

/**
 * The clock the scanner times keys with: when each key arrived (the event's timeStamp), not when the
 * page got round to it, so a busy page (the first digit's search rendering) cannot split one burst into
 * two and lose its first digits. Tests replace it so a loaded machine cannot make a burst look slow.
 */
export const scannerClock = { now: (event?: Event): number => event?.timeStamp ?? performance.now() };

/** When the last two printable keys came, for `typingAtScannerSpeed`. */
const recentKeys = { previous: -Infinity, last: -Infinity };

/**
 * True when the last key came faster after the one before than a person types (a scanner's burst under
 * way): a field that searches as it is typed in waits for the burst to end instead of searching each
 * digit of a barcode. Judged by when the keys arrived, not by the time now, which a busy page is late for.
 */
export function typingAtScannerSpeed(): boolean {
  return recentKeys.last - recentKeys.previous <= SCAN_MAX_INTERVAL_MS;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;
const isEditable = (el: Element | null): el is Editable => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

/** Sets an input's value the way typing does, so React's onChange sees it. */
function restoreValue(el: Editable, value: string): void {
  const proto = el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Catches scans wherever focus is. Keys that arrive faster than a person types and end with Enter
 * are a barcode: the Enter is swallowed, whatever input the burst landed in gets its text back, and
 * `onScan` receives the code. Anything slower is ordinary typing and is left alone.
 */
export function useBarcodeScanner(onScan: (code: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    let code = '';
    let last = -Infinity;
    let target: Editable | null = null;
    let valueBefore = '';
    const onKey = (event: KeyboardEvent) => {
      const t = scannerClock.now(event);
      const fast = t - last <= SCAN_MAX_INTERVAL_MS;
      if (event.key === 'Enter') {
        if (fast && code.length >= SCAN_MIN_LENGTH) {
          event.preventDefault();
          event.stopImmediatePropagation();
          if (target && target.value !== valueBefore) restoreValue(target, valueBefore);
          handler.current(code);
        }
        code = '';
        last = -Infinity;
        return;
      }
      if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!fast) {
        // A new burst begins: remember where it lands and what that field held before it.
        code = '';
        const active = document.activeElement;
        target = isEditable(active) ? active : null;
        valueBefore = target?.value ?? '';
      }
      code += event.key;
      last = t;
      recentKeys.previous = recentKeys.last;
      recentKeys.last = t;
    };
    // Capture phase: the scanner is seen before any input or shortcut reacts to its Enter.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
