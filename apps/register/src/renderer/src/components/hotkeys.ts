import { useEffect, useRef } from 'react';

/**
 * Till shortcuts, documented on screen next to each button. Function keys work wherever focus is;
 * `mod+Enter` is Ctrl+Enter (completes the payment on screen).
 */
export function useHotkeys(bindings: Record<string, (() => void) | undefined | false>, enabled = true): void {
  const ref = useRef(bindings);
  ref.current = bindings;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const name = `${event.ctrlKey || event.metaKey ? 'mod+' : ''}${event.key}`;
      const action = ref.current[name];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
