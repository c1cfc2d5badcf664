import { XmlElement } from 'libxml2-wasm';
import { buildFaultEnvelope, buildResponseEnvelope, readEnvelope } from '../soap/envelope';
import { EXECUTE_SERVER_PROCESS, GET_CUSTOMERS, GET_TEMPLATE_RESULT, OPERATIONS, SOAP_ENVELOPE_NAMESPACE, type SoapOperation } from '../soap/services';
import { withXmlDocument } from '../xml/libxml';
import { childOf } from '../xml/xml-tree';
import { executeServerProcess, getCustomers, getTemplateResult, type Operation, type OperationContext } from './operations';
import { SoapFault } from './soap-fault';

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

const HANDLERS = new Map<SoapOperation, Operation>([
  [EXECUTE_SERVER_PROCESS, executeServerProcess],
  [GET_CUSTOMERS, getCustomers],
  [GET_TEMPLATE_RESULT, getTemplateResult],
]);

const XML = 'text/xml; charset=utf-8';

/** The operation a `service.svc?…` query string routes to. */
export function routeOf(query: string): SoapOperation | undefined {
  return OPERATIONS.find((op) => op.route === query);
}

export function faultReply(faultCode: string, faultString: string): HttpReply {
  return { status: 500, contentType: XML, body: buildFaultEnvelope(faultCode, faultString) };
}

/** A SOAP POST as WCF handles it: content type, SOAPAction, envelope, operation element, then the operation. */
export function handleSoapRequest(
  request: { query: string; contentType: string | undefined; soapAction: string | undefined; body: string },
  ctx: OperationContext,
): HttpReply {
  const contentType = request.contentType ?? '';
  if (!/^text\/xml\b/i.test(contentType)) {
    return {
      status: 415,
      contentType: 'text/plain; charset=utf-8',
      body: `Cannot process the message because the content type '${contentType}' was not the expected type '${XML}'.`,
    };
  }
  const op = routeOf(request.query);
  try {
    if (!op) throw new SoapFault('s:Client', `There is no service at '?${request.query}'. Known: ${OPERATIONS.map((o) => `?${o.route}`).join(', ')}`);
    // SOAPAction may be quoted and may be the full action URI; WCF dispatches on its last segment.
    const action = (request.soapAction ?? '').replace(/^"|"$/g, '').split('/').pop() ?? '';
    if (action !== op.action) {
      throw new SoapFault(
        'a:ActionNotSupported',
        `The message with Action '${request.soapAction ?? ''}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher.`,
      );
    }
    checkEnvelope(request.body, op);
    const envelope = readEnvelope(request.body, ['SearchCriteriaProperties']);
    const operation = envelope.kind === 'body' ? childOf(envelope.body, op.action) : undefined;
    if (!operation) throw new SoapFault('s:Client', `The request has no ${op.action} element in its Body`);
    const result = HANDLERS.get(op)!(operation, ctx);
    return { status: 200, contentType: XML, body: buildResponseEnvelope(op, result) };
  } catch (error) {
    if (error instanceof SoapFault) return faultReply(error.faultCode, error.message);
    return faultReply('s:Server', `The server was unable to process the request due to an internal error: ${(error as Error).message}`);
  }
}

/** Namespaces matter to WCF: an operation element in the wrong namespace is not the operation. */
function checkEnvelope(xml: string, op: SoapOperation): void {
  const checked = withXmlDocument(xml, (doc) => {
    const root = doc.root;
    if (root.name !== 'Envelope' || root.namespaceUri !== SOAP_ENVELOPE_NAMESPACE) {
      throw new SoapFault('s:VersionMismatch', `Expected a SOAP 1.1 Envelope in namespace ${SOAP_ENVELOPE_NAMESPACE}`);
    }
    const first = doc.get('/s:Envelope/s:Body/*[1]', { s: SOAP_ENVELOPE_NAMESPACE });
    if (!(first instanceof XmlElement) || first.name !== op.action || first.namespaceUri !== op.namespace) {
      const found = first instanceof XmlElement ? `{${first.namespaceUri}}${first.name}` : 'nothing';
      throw new SoapFault('s:Client', `Expected {${op.namespace}}${op.action} in the SOAP Body, found ${found}`);
    }
  });
  if (!checked.ok) throw new SoapFault('s:Client', `The request is not well-formed XML: line ${checked.problem.line}: ${checked.problem.message}`);
}
