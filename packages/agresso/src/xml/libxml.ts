import { XmlDocument, XmlParseError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

let fsRegistered = false;

/** Lets libxml2 follow xs:import/xs:include to files next to a schema. Registering twice would stack providers. */
export function registerFsOnce(): void {
  if (fsRegistered) return;
  xmlRegisterFsInputProviders();
  fsRegistered = true;
}

export interface XmlProblem {
  message: string;
  line: number;
  xpath: string | null;
}

/** libxml2's diagnostics end in a newline and may span lines; one line reads better in a fault. */
export function problemFrom(detail: { message: string; line: number; xpath?: string }): XmlProblem {
  return { message: detail.message.trim().replace(/\s+/g, ' '), line: detail.line, xpath: detail.xpath ?? null };
}

/**
 * Parses with libxml2 and hands the document to `use`, disposing it afterwards (it lives in wasm
 * memory, which the garbage collector does not see). A document that is not well-formed comes back
 * as its first problem instead.
 */
export function withXmlDocument<T>(xml: string, use: (doc: XmlDocument) => T): { ok: true; value: T } | { ok: false; problem: XmlProblem } {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml);
  } catch (error) {
    if (error instanceof XmlParseError) {
      const first = error.details[0];
      return { ok: false, problem: first ? problemFrom(first) : { message: error.message, line: 0, xpath: null } };
    }
    throw error;
  }
  try {
    return { ok: true, value: use(doc) };
  } finally {
    doc.dispose();
  }
}
