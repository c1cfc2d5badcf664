import { parseCs15Xml } from '../cs15/cs15-parse';
import type { Cs15Customer } from '../cs15/cs15-types';
import type { Gl07Schema } from '../gl07/gl07-schema';
import { childOf, childrenOf, buildXml, textOf, type XmlNode } from '../xml/xml-tree';
import type { CustomerBook } from './customer-book';
import { checkGl07AtReceipt } from './gl07-intake';
import type { Ledger, VoucherRow } from './ledger';
import { ACCESS_DENIED, SoapFault } from './soap-fault';

export interface OperationContext {
  username: string;
  client: string;
  password: string;
  schema: Gl07Schema | null;
  confirmationTemplateId: number;
  ledger: Ledger;
  customers: CustomerBook;
}

/** One SOAP operation: the operation element of the request in, the content of its Result element out. */
export type Operation = (request: XmlNode, ctx: OperationContext) => XmlNode;

/** Credentials travel in the body; Agresso user ids are not case-sensitive, client and password are. */
function authenticate(request: XmlNode, ctx: OperationContext): void {
  const credentials = childOf(request, 'credentials') ?? {};
  const ok =
    (textOf(credentials, 'Username') ?? '').toUpperCase() === ctx.username.toUpperCase() &&
    textOf(credentials, 'Client') === ctx.client &&
    textOf(credentials, 'Password') === ctx.password;
  if (!ok) throw new SoapFault('s:Client', ACCESS_DENIED);
}

export const executeServerProcess: Operation = (request, ctx) => {
  authenticate(request, ctx);
  const input = childOf(request, 'input') ?? {};
  const processId = (textOf(input, 'ServerProcessId') ?? '').trim();
  const variantText = (textOf(input, 'Variant') ?? '').trim();
  const xml = textOf(input, 'Xml') ?? '';
  if (processId !== 'GL07' && processId !== 'CS15') throw new SoapFault('s:Client', `Server process '${processId}' does not exist`);
  if (!(textOf(input, 'MenuId') ?? '').trim()) throw new SoapFault('s:Client', `MenuId is required to order ${processId}`);
  if (!/^-?\d+$/.test(variantText)) throw new SoapFault('s:Client', `Variant must be a whole number, got '${variantText}'`);
  if (!xml.trim()) throw new SoapFault('s:Client', `No Xml was given to ${processId}`);
  const variant = Number(variantText);

  if (processId === 'GL07') {
    const intake = checkGl07AtReceipt(xml, ctx.schema);
    if (!intake.ok) throw new SoapFault('s:Client', intake.reason);
    return { OrderNumber: String(ctx.ledger.receive({ variant, document: xml, content: { processId, raw: intake.raw } }).orderNumber) };
  }
  let customers: Cs15Customer[];
  try {
    customers = parseCs15Xml(xml);
  } catch (error) {
    throw new SoapFault('s:Client', (error as Error).message);
  }
  return { OrderNumber: String(ctx.ledger.receive({ variant, document: xml, content: { processId, customers } }).orderNumber) };
};

export const getCustomers: Operation = (request, ctx) => {
  authenticate(request, ctx);
  const query = childOf(request, 'customerObject') ?? {};
  // A blank filter is no filter, as in Agresso's own search fields.
  const given = (name: string): string | undefined => (textOf(query, name) ?? '').trim() || undefined;
  const externalReference = given('ExternalReference');
  const customerId = given('CustomerID');
  const found = ctx.customers.find(given('Company') ?? ctx.client, {
    ...(externalReference !== undefined && { externalReference }),
    ...(customerId !== undefined && { customerId }),
  });
  const objects = found.map((c) => ({ CustomerID: c.customerId, Name: c.name, ExternalReference: c.externalReference ?? '', Company: c.companyCode }));
  return { CustomerTypeList: objects.length > 0 ? { CustomerObject: objects } : '' };
};

const TEMPLATE_COLUMNS: readonly (keyof VoucherRow)[] = ['batch_id', 'order_id', 'voucher_no', 'apar_id', 'ext_inv_ref', 'status', 'error_msg'];

/**
 * The query engine answers a template it cannot run with a non-zero ReturnCode and a Status text,
 * not with a SOAP fault; only bad credentials are a fault.
 */
export const getTemplateResult: Operation = (request, ctx) => {
  authenticate(request, ctx);
  const input = childOf(request, 'input') ?? {};
  const templateId = (textOf(input, 'TemplateId') ?? '').trim();
  const refuse = (status: string): XmlNode => ({ ReturnCode: '-1', Status: status, TemplateResult: '' });
  if (templateId !== String(ctx.confirmationTemplateId)) return refuse(`Template ${templateId} does not exist or you have no access to it`);

  const criteria = childrenOf(childOf(input, 'SearchCriteriaPropertiesList') ?? {}, 'SearchCriteriaProperties');
  // Asked for one batch (how Nota confirms), only that batch's rows are read.
  const batch = criteria.find((c) => (textOf(c, 'ColumnName') ?? '').trim() === 'batch_id' && (textOf(c, 'RestrictionType') ?? '=').trim() === '=');
  let rows = ctx.ledger.voucherRows(batch ? (textOf(batch, 'FromValue') ?? '') : undefined);
  for (const criterion of criteria) {
    const column = (textOf(criterion, 'ColumnName') ?? '').trim() as keyof VoucherRow;
    const restriction = (textOf(criterion, 'RestrictionType') ?? '=').trim();
    const value = textOf(criterion, 'FromValue') ?? '';
    if (!TEMPLATE_COLUMNS.includes(column)) return refuse(`Template ${templateId} has no column '${column}'`);
    if (restriction !== '=') return refuse(`Restriction type '${restriction}' is not supported for column '${column}'`);
    rows = rows.filter((row) => row[column] === value);
  }
  // The result set is a document of its own, carried as text inside TemplateResult.
  const result = buildXml({ Agresso: rows.length > 0 ? { AgressoQE: rows } : '' }, false);
  return { ReturnCode: '0', Status: '', TemplateResult: result };
};
