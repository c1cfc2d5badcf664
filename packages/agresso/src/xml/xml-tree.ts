import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { AgressoDocumentError } from '../document-error';

/** An element as fast-xml-parser gives it: children by local name, text of leaves as strings. */
export type XmlNode = { [name: string]: unknown };

/** A builder for our own documents: attributes on (for xmlns), empty elements written out, indented. */
export function documentBuilder(format = true): XMLBuilder {
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, format });
}

const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };

/** Serialises one root element with an XML declaration; the builder escapes every text node. */
export function buildXml(root: XmlNode, format = true): string {
  return documentBuilder(format).build({ ...DECLARATION, ...root }).trimEnd();
}

/**
 * Parses a document into a tree of local names (namespace prefixes removed). Text is kept as
 * written, untrimmed and unconverted, so "0010" stays "0010" and a description keeps its spaces.
 * `arrays` names the elements that may repeat, so one occurrence still comes back as a list.
 */
export function parseXmlTree(xml: string, arrays: readonly string[], what: string): XmlNode {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new AgressoDocumentError(`${what} is not well-formed XML: ${verdict.err.msg} (line ${verdict.err.line})`);
  }
  const repeated = new Set(arrays);
  const parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => repeated.has(name),
  });
  return parser.parse(xml) as XmlNode;
}

/** The document's root element: its local name and content. */
export function rootElement(tree: XmlNode): { name: string; node: XmlNode } | null {
  const name = Object.keys(tree).find((key) => !key.startsWith('?') && key !== '#text');
  if (name === undefined) return null;
  return { name, node: asElement(tree[name]) };
}

// A container written with only whitespace inside parses as that whitespace; it is still an element.
function asElement(value: unknown): XmlNode {
  return typeof value === 'object' && value !== null ? (value as XmlNode) : {};
}

/** Text of a leaf child, undefined when absent. An element with children is not text. */
export function textOf(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return textOf({ [name]: value[0] }, name);
  if (typeof value === 'string') return value;
  // An empty element with a comment or processing instruction inside still has no text.
  if (typeof value === 'object' && value !== null && Object.keys(value).every((k) => k === '#text')) {
    return String((value as XmlNode)['#text'] ?? '');
  }
  throw new AgressoDocumentError(`<${name}> has child elements where text was expected`);
}

/** A child element, undefined when absent. */
export function childOf(node: XmlNode, name: string): XmlNode | undefined {
  const value = node[name];
  if (value === undefined) return undefined;
  return asElement(Array.isArray(value) ? value[0] : value);
}

/** Every child element of that name (the name must be listed in `arrays` when parsing). */
export function childrenOf(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(asElement);
}

/** Adds a namespace prefix to every element name of a tree (attributes and text untouched). */
export function qualify(prefix: string, node: XmlNode): XmlNode {
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') {
      out[key] = value;
      continue;
    }
    const qualified = (v: unknown): unknown => (typeof v === 'object' && v !== null ? qualify(prefix, v as XmlNode) : v);
    out[`${prefix}:${key}`] = Array.isArray(value) ? value.map(qualified) : qualified(value);
  }
  return out;
}
