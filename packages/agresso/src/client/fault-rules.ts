/**
 * Every way Business World can say no, in one table: what passes by itself (retried with backoff)
 * and what waits for a person, and the words a bookkeeper reads in the back office.
 *
 * A rule looks at what the failure says: its kind (transport, timeout, HTTP, SOAP fault, GL07's
 * verdict on one voucher) and its text (a SOAP faultstring or a voucher's error in batch input).
 * The first rule that matches decides; the last rules catch everything else, so nothing is left
 * unclassified. Business World's own texts come from its SQL Server and its server processes.
 */

export type FaultSource = 'network' | 'timeout' | 'http' | 'fault' | 'protocol' | 'voucher';

export interface FaultFacts {
  source: FaultSource;
  /** HTTP status, when there was one. */
  status?: number;
  /** The faultstring, a voucher's error text, or the message of a transport failure. */
  text: string;
}

/**
 * transient: retried without anyone's help; permanent: waits for a person with the reason;
 * credentials: nothing at all goes until the connection is saved again.
 */
export type FaultClass = 'transient' | 'permanent' | 'credentials';

export interface FaultRule {
  code: string;
  class: FaultClass;
  matches(facts: FaultFacts): boolean;
  /** The reason in a bookkeeper's words; `detail` is what Agresso itself said. */
  explain(detail: string): string;
}

const said = (pattern: RegExp, sources: readonly FaultSource[] = ['fault', 'voucher']) => (f: FaultFacts) => sources.includes(f.source) && pattern.test(f.text);
const first = (pattern: RegExp, text: string): string | undefined => pattern.exec(text)?.[1];

export const FAULT_RULES: readonly FaultRule[] = [
  // Transient: the request did not get through, or Business World could not serve it just then.
  {
    code: 'AGRESSO_UNREACHABLE',
    class: 'transient',
    matches: (f) => f.source === 'network',
    explain: (d) => `Nota could not reach Agresso (${d}). It tries again by itself.`,
  },
  {
    code: 'AGRESSO_TIMEOUT',
    class: 'transient',
    matches: (f) => f.source === 'timeout',
    explain: (d) => `Agresso did not answer in time (${d}). Nota asks again by itself and never sends an invoice twice.`,
  },
  {
    code: 'AGRESSO_UNAVAILABLE',
    class: 'transient',
    matches: (f) => f.source === 'http' && (f.status ?? 0) >= 500,
    explain: (d) => `Agresso's web server had a problem (${d}). Nota tries again by itself.`,
  },
  {
    code: 'AGRESSO_BUSY',
    class: 'transient',
    matches: said(/deadlock|rerun the transaction/i),
    explain: (d) => `Agresso's database was busy and asked for the request to be made again (${d}). Nota tries again by itself.`,
  },
  {
    code: 'AGRESSO_TIMEOUT',
    class: 'transient',
    matches: said(/time ?out|timed out/i),
    explain: (d) => `Agresso ran out of time for the request (${d}). Nota tries again by itself.`,
  },
  {
    code: 'AGRESSO_UNAVAILABLE',
    class: 'transient',
    matches: said(/service (is )?(temporarily )?unavailable|server (is )?too busy|not available at the moment/i),
    explain: (d) => `Agresso's service is unavailable for the moment (${d}). Nota tries again by itself.`,
  },
  {
    code: 'AGRESSO_MAINTENANCE',
    class: 'transient',
    matches: said(/maintenance/i),
    explain: (d) => `Agresso is down for maintenance (${d}). Nota tries again by itself once it is back.`,
  },
  // Permanent: a person must fix something, in Agresso or in Nota, then press Retry.
  {
    code: 'AGRESSO_CREDENTIALS',
    class: 'credentials',
    matches: said(/access denied|credential|password|log ?on|login|authenticat/i),
    explain: (d) => `Agresso did not accept Nota's user, client or password (${d}). Correct the Agresso connection in Nota's settings; the invoices go on once it is saved.`,
  },
  {
    code: 'AGRESSO_UNKNOWN_CUSTOMER',
    class: 'permanent',
    matches: said(/customer \S+ does not exist/i),
    explain: (d) => {
      const id = first(/customer (\S+) does not exist/i, d);
      return `Agresso has no customer ${id ?? ''} for this invoice (${d}). Create the customer in Agresso, or correct the customer's Agresso id in Nota, then press Retry.`.replace('customer  for', 'customer for');
    },
  },
  {
    code: 'AGRESSO_UNKNOWN_ACCOUNT',
    class: 'permanent',
    matches: said(/account \S+ (does not exist|is not valid|is unknown|is closed|is blocked)/i),
    explain: (d) => `Agresso does not accept an account this invoice is booked on (${d}). Correct the account in the chart-of-accounts mapping, or open it in Agresso, then press Retry.`,
  },
  {
    code: 'AGRESSO_UNKNOWN_TAX_CODE',
    class: 'permanent',
    matches: said(/tax code \S+ (does not exist|is not valid|is unknown)/i),
    explain: (d) => `Agresso does not know a VAT code this invoice uses (${d}). Correct the tax codes in the chart-of-accounts mapping, then press Retry.`,
  },
  {
    code: 'AGRESSO_UNBALANCED',
    class: 'permanent',
    matches: said(/not in balance|unbalanced|does not balance/i),
    explain: (d) => `Debit and credit of the invoice's voucher do not add up (${d}). Report it to Nota's support; the invoice waits.`,
  },
  // Whatever else Agresso refuses: a person reads Agresso's own words.
  {
    code: 'AGRESSO_REFUSED',
    class: 'permanent',
    matches: (f) => f.source === 'fault' || f.source === 'voucher',
    explain: (d) => `Agresso refused it: ${d}. Correct what it names, then press Retry.`,
  },
  {
    code: 'AGRESSO_REFUSED',
    class: 'permanent',
    matches: (f) => f.source === 'http',
    explain: (d) => `Agresso's web server refused the request (${d}). Check the Agresso address in Nota's settings, then press Retry.`,
  },
  {
    code: 'AGRESSO_ANSWER_UNREADABLE',
    class: 'permanent',
    matches: () => true,
    explain: (d) => `Agresso answered with something Nota cannot read (${d}). Ask whoever runs Agresso to look, then press Retry.`,
  },
];

export interface FaultVerdict {
  code: string;
  class: FaultClass;
  transient: boolean;
  /** For the back office. */
  reason: string;
}

export function classifyFault(facts: FaultFacts): FaultVerdict {
  const rule = FAULT_RULES.find((r) => r.matches(facts))!;
  return { code: rule.code, class: rule.class, transient: rule.class === 'transient', reason: rule.explain(facts.text.trim() || 'no reason given') };
}

/** GL07's verdict on one voucher, as the confirmation template reports it in error_msg. */
export function classifyVoucherError(errorText: string): FaultVerdict {
  return classifyFault({ source: 'voucher', text: errorText });
}
