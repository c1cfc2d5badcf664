import type { BackOfficeRole } from '@nota/protocol';
import { HttpError } from '../errors';

/** Who is calling a head-office route: a signed-in person or an API key, with its role. */
export interface Principal {
  kind: 'user' | 'api-key';
  /** The user's id (kind 'user'). */
  userId?: string;
  /** The API key's id (kind 'api-key'). */
  apiKeyId?: string;
  /** The username or the key's name, for the audit log. */
  name: string;
  role: BackOfficeRole;
  /** A store manager's cost centres; empty for the other roles. */
  costCentres: string[];
  /** Set when the caller came with the session cookie. */
  session?: { idHash: string; csrfToken: string; expiresAt: Date };
}

// Declared with the routes in the protocol's head-office map; here for the services that check roles.
export { ADMINISTRATORS, ALL_ROLES, HEAD_OFFICE } from '@nota/protocol';

/** The cost centres the principal is limited to, or null for all of them. */
export const scopeOf = (p: Principal): string[] | null => (p.role === 'store-manager' ? p.costCentres : null);

/** 403 OUT_OF_SCOPE unless the principal may act on `costCentre`. */
export function assertInScope(p: Principal, costCentre: string | null, field?: string): void {
  const scope = scopeOf(p);
  if (scope === null) return;
  if (costCentre === null || !scope.includes(costCentre)) {
    throw new HttpError(
      403,
      'OUT_OF_SCOPE',
      costCentre === null
        ? 'This record belongs to no cost centre of yours.'
        : `Cost centre '${costCentre}' is not one of yours (${scope.join(', ') || 'none'}).`,
      field,
    );
  }
}
