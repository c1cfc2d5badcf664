/**
 * Why an export step stopped, beyond the passing faults that are simply retried:
 *  - failed: Agresso or the data said no; waits for a person, with the reason;
 *  - blocked: our own configuration is missing (mapping, connection); resumes by itself once saved.
 */
export class ExportProblem extends Error {
  constructor(
    readonly kind: 'failed' | 'blocked',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExportProblem';
  }
}
