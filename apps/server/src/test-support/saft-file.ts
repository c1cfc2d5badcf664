// Reading a SAF-T Cash Register file in tests: Skatteetaten's schema and example, structure, and its signatures.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The fields of each cashtransaction as the file gives them, in file order. */
export function transactionsIn(xml: string) {
  return [...xml.matchAll(/<cashtransaction>([\s\S]*?)<\/cashtransaction>/g)].map(([, body]) => {
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body!)?.[1] ?? '';
    return { nr: field('nr'), transType: field('transType'), date: field('transDate'), time: field('transTime'), amntIn: field('transAmntIn'), amntEx: field('transAmntEx'), signature: field('signature'), keyVersion: field('keyVersion') };
  });
}

/** Skatteetaten's check, done with openssl: each signature over `previous;transDate;transTime;nr;transAmntIn;transAmntEx` from the file. */
export function opensslFailures(publicKeyPem: string, txs: ReturnType<typeof transactionsIn>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nota-saft-'));
  try {
    writeFileSync(join(dir, 'pub.pem'), publicKeyPem);
    const failed: string[] = [];
    let previous = '0';
    for (const tx of txs) {
      writeFileSync(join(dir, 'text'), `${previous};${tx.date};${tx.time};${tx.nr};${tx.amntIn};${tx.amntEx}`);
      writeFileSync(join(dir, 'sig'), Buffer.from(tx.signature, 'base64'));
      try {
        execFileSync('openssl', ['dgst', '-sha1', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'text')], { stdio: 'pipe' });
      } catch {
        failed.push(tx.nr);
      }
      previous = tx.signature;
    }
    return failed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
