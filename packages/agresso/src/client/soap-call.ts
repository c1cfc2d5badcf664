import { buildRequestEnvelope, readEnvelope } from '../soap/envelope';
import type { SoapOperation } from '../soap/services';
import { childOf, type XmlNode } from '../xml/xml-tree';
import { AgressoError, type AgressoErrorKind } from './agresso-error';

export interface SoapTarget {
  baseUrl: string;
  password: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface CallWording {
  /** "the import", "the customer lookup": completes "Agresso refused …". */
  subject: string;
  /** Said after a timeout or reset, when the server may have acted: "it may have queued the import anyway". */
  unknownOutcome?: string;
  /** Elements of the answer that may repeat. */
  arrays?: readonly string[];
}

/**
 * One SOAP 1.1 call: posts the envelope, waits at most timeoutMs for the whole answer, and returns
 * the operation's Result element. Every failure becomes an AgressoError of the right kind.
 */
export async function callSoap(target: SoapTarget, op: SoapOperation, content: XmlNode, wording: CallWording): Promise<XmlNode> {
  const fail = (
    kind: AgressoErrorKind,
    message: string,
    extra: { status?: number; faultCode?: string; faultString?: string; notDelivered?: boolean; cause?: unknown } = {},
  ): AgressoError =>
    new AgressoError({
      kind,
      operation: op.label,
      message: redact(message, target.password),
      ...extra,
      ...(extra.faultString !== undefined && { faultString: redact(extra.faultString, target.password) }),
    });

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, target.timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await target.fetch(`${target.baseUrl}?${op.route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: op.action },
      body: buildRequestEnvelope(op, content),
      // The body carries the password: it goes to the saved address only, never on to where a redirect points.
      redirect: 'manual',
      signal: controller.signal,
    });
    status = response.status;
    // The body is read under the same deadline: a server that sends headers and then stalls is no answer.
    text = await response.text();
  } catch (error) {
    const unknown = wording.unknownOutcome ? `; ${wording.unknownOutcome}` : '';
    if (timedOut) throw fail('timeout', `Agresso did not answer within ${seconds(target.timeoutMs)} s (${op.label})${unknown}`);
    throw fail('network', `${networkProblem(error, target.baseUrl)} (${op.label})${isReset(error) ? unknown : ''}`, {
      cause: error,
      notDelivered: neverConnected(error),
    });
  } finally {
    clearTimeout(timer);
  }

  const answer = readEnvelope(text, wording.arrays);
  if (answer.kind === 'fault') {
    throw fail('fault', `Agresso refused ${wording.subject}: ${answer.faultString || '(no reason given)'}`, {
      status,
      faultCode: answer.faultCode,
      faultString: answer.faultString,
    });
  }
  if (status < 200 || status > 299) {
    const hint =
      status >= 500 ? '' : status >= 300 && status < 400 ? '; it redirects elsewhere, and the password is not sent on: save the address it points to' : status === 404 ? '; check the service URL' : status === 401 || status === 403 ? '; check the server’s access settings' : '';
    throw fail('http', `Agresso answered HTTP ${status} without a SOAP fault (${op.label})${hint}`, { status });
  }
  if (answer.kind !== 'body') throw fail('protocol', `Agresso answered ${op.label} with something that is not a SOAP envelope`, { status });
  const result = childOf(childOf(answer.body, `${op.action}Response`) ?? {}, `${op.action}Result`);
  if (!result) throw fail('protocol', `Agresso's answer to ${op.label} has no ${op.action}Result`, { status });
  return result;
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/** A server that echoes its input in an error must not carry the password into our logs. */
export function redact(text: string, secret: string): string {
  // Very short secrets would blank out ordinary words; they are not worth protecting this way.
  return secret.length >= 4 ? text.split(secret).join('***') : text;
}

function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

function isReset(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
}

/** Refused or unresolvable: no byte of the request reached the server. */
function neverConnected(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

function networkProblem(error: unknown, baseUrl: string): string {
  const code = errorCode(error);
  let where = baseUrl;
  try {
    where = new URL(baseUrl).origin;
  } catch {
    // An unparseable URL is reported as given.
  }
  if (isReset(error)) return 'The connection to Agresso was reset before it answered';
  if (code === 'ECONNREFUSED') return `Could not connect to Agresso at ${where}: connection refused`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Could not find the Agresso server ${where}`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `Could not connect to Agresso at ${where}: connecting timed out`;
  return `The call to Agresso at ${where} failed before it answered (${code ?? (error instanceof Error ? error.message : 'unknown error')})`;
}
