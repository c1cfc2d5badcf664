/** A refusal the simulator answers with a SOAP Fault (HTTP 500), as WCF does. */
export class SoapFault extends Error {
  constructor(
    /** s:Client when the request is at fault, s:Server when the server is. */
    readonly faultCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SoapFault';
  }
}

export const ACCESS_DENIED = 'Access denied: invalid username, client or password';

/** What a busy SQL Server behind Agresso says now and then; the default for an injected fault. */
export const DEFAULT_INJECTED_FAULT =
  'Transaction (Process ID 53) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.';
