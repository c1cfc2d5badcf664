import { z } from 'zod';

/** Integer amount in öre (minor units). Never a float. */
export const Ore = z.int().min(-1_000_000_000_00).max(1_000_000_000_00);
export const PositiveOre = z.int().min(1).max(1_000_000_000_00);
export const NonNegativeOre = z.int().min(0).max(1_000_000_000_00);
export const Id = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Country = z.enum(['SE', 'NO']);
export const Role = z.enum(['cashier', 'manager']);
export type Role = z.infer<typeof Role>;

// --- Text at the boundary -------------------------------------------------------------------
// Every string that crosses a Nota boundary (register handler, sync API, head-office API) is one of
// these. Control characters break receipts, XML and PostgreSQL (NUL), unpaired surrogates cannot be
// stored as UTF-8, and bidirectional overrides let a name display as something it is not. They are
// refused with a field error, never silently replaced.

const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// String.prototype.isWellFormed is ES2024; this also runs in the renderer's older lib settings.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot cross the boundary, or null when it can. Exported for hand-written checks. */
export function textProblem(value: string, multiline = false): string | null {
  if (UNPAIRED_SURROGATE.test(value)) return 'contains a broken character (unpaired surrogate)';
  if ((multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) {
    return multiline ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters or line breaks';
  }
  if (BIDI_CONTROL.test(value)) return 'must not contain text-direction override characters';
  return null;
}

function checkedText(max: number, multiline: boolean) {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** One line of text (names, numbers, references): no control characters at all. */
export const Text = (max: number) => checkedText(max, false);
/** Free text that may span lines (comments, purchase instructions, footers): tab, CR and LF allowed. */
export const MultilineText = (max: number) => checkedText(max, true);

/** Largest integer a PostgreSQL `integer` column holds; counters and counts on the wire stay below it. */
export const MAX_INT32 = 2_147_483_647;
/** A count or sequence number that fits every integer column. */
export const Count = z.int().min(0).max(MAX_INT32);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** How deeply a free-form JSON value (a setting) may nest: deep enough for any real setting. */
export const MAX_JSON_DEPTH = 16;

function jsonProblem(value: unknown, depth: number): string | null {
  if (depth > MAX_JSON_DEPTH) return `nests deeper than ${MAX_JSON_DEPTH} levels`;
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'is not a finite number';
  if (typeof value === 'string') return value.length > 10_000 ? 'has a string longer than 10000 characters' : textProblem(value, true);
  if (Array.isArray(value)) {
    if (value.length > 1000) return 'has an array longer than 1000 items';
    for (const item of value) {
      const problem = jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as object);
    if (entries.length > 200) return 'has an object with more than 200 keys';
    for (const [key, item] of entries) {
      const problem = textProblem(key) ?? jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  return 'is not JSON';
}

/**
 * A JSON value of bounded size and depth. The walk stops at the depth limit, so a
 * value nested 100,000 levels deep is refused with a field error instead of overflowing the stack.
 */
export const BoundedJson = z.custom<JsonValue>((value) => value !== undefined).superRefine((value, ctx) => {
  const problem = jsonProblem(value, 0);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
