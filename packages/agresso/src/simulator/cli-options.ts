import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GL07_SCHEMA_FILE } from '../gl07/gl07-schema';
import { parseArgs } from 'node:util';
import { defaultReferenceDir } from '../reference-dir';
import { checkCustomers } from './control-api';
import { DEFAULT_CONFIRMATION_TEMPLATE_ID, DEFAULT_PER_VOUCHER_MS, DEFAULT_PROCESSING_DELAY_MS, DEFAULT_TAX_CODES } from './simulator';
import type { SimulatorOptions } from './types';

/** The demo defaults: what `npm run agresso:sim` with no options gives, and what the demo config expects. */
export const CLI_DEFAULTS = { port: 8090, user: 'NOTA', client: '10', password: 'sim-demo' } as const;

/** Read when --password is not given, so the password need not sit in the shell history. */
export const PASSWORD_ENV = 'AGRESSO_SIM_PASSWORD';

export function usage(): string {
  const xsd = defaultReferenceDir();
  return `Usage: npm run agresso:sim -- [options]

A stand-in for Unit4 Business World's SOAP services (ImportService, CustomerService,
QueryEngineService) on 127.0.0.1, with the control endpoints under /simulator/.

Options (demo defaults in brackets):
  --port N                port to listen on, 0 = any free port [${CLI_DEFAULTS.port}]
  --user U                the accepted username [${CLI_DEFAULTS.user}]
  --client C              the accepted client, also the company code [${CLI_DEFAULTS.client}]
  --password P            the accepted password [$${PASSWORD_ENV}, else "${CLI_DEFAULTS.password}"]
  --processing-delay MS   each GL07/CS15 order's start cost; orders of a process run one at a time [${DEFAULT_PROCESSING_DELAY_MS}]
  --per-voucher MS        each order's further cost per voucher (GL07) or customer (CS15) [${DEFAULT_PER_VOUCHER_MS}]
  --tax-codes LIST        valid tax codes, comma-separated [${DEFAULT_TAX_CODES.join(',')}]
  --template-id N         the confirmation template's id [${DEFAULT_CONFIRMATION_TEMPLATE_ID}]
  --customers FILE.json   pre-existing customers: [{"customerId","name","externalReference"?,"companyCode"?}] [none]
  --state FILE.json       keep customers and imports in this file across restarts [in memory only]
  --xsd-dir DIR           folder with ABWTransaction.local.xsd [${xsd ?? 'none found; built-in checks'}]
  --no-xsd                check GL07 documents with the built-in rules instead of the XSD
  -h, --help              show this text
`;
}

/**
 * One line for the start message: whether GL07 documents meet Unit4's real schema or only the
 * simulator's own rules, which pass things the XSD would refuse, and how to point it at the schema.
 * `xsdDir` as in SimulatorOptions: undefined = the default folder if it is there, null = off.
 */
export function describeGl07Checks(
  xsdDir: string | null | undefined,
  { defaultDir = defaultReferenceDir(), pointWith = '--xsd-dir' }: { defaultDir?: string | null; pointWith?: string } = {},
): string {
  const dir = xsdDir === undefined ? defaultDir : xsdDir;
  if (dir !== null) return `GL07 documents are checked against Unit4's XSD (${GL07_SCHEMA_FILE} in ${dir})`;
  const ownRules = "GL07 documents are checked only against the simulator's own rules, not Unit4's XSD";
  if (xsdDir === null) return `${ownRules} (--no-xsd)`;
  return `${ownRules}: none found in ../shared/reference/agresso beside the repository; point ${pointWith} at the folder with ${GL07_SCHEMA_FILE}`;
}

export type PasswordSource = 'option' | 'environment' | 'demo default';

export interface CliConfig {
  options: SimulatorOptions;
  passwordSource: PasswordSource;
  customersFile: string | null;
}

/** Parses the command line; throws an Error with a message fit for the terminal. Null means --help. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliConfig | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      user: { type: 'string' },
      client: { type: 'string' },
      password: { type: 'string' },
      'processing-delay': { type: 'string' },
      'per-voucher': { type: 'string' },
      'tax-codes': { type: 'string' },
      'template-id': { type: 'string' },
      customers: { type: 'string' },
      state: { type: 'string' },
      'xsd-dir': { type: 'string' },
      'no-xsd': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;

  const whole = (name: string, text: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n > max) throw new Error(`--${name} must be a whole number from 0 to ${max}, got "${text}"`);
    return n;
  };
  const text = (name: string, value: string | undefined, fallback: string): string => {
    if (value === undefined) return fallback;
    if (value.trim() === '') throw new Error(`--${name} must not be empty`);
    return value;
  };
  if (values['no-xsd'] && values['xsd-dir'] !== undefined) throw new Error('--xsd-dir and --no-xsd contradict each other');
  if (values['xsd-dir'] !== undefined && !existsSync(join(values['xsd-dir'], GL07_SCHEMA_FILE))) {
    throw new Error(`--xsd-dir ${values['xsd-dir']} has no ${GL07_SCHEMA_FILE} (Unit4's GL07 schema)`);
  }

  const fromEnv = env[PASSWORD_ENV];
  const passwordSource: PasswordSource = values.password !== undefined ? 'option' : fromEnv ? 'environment' : 'demo default';
  const password = text('password', values.password ?? (fromEnv || undefined), CLI_DEFAULTS.password);
  const taxCodes = values['tax-codes'] === undefined ? DEFAULT_TAX_CODES : values['tax-codes'].split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (taxCodes.length === 0) throw new Error('--tax-codes must name at least one code');

  return {
    options: {
      port: whole('port', values.port, CLI_DEFAULTS.port, 65535),
      username: text('user', values.user, CLI_DEFAULTS.user),
      client: text('client', values.client, CLI_DEFAULTS.client),
      password,
      processingDelayMs: whole('processing-delay', values['processing-delay'], DEFAULT_PROCESSING_DELAY_MS),
      perVoucherMs: whole('per-voucher', values['per-voucher'], DEFAULT_PER_VOUCHER_MS),
      taxCodes,
      confirmationTemplateId: whole('template-id', values['template-id'], DEFAULT_CONFIRMATION_TEMPLATE_ID),
      customers: values.customers === undefined ? [] : readCustomers(values.customers),
      ...(values.state !== undefined ? { stateFile: values.state } : {}),
      ...(values['no-xsd'] ? { xsdDir: null } : values['xsd-dir'] !== undefined ? { xsdDir: values['xsd-dir'] } : {}),
    },
    passwordSource,
    customersFile: values.customers ?? null,
  };
}

function readCustomers(file: string): NonNullable<SimulatorOptions['customers']> {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--customers ${file}: ${(error as Error).message}`);
  }
  try {
    return checkCustomers(content);
  } catch (error) {
    throw new Error(`--customers ${file}: ${(error as Error).message}`);
  }
}
