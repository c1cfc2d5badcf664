import { readGl07, type RawGl07 } from '../gl07/gl07-read';
import type { Gl07Schema } from '../gl07/gl07-schema';
import { GL07_NAMESPACE } from '../gl07/gl07-types';
import { withXmlDocument } from '../xml/libxml';

const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

/**
 * What ImportService checks before it queues a GL07 order: the document is XML and, with the schema
 * at hand, valid against it; without the schema, the structure the schema demands. What is left to
 * judge (balance, customers, tax codes) is GL07's job when the order runs.
 */
export function checkGl07AtReceipt(xml: string, schema: Gl07Schema | null): { ok: true; raw: RawGl07 } | { ok: false; reason: string } {
  const parsed = withXmlDocument(xml, (doc) => ({ name: doc.root.name, namespace: doc.root.namespaceUri }));
  if (!parsed.ok) return { ok: false, reason: `The Xml is not well-formed: line ${parsed.problem.line}: ${parsed.problem.message}` };

  if (schema) {
    const [first] = schema.validate(xml);
    if (first) {
      return { ok: false, reason: `The Xml does not validate against ABWTransaction.xsd: line ${first.line}${first.xpath ? ` (${first.xpath})` : ''}: ${first.message}` };
    }
  } else if (parsed.value.name !== 'ABWTransaction' || parsed.value.namespace !== GL07_NAMESPACE) {
    return { ok: false, reason: `The Xml is not a GL07 document: expected {${GL07_NAMESPACE}}ABWTransaction, got {${parsed.value.namespace}}${parsed.value.name}` };
  }

  let raw: RawGl07;
  try {
    raw = readGl07(xml);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const problem = schema ? null : structuralProblem(raw);
  return problem ? { ok: false, reason: `The Xml is not a valid GL07 document: ${problem}` } : { ok: true, raw };
}

/** The parts of the schema that matter most, for when the XSD itself is not available. */
function structuralProblem(raw: RawGl07): string | null {
  if (raw.interface === undefined) return 'Interface is missing';
  if (raw.batchId === undefined) return 'BatchId is missing';
  if (raw.batchId.length > 25) return `BatchId is longer than 25 characters: "${raw.batchId}"`;
  if (raw.vouchers.length === 0) return 'there is no Voucher';
  for (const [i, v] of raw.vouchers.entries()) {
    if (v.companyCode === undefined) return `Voucher ${i + 1} has no CompanyCode`;
    if (v.transactions.length === 0) return `Voucher ${i + 1} has no Transaction`;
    for (const [j, t] of v.transactions.entries()) {
      for (const [field, value] of [
        ['Amount', t.amount],
        ['CurrAmount', t.currAmount],
        ['BaseAmount', t.taxTransInfo?.baseAmount],
        ['BaseCurr', t.taxTransInfo?.baseCurr],
      ] as const) {
        if (value !== undefined && !DECIMAL.test(value)) return `Voucher ${i + 1}, transaction ${j + 1}: ${field} "${value}" is not a decimal`;
      }
    }
  }
  return null;
}
