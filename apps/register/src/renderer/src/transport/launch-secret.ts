const KEY = 'nota.launch-secret';

/**
 * The browser shell's launch secret arrives in the address's fragment (`#secret=...`, never sent to
 * a server). It moves to sessionStorage, so a reload keeps working, and leaves the address bar, so
 * it is not in the history or a bookmark.
 */
export function takeLaunchSecret(location: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get('secret');
  if (fromAddress) {
    storage.setItem(KEY, fromAddress);
    window.history.replaceState(null, '', location.pathname + location.search);
    return fromAddress;
  }
  return storage.getItem(KEY);
}
