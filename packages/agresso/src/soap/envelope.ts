import { buildXml, childOf, parseXmlTree, qualify, rootElement, textOf, type XmlNode } from '../xml/xml-tree';
import { SOAP_ENVELOPE_NAMESPACE, type SoapOperation } from './services';

/** A request envelope: the operation element with `content` inside, all in the operation's namespace. */
export function buildRequestEnvelope(op: SoapOperation, content: XmlNode): string {
  return buildXml(
    {
      'soapenv:Envelope': {
        '@_xmlns:soapenv': SOAP_ENVELOPE_NAMESPACE,
        [`@_xmlns:${op.prefix}`]: op.namespace,
        'soapenv:Header': '',
        'soapenv:Body': { [`${op.prefix}:${op.action}`]: qualify(op.prefix, content) },
      },
    },
    false,
  );
}

/** A response envelope as WCF writes it: the response element declares its namespace as the default. */
export function buildResponseEnvelope(op: SoapOperation, result: XmlNode): string {
  return buildXml(
    {
      's:Envelope': {
        '@_xmlns:s': SOAP_ENVELOPE_NAMESPACE,
        's:Body': {
          [`${op.action}Response`]: { '@_xmlns': op.namespace, [`${op.action}Result`]: result },
        },
      },
    },
    false,
  );
}

export function buildFaultEnvelope(faultCode: string, faultString: string): string {
  return buildXml(
    {
      's:Envelope': {
        '@_xmlns:s': SOAP_ENVELOPE_NAMESPACE,
        's:Body': {
          's:Fault': {
            // WCF's addressing faults use the a: prefix; it must be declared for the QName to mean anything.
            ...(faultCode.startsWith('a:') && { '@_xmlns:a': 'http://schemas.microsoft.com/ws/2005/05/addressing/none' }),
            faultcode: faultCode,
            faultstring: { '@_xml:lang': 'en-US', '#text': faultString },
          },
        },
      },
    },
    false,
  );
}

export type ReadEnvelope =
  | { kind: 'body'; body: XmlNode }
  | { kind: 'fault'; faultCode: string; faultString: string }
  /** Not a SOAP envelope at all (an HTML error page, a proxy's text, nothing). */
  | { kind: 'other' };

/** Reads an answer: its Body, or the Fault in it. Repeated elements the callers need are listed in `arrays`. */
export function readEnvelope(xml: string, arrays: readonly string[] = []): ReadEnvelope {
  let tree: XmlNode;
  try {
    tree = parseXmlTree(xml, arrays, 'The answer');
  } catch {
    return { kind: 'other' };
  }
  const root = rootElement(tree);
  const body = root?.name === 'Envelope' ? childOf(root.node, 'Body') : undefined;
  if (!body) return { kind: 'other' };
  const fault = childOf(body, 'Fault');
  if (fault) {
    // faultstring carries xml:lang; attributes are ignored when parsing, so it reads as plain text.
    return { kind: 'fault', faultCode: (textOf(fault, 'faultcode') ?? '').trim(), faultString: (textOf(fault, 'faultstring') ?? '').trim() };
  }
  return { kind: 'body', body };
}

