import { classifyFault, type FaultVerdict } from './fault-rules';

export type AgressoErrorKind = 'fault' | 'http' | 'timeout' | 'network' | 'protocol';

export interface AgressoErrorInit {
  kind: AgressoErrorKind;
  operation: string;
  message: string;
  status?: number;
  faultCode?: string;
  faultString?: string;
  /** The request never reached the server (refused, name not found): nothing can have happened there. */
  notDelivered?: boolean;
  cause?: unknown;
}

/**
 * A failed call to Agresso. The message is for people (back office, logs) and never holds the
 * password or the request body.
 */
export class AgressoError extends Error {
  readonly kind: AgressoErrorKind;
  /**
   * Whether the condition passes by itself and the call may be retried (FAULT_RULES decides:
   * transport, timeouts, 5xx, and SOAP faults for deadlocks, timeouts, unavailability, maintenance).
   * A retry of a call whose outcome is unknown must still ask before sending again.
   */
  readonly transient: boolean;
  /** The fault table's verdict: code, class and the reason in a bookkeeper's words. */
  readonly verdict: FaultVerdict;
  /**
   * true when Agresso certainly did not act on the request: it refused it (a SOAP fault, an HTTP 4xx)
   * or it never got it (connection refused). Everything else (a timeout, a reset, a 5xx, an answer
   * that cannot be read) leaves the outcome unknown: ask before sending again.
   */
  readonly outcomeKnown: boolean;
  readonly status?: number;
  readonly faultCode?: string;
  readonly faultString?: string;
  /** e.g. 'ImportService.ExecuteServerProcessAsynchronously' */
  readonly operation: string;

  constructor(init: AgressoErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AgressoError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.verdict = classifyFault({
      source: init.kind,
      text: init.faultString ?? init.message,
      ...(init.status !== undefined && { status: init.status }),
    });
    this.transient = this.verdict.transient;
    this.outcomeKnown =
      init.kind === 'fault' || (init.kind === 'http' && (init.status ?? 0) < 500) || (init.kind === 'network' && init.notDelivered === true);
    if (init.status !== undefined) this.status = init.status;
    if (init.faultCode !== undefined) this.faultCode = init.faultCode;
    if (init.faultString !== undefined) this.faultString = init.faultString;
  }
}
