import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { problemFrom, registerFsOnce, withXmlDocument, type XmlProblem } from '../xml/libxml';

export const GL07_SCHEMA_FILE = 'ABWTransaction.local.xsd';

/** Unit4's GL07 schema, compiled once (about 100 ms) and then used for many documents (a few ms each). */
export interface Gl07Schema {
  /** Every problem libxml2 reports, first one first; empty when the document is valid. */
  validate(xml: string): XmlProblem[];
  dispose(): void;
}

/** Compiles ABWTransaction.local.xsd from `dir` (its xs:import of ABWSchemaLib.xsd resolves next to it). */
export function loadGl07Schema(dir: string): Gl07Schema {
  registerFsOnce();
  const path = join(dir, GL07_SCHEMA_FILE);
  // The url lets libxml2 find the imported ABWSchemaLib.xsd relative to the schema.
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(path), { url: path });
  let validator: XsdValidator;
  try {
    validator = XsdValidator.fromDoc(schemaDoc);
  } catch (error) {
    schemaDoc.dispose();
    throw error;
  }
  return {
    validate(xml) {
      const result = withXmlDocument(xml, (doc) => {
        try {
          validator.validate(doc);
          return [];
        } catch (error) {
          if (error instanceof XmlValidateError) return error.details.map(problemFrom);
          throw error;
        }
      });
      return result.ok ? result.value : [result.problem];
    },
    dispose() {
      validator.dispose();
      schemaDoc.dispose();
    },
  };
}
