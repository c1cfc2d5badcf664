import { z } from 'zod';
import { Text } from '../common';

/**
 * Who may use the back office, and how a browser signs in. The server keeps sessions (revocable);
 * the browser holds only an opaque id in an httpOnly, SameSite=Strict cookie and sends the session's
 * CSRF token in `CSRF_HEADER` on every write. API keys (`Authorization: Bearer`) stay for scripts.
 */
export const SESSION_COOKIE = 'nota_session';
export const CSRF_HEADER = 'x-csrf-token';

/** administrator: everything, users and keys included; head-office: the books and customers; store-manager: its cost centres only. */
export const BackOfficeRole = z.enum(['administrator', 'head-office', 'store-manager']);
export type BackOfficeRole = z.infer<typeof BackOfficeRole>;

export const Username = Text(64)
  .min(3)
  .regex(/^[a-z0-9._@-]+$/, 'lower-case letters, digits and . _ @ - only');

/** Long passphrases welcome; the floor is length, not character classes (NIST SP 800-63B). */
export const NewPassword = z.string().min(12, 'at least 12 characters').max(256, 'at most 256 characters');

export const SignInRequest = z.object({ username: Text(64).min(1), password: z.string().min(1).max(256) });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const BackOfficeUser = z.object({
  id: z.string(),
  username: Username,
  displayName: Text(100).min(1),
  role: BackOfficeRole,
  /** The cost centres a store manager is limited to; empty for the other roles (they see all). */
  costCentres: z.array(Text(20)),
  disabled: z.boolean(),
});
export type BackOfficeUser = z.infer<typeof BackOfficeUser>;

/** `GET /api/auth/session` and the answer to a sign-in. */
export const SessionInfo = z.object({
  user: BackOfficeUser,
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** First start without `NOTA_ADMIN_USERNAME`/`NOTA_ADMIN_PASSWORD`: the server prints a one-time set-up code. */
export const SetupRequest = z.object({ code: Text(64).min(1), username: Username, displayName: Text(100).min(1), password: NewPassword });
export type SetupRequest = z.infer<typeof SetupRequest>;

/**
 * The auth routes are `headOffice.auth` in `routes.ts`. A cookie-authenticated write without the session's
 * CSRF token answers 403 CSRF_TOKEN_INVALID. A role that may not call a route answers 403 FORBIDDEN; a store
 * manager outside its cost centres, 403 OUT_OF_SCOPE.
 */
