import { isIPv4 } from 'node:net';

/**
 * The Agresso password travels in every SOAP body, so it may only go where nobody on the way can
 * read it: https, or this machine itself (the simulator runs on loopback over plain http).
 */
export function isLoopbackHost(hostname: string): boolean {
  // WHATWG URL parsing has already normalised 127.1, 0x7f000001 and the like to dotted form.
  if (hostname === 'localhost') return true;
  if (hostname === '[::1]' || hostname === '::1') return true;
  return isIPv4(hostname) && hostname.startsWith('127.');
}

/** Why the password must not be sent to this address, or null when it may. */
export function insecureAddressProblem(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `The Agresso address '${baseUrl}' is not a URL.`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return (
    `The Agresso address must use https: the password is sent with every call, and over ${url.protocol.replace(':', '')} ` +
    `anyone between this server and ${url.hostname} could read it. Plain http is allowed only on this machine (localhost, 127.0.0.1, ::1).`
  );
}

/** The parts of a connection the password belongs to: change any of them and the password must be given again. */
export function sameAccount(a: { baseUrl: string; username: string; client: string }, b: { baseUrl: string; username: string; client: string }): boolean {
  return normalUrl(a.baseUrl) === normalUrl(b.baseUrl) && a.username === b.username && a.client === b.client;
}

function normalUrl(text: string): string {
  try {
    return new URL(text).href;
  } catch {
    return text;
  }
}
