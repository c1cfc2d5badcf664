import { z } from 'zod';

/**
 * The one error shape every Nota surface answers with: register handlers, the sync API and the
 * back-office API. `code` is stable and machine-readable (UI text is looked up by it); `message`
 * is plain English for logs and developers; `field` names the input that was wrong.
 */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  details: z
    .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
    .optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Turns zod issues into our field errors, with dotted/indexed paths such as `lines[2].quantity`. */
export function fieldErrorsFromZod(error: z.ZodError): NonNullable<ApiError['details']> {
  return error.issues.map((issue) => ({
    field: formatPath(issue.path),
    code: 'INVALID',
    message: `${formatPath(issue.path) || 'request'}: ${issue.message}`,
  }));
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}
