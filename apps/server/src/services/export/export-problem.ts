/**
 * Why an export step stopped:
 *  - retry: a passing fault (Agresso unreachable, timed out, 5xx); tried again with backoff;
 *  - failed: Agresso or the data said no; waits for a person, with the reason;
 *  - blocked: our own configuration is missing (mapping, connection); resumes by itself once saved.
 */
export class ExportProblem extends Error {
  constructor(
    readonly kind: 'retry' | 'failed' | 'blocked',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExportProblem';
  }
}
