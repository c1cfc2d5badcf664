import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';

/** Skatteetaten's reference material, next to the repository (../shared), read in place. */
export const SAFT_REFERENCE_DIR = fileURLToPath(new URL('../../../../../shared/reference/saft-cash-register/', import.meta.url));
export const SAFT_XSD = `${SAFT_REFERENCE_DIR}Norwegian_SAF-T_Cash_Register_Schema_v_1.00.xsd`;
export const SAFT_EXAMPLE = `${SAFT_REFERENCE_DIR}example-cash-register.xml`;

/** Every problem libxml2 finds validating `xml` against the SAF-T Cash Register schema; [] when valid. */
export function saftSchemaProblems(xml: string): string[] {
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(SAFT_XSD), { url: SAFT_XSD });
  const validator = XsdValidator.fromDoc(schemaDoc);
  let doc: XmlDocument | null = null;
  try {
    doc = XmlDocument.fromString(xml);
    validator.validate(doc);
    return [];
  } catch (error) {
    if (error instanceof XmlValidateError) return error.details.map((d) => `line ${d.line}: ${d.message.trim()}`);
    return [String(error)];
  } finally {
    doc?.dispose();
    validator.dispose();
    schemaDoc.dispose();
  }
}

/** Every element path in a document (`auditfile/company/location/name`), for comparing structure. */
export function elementPaths(xml: string): Set<string> {
  const paths = new Set<string>();
  const stack: string[] = [];
  for (const [, close, name, , selfClose] of xml.matchAll(/<(\/?)([A-Za-z][\w.:-]*)((?:\s[^>]*?)?)(\/?)>/g)) {
    if (close) {
      stack.pop();
      continue;
    }
    stack.push(name!);
    paths.add(stack.join('/'));
    if (selfClose) stack.pop();
  }
  return paths;
}
