import { EXECUTE_SERVER_PROCESS, GET_CUSTOMERS, GET_TEMPLATE_RESULT } from '../soap/services';
import { childOf, childrenOf, parseXmlTree, rootElement, textOf, type XmlNode } from '../xml/xml-tree';
import { AgressoError } from './agresso-error';
import { callSoap, redact, type SoapTarget } from './soap-call';

export interface AgressoConnection {
  /** e.g. http://127.0.0.1:8090/BusinessWorld-webservices/service.svc */
  baseUrl: string;
  username: string;
  client: string;
  password: string;
  /** Default 30 000; every call is aborted after it. */
  timeoutMs?: number;
}

export interface AgressoCustomer {
  customerId: string;
  externalReference: string | null;
  name: string;
  companyCode: string;
}

export interface AgressoClient {
  executeServerProcess(input: { serverProcessId: 'GL07' | 'CS15'; menuId: string; variant: number; xml: string }): Promise<{ orderNumber: number }>;
  getCustomers(filter: { company: string; externalReference?: string; customerId?: string }): Promise<AgressoCustomer[]>;
  getTemplateResult(input: { templateId: number; criteria: { column: string; value: string }[] }): Promise<Record<string, string>[]>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A client for the SOAP services of an on-premise Business World. Credentials go in every body, as the services expect. */
export function createAgressoClient(connection: AgressoConnection, options: { fetch?: typeof fetch } = {}): AgressoClient {
  const target: SoapTarget = {
    baseUrl: connection.baseUrl,
    password: connection.password,
    timeoutMs: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const credentials = { Username: connection.username, Client: connection.client, Password: connection.password };

  return {
    async executeServerProcess(input) {
      const result = await callSoap(
        target,
        EXECUTE_SERVER_PROCESS,
        {
          input: { ServerProcessId: input.serverProcessId, MenuId: input.menuId, Variant: String(input.variant), Xml: input.xml },
          credentials,
        },
        { subject: 'the import', unknownOutcome: 'it may have queued the import anyway, so ask before sending it again' },
      );
      const text = (textOf(result, 'OrderNumber') ?? '').trim();
      // Real integrations take a numeric OrderNumber as "accepted"; anything else means we do not know what happened.
      if (!/^\d{1,15}$/.test(text)) {
        throw new AgressoError({
          kind: 'protocol',
          operation: EXECUTE_SERVER_PROCESS.label,
          message: redact(`Agresso answered the import without a numeric OrderNumber (got "${text.slice(0, 40)}")`, connection.password),
        });
      }
      return { orderNumber: Number(text) };
    },

    async getCustomers(filter) {
      const result = await callSoap(
        target,
        GET_CUSTOMERS,
        {
          customerObject: {
            ...(filter.externalReference !== undefined && { ExternalReference: filter.externalReference }),
            ...(filter.customerId !== undefined && { CustomerID: filter.customerId }),
            Company: filter.company,
          },
          customerDetailsOnly: 'true',
          credentials,
        },
        { subject: 'the customer lookup', arrays: ['CustomerObject'] },
      );
      return childrenOf(childOf(result, 'CustomerTypeList') ?? {}, 'CustomerObject').map((c) => ({
        customerId: textOf(c, 'CustomerID') ?? '',
        name: textOf(c, 'Name') ?? '',
        externalReference: textOf(c, 'ExternalReference') || null,
        companyCode: textOf(c, 'Company') ?? filter.company,
      }));
    },

    async getTemplateResult(input) {
      const result = await callSoap(
        target,
        GET_TEMPLATE_RESULT,
        {
          input: {
            TemplateId: String(input.templateId),
            TemplateResultOptions: { ShowDescriptions: 'false' },
            SearchCriteriaPropertiesList: {
              SearchCriteriaProperties: input.criteria.map((c) => ({
                ColumnName: c.column,
                RestrictionType: '=',
                FromValue: c.value,
                // 10 = string; the other settings make the criterion a plain, visible, non-prompted filter.
                DataType: '10',
                DataLength: '25',
                DataCase: '0',
                IsParameter: 'true',
                IsVisible: 'true',
                IsPrompt: 'false',
              })),
            },
          },
          credentials,
        },
        { subject: 'the query' },
      );
      const fail = (message: string, kind: 'fault' | 'protocol', status?: string): AgressoError =>
        new AgressoError({
          kind,
          operation: GET_TEMPLATE_RESULT.label,
          message: redact(message, connection.password),
          ...(status !== undefined && { faultString: redact(status, connection.password) }),
        });
      const returnCode = (textOf(result, 'ReturnCode') ?? '0').trim();
      const status = (textOf(result, 'Status') ?? '').trim();
      // The query engine reports a template it cannot run in ReturnCode/Status, not as a SOAP fault.
      if (returnCode !== '0') throw fail(`Agresso refused the query: ${status || `return code ${returnCode}`}`, 'fault', status);
      return templateRows(textOf(result, 'TemplateResult') ?? '', (message) => fail(message, 'protocol'));
    },
  };
}

/** TemplateResult is a document of its own, sent as text: <Agresso><AgressoQE><col>value</col>…</AgressoQE>…</Agresso>. */
function templateRows(xml: string, fail: (message: string) => Error): Record<string, string>[] {
  if (xml.trim() === '') return [];
  let tree: XmlNode;
  try {
    tree = parseXmlTree(xml, ['AgressoQE'], 'TemplateResult');
  } catch (error) {
    throw fail(`Agresso's TemplateResult could not be read: ${(error as Error).message}`);
  }
  const root = rootElement(tree);
  if (root?.name !== 'Agresso') throw fail(`Agresso's TemplateResult has root <${root?.name ?? 'nothing'}>, expected <Agresso>`);
  return childrenOf(root.node, 'AgressoQE').map((row) => {
    const record: Record<string, string> = {};
    for (const [column, value] of Object.entries(row)) {
      if (column === '#text') continue;
      record[column] = typeof value === 'string' ? value.trim() : '';
    }
    return record;
  });
}
