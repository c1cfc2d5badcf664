/** An import document that cannot be written or read as asked; the message names the field and the rule. */
export class AgressoDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgressoDocumentError';
  }
}
