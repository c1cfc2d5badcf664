// What of an error may go to the log. A failed query carries its parameters (customers' personal
// data, PIN hashes, the sealed Agresso password) in drizzle's message and `params`, and PostgreSQL's
// `detail` and `where` quote the row's values. The log keeps what explains the failure: the SQL
// state, the constraint, table and column, and the statement with its $n placeholders.

interface DatabaseErrorFields {
  code: string;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  dataType?: string;
  routine?: string;
  message: string;
}

const MAX_CAUSES = 5;

/** The shape pino expects of a serialized error. */
interface LoggedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

function isDatabaseError(value: unknown): value is DatabaseErrorFields & Error {
  // pg's and PGlite's DatabaseError both carry the five-character SQLSTATE and a severity.
  const code = (value as { code?: unknown } | null)?.code;
  return value instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in value;
}

/** drizzle's DrizzleQueryError: the statement and its parameters, the driver's error as the cause. */
function isFailedQuery(value: unknown): value is Error & { query: string; params: unknown[] } {
  return value instanceof Error && typeof (value as { query?: unknown }).query === 'string' && Array.isArray((value as { params?: unknown }).params);
}

/** Parameter values as they could appear in text: long enough to be data rather than a digit that happens to match. */
function parameterTexts(params: readonly unknown[]): string[] {
  const texts = new Set<string>();
  for (const p of params) {
    if (p === null || p === undefined || typeof p === 'boolean') continue;
    const text = typeof p === 'object' ? JSON.stringify(p) : String(p);
    if (text.length >= 3) texts.add(text);
    // A JSON parameter's strings can show up on their own, e.g. in a message about one of them.
    if (typeof p === 'object' || (typeof p === 'string' && /^[[{]/.test(p))) {
      for (const [, inner] of text.matchAll(/:\s*"((?:[^"\\]|\\.){3,})"/g)) texts.add(inner!);
    }
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

/**
 * PostgreSQL quotes both identifiers and offending values in double quotes ("invalid input syntax for
 * type uuid: \"…\""): identifiers the error names stay, anything else quoted is blanked, and so is any
 * parameter value that appears unquoted.
 */
function scrub(text: string, identifiers: readonly (string | undefined)[], params: readonly string[]): string {
  const known = new Set(identifiers.filter((i): i is string => !!i));
  return text
    .split(/("[^"]*")/)
    .map((part, i) => {
      if (i % 2 === 1) return known.has(part.slice(1, -1)) ? part : '"[value]"';
      let out = part;
      for (const value of params) out = out.split(value).join('[value]');
      return out;
    })
    .join('');
}

function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

function describe(error: unknown, params: readonly string[], depth: number): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error), [], params), stack: '' };
  const type = error.constructor?.name ?? error.name;
  if (isDatabaseError(error)) {
    // PGlite's error carries the statement and its parameters too.
    const own = isFailedQuery(error) ? error : null;
    const all = own ? [...new Set([...params, ...parameterTexts(own.params)])] : params;
    const ids = [error.constraint, error.table, error.column, error.schema, error.dataType];
    const message = scrub(error.message, ids, all);
    return {
      type: 'DatabaseError',
      message,
      sqlState: error.code,
      severity: error.severity,
      ...(error.constraint ? { constraint: error.constraint } : {}),
      ...(error.table ? { table: error.table } : {}),
      ...(error.column ? { column: error.column } : {}),
      ...(error.schema ? { schema: error.schema } : {}),
      ...(error.routine ? { routine: error.routine } : {}),
      ...(own ? { statement: own.query } : {}),
      stack: `DatabaseError: ${message}\n${stackFrames(error)}`,
    };
  }
  if (isFailedQuery(error)) {
    const all = [...new Set([...params, ...parameterTexts(error.params)])];
    const message = `Failed query: ${error.query}`;
    return {
      type,
      message,
      statement: error.query,
      parameterCount: error.params.length,
      stack: `${type}: ${message}\n${stackFrames(error)}`,
      ...(error.cause !== undefined && depth < MAX_CAUSES ? { cause: describe(error.cause, all, depth + 1) } : {}),
    };
  }
  const message = scrub(error.message, [], params);
  const code = (error as { code?: unknown }).code;
  return {
    type,
    message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: `${type}: ${message}\n${stackFrames(error)}`,
    ...(error.cause !== undefined && depth < MAX_CAUSES ? { cause: describe(error.cause, params, depth + 1) } : {}),
  };
}

/** pino's `err` serializer for the server: the error's kind, SQL state and statement, never its values. */
export function loggableError(error: unknown): LoggedError {
  return describe(error, [], 0);
}
