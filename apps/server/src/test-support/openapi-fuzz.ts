import fc from 'fast-check';

// What a generic OpenAPI fuzzer does, in a form a test can run: values that follow each route's
// schema from the served document (so requests reach the handlers and the database), the same values
// with one part replaced by something hostile, and whole hostile requests.

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI form: /api/customers/{id} */
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  /** `security: []`: the route needs no credential. */
  public: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>>;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
  );
}

/** A JSON value the request cannot carry as JSON.stringify writes it; replaced by its raw text after. */
export class Raw {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}
}

const deepArrays = (n: number) => new Raw(`${'['.repeat(n)}${']'.repeat(n)}`, `${n} nested arrays`);
const deepObjects = (n: number) => new Raw(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, `${n} nested objects`);

/** Values that broke, or could break, a server that trusts its input. */
export const HOSTILE: unknown[] = [
  '\u0000',
  'Kund\u0000AB',
  '\ud800',
  'Kund\udfffAB',
  '\u202eBA dnuK',
  '\u2066Kund',
  'Kund\u0007',
  'Kund\u001b[31m',
  'Kund\r\nAB',
  '',
  ' ',
  'x'.repeat(1_000_000),
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  new Raw('9007199254740993', '2^53 + 1'),
  new Raw('123456789012345678901234567890', 'a 30-digit integer'),
  new Raw('1e400', '1e400'),
  -1,
  0.5,
  -0,
  1e308,
  true,
  null,
  [],
  {},
  ['\u0000'],
  { '\u0000': 1 },
  deepArrays(100_000),
  deepObjects(10_000),
  new Raw('{"__proto__": {"admin": true}}', 'a __proto__ key'),
  new Raw('{"constructor": {"prototype": {"admin": true}}}', 'a constructor.prototype key'),
];

/** What a path or query parameter can be made to carry. */
export const HOSTILE_PARAMS: string[] = ['%00', 'a%00b', '%ED%A0%80', '%E2%80%AE', '%07', '%0A', '-1', '2147483648', '9007199254740993', '1e400', 'x'.repeat(5_000), '%F0%9F%98', '..%2F..%2Fetc', ' '];

const LOOPBACK_URLS = ['http://127.0.0.1:9/BusinessWorld-webservices/service.svc', 'https://127.0.0.1:9/service.svc'];
const MAX_COLLECTION = 3;
const MAX_STRING = 24;

function numberBounds(schema: JsonSchema, integer: boolean): { min: number; max: number } {
  let min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000;
  let max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
  if (typeof schema.exclusiveMinimum === 'number') min = schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON);
  if (typeof schema.exclusiveMaximum === 'number') max = schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON);
  return { min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) };
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'uri':
      // Never a real host: a route that tests a connection must not leave this machine.
      return fc.constantFrom(...LOOPBACK_URLS);
    case 'email':
      return fc.emailAddress();
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING));
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength });
}

/** Values that follow `schema` (as far as JSON Schema says; refinements in code may still refuse them). */
export function valueOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const inner = valueOfType(schema, depth);
  return schema.nullable ? fc.oneof(inner, fc.constant(null)) : inner;
}

function valueOfType(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueOf(s, depth + 1)));
  if (schema.allOf?.[0]) return valueOf(schema.allOf[0], depth + 1);
  const types = [schema.type ?? []].flat();
  if (types.length > 1) return fc.oneof(...types.map((type) => valueOf({ ...schema, type }, depth)));
  switch (types[0]) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer(numberBounds(schema, true));
    case 'number':
      return fc.double({ ...numberBounds(schema, false), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_COLLECTION, MAX_COLLECTION));
      return fc.array(valueOf(schema.items ?? {}, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, valueOf(s, depth + 1)]));
      return fc.record(properties, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    default:
      // Free-form (a setting's value): any JSON, kept small.
      return fc.jsonValue({ maxDepth: depth > 4 ? 0 : 2 });
  }
}

type Path = (string | number)[];

function pathsIn(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((item, i) => pathsIn(item, [...at, i], out));
  else if (value && typeof value === 'object' && !(value instanceof Raw)) {
    for (const [key, item] of Object.entries(value)) pathsIn(item, [...at, key], out);
  }
  return out;
}

/** `value` with the node at the pick'th of its paths (the root included) replaced by `replacement`. */
export function replaceAt(value: unknown, pick: number, replacement: unknown): unknown {
  const paths = pathsIn(value);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path.at(-1)!] = replacement;
  return copy;
}

/** JSON text with each Raw written as its own text. */
export function toJson(value: unknown): string {
  const raws: Raw[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Raw) {
      raws.push(v);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return v;
  });
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!.text);
}

const LONE_SURROGATE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;

/** A path or query value as it goes on the wire; a lone surrogate as the bytes a careless client sends. */
export function encodeParam(value: unknown): string {
  const text = typeof value === 'string' ? value : value instanceof Raw ? value.text : (JSON.stringify(value) ?? '');
  return text
    .split(LONE_SURROGATE)
    .map((part, i) => {
      if (i % 2 === 0) return encodeURIComponent(part);
      const c = part.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');
}
