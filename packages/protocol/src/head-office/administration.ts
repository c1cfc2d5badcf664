import { z } from 'zod';
import { Count, Id, IsoDateTime, Text } from '../common';
import { BackOfficeRole, BackOfficeUser, NewPassword, Username } from './auth';

/**
 * What administrators manage: back-office users (`/api/users`), API keys (`/api/api-keys`) and the
 * audit log (`/api/audit`). Only administrators (a person or an administrator's API key) may call them.
 */

/** A store manager needs at least one cost centre; the other roles take none (they see all). */
const CostCentreCodes = z.array(Text(20).min(1)).max(200);

export const CreateUserRequest = z.object({
  username: Username,
  displayName: Text(100).min(1),
  role: BackOfficeRole,
  costCentres: CostCentreCodes.default([]),
  password: NewPassword,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** Only what is sent changes. Disabling a user ends its sessions. */
export const UpdateUserRequest = z.object({
  displayName: Text(100).min(1).optional(),
  role: BackOfficeRole.optional(),
  costCentres: CostCentreCodes.optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** An administrator sets a new password for someone: their sessions end and a lock-out is lifted. */
export const ResetPasswordRequest = z.object({ password: NewPassword });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const UserResponse = z.object({ user: BackOfficeUser });
/** A user as the administrators' list shows it: with when it last signed in (null: never). */
export const UserListEntry = BackOfficeUser.extend({ lastSignInAt: IsoDateTime.nullable() });
export type UserListEntry = z.infer<typeof UserListEntry>;
export const UserList = z.object({ users: z.array(UserListEntry) });

export const ApiKeyView = z.object({
  id: Id,
  name: z.string(),
  role: BackOfficeRole,
  costCentres: z.array(z.string()),
  createdAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const CreateApiKeyRequest = z.object({
  name: Text(100).min(1),
  role: BackOfficeRole.default('administrator'),
  costCentres: CostCentreCodes.default([]),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** The key itself is in this answer only: the server keeps its hash. */
export const CreatedApiKey = z.object({ apiKey: ApiKeyView, key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const AuditEntity = z.enum([
  'customer',
  'accounting-mapping',
  'payment-method',
  'register',
  'register-user',
  'cost-centre',
  'backoffice-user',
  'api-key',
  'agresso-connection',
  'seller',
  'product',
  'product-group',
]);
export type AuditEntity = z.infer<typeof AuditEntity>;

export const AuditEntry = z.object({
  id: z.int(),
  at: IsoDateTime,
  actor: z.object({ kind: z.enum(['user', 'api-key', 'system']), id: z.string().nullable(), name: z.string() }),
  entity: AuditEntity,
  entityId: z.string(),
  action: z.string(),
  /** Passwords, PIN hashes and keys appear as '[hidden]' (or '[changed]' when they changed), never as themselves. */
  oldValue: z.unknown().nullable(),
  newValue: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first; `before` is the `next` of the previous page. */
export const AuditQuery = z.object({
  entity: AuditEntity.optional(),
  entityId: Text(100).min(1).optional(),
  /** Only what this user or API key (its id) changed. */
  actorId: Text(100).min(1).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), next: Count.nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
