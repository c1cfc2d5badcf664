/** The SOAP services of an on-premise Business World, as the client calls them and the simulator serves them. */
export type ServiceName = 'ImportService' | 'CustomerService' | 'QueryEngineService';

export interface SoapOperation {
  service: ServiceName;
  /** The query string after `service.svc?` that routes to the service. */
  route: string;
  namespace: string;
  /** Prefix the client writes the namespace with. */
  prefix: string;
  /** Operation element and SOAPAction. */
  action: string;
  /** `Service.Action`, the name errors and logs use. */
  label: string;
}

function operation(service: ServiceName, route: string, namespace: string, prefix: string, action: string): SoapOperation {
  return { service, route, namespace, prefix, action, label: `${service}.${action}` };
}

export const EXECUTE_SERVER_PROCESS = operation(
  'ImportService',
  'ImportService/ImportV200606',
  'http://services.agresso.com/ImportService/ImportV200606',
  'imp',
  'ExecuteServerProcessAsynchronously',
);

export const GET_CUSTOMERS = operation(
  'CustomerService',
  'CustomerService/Customer',
  'http://services.agresso.com/CustomerService/Customer',
  'cus',
  'GetCustomers',
);

export const GET_TEMPLATE_RESULT = operation(
  'QueryEngineService',
  'QueryEngineService/QueryEngineV201101',
  'http://services.agresso.com/QueryEngineService/QueryEngineV201101',
  'quer',
  'GetTemplateResultAsXML',
);

export const OPERATIONS: readonly SoapOperation[] = [EXECUTE_SERVER_PROCESS, GET_CUSTOMERS, GET_TEMPLATE_RESULT];

export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';

/** The path a real server serves the services under; baseUrl ends with it. */
export const SERVICE_PATH = '/BusinessWorld-webservices/service.svc';
