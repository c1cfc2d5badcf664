import type { BackOfficeRole } from '@nota/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';

/**
 * What each role may open, mirroring the server's rules (which are what count: the server refuses with
 * 403 whatever the page shows). The page only spares a person buttons and pages that would be refused.
 */
const EVERYONE: readonly BackOfficeRole[] = ['administrator', 'head-office', 'store-manager'];
const HEAD_OFFICE: readonly BackOfficeRole[] = ['administrator', 'head-office'];
const ADMINISTRATORS: readonly BackOfficeRole[] = ['administrator'];

export const PAGE_ROLES = {
  '/customers': EVERYONE,
  '/invoices': EVERYONE,
  '/exports': HEAD_OFFICE,
  '/accounting': HEAD_OFFICE,
  '/registers': EVERYONE,
  // Read only for a store manager: switching a method is head office's.
  '/payment-methods': EVERYONE,
  '/agresso': HEAD_OFFICE,
  '/products': HEAD_OFFICE,
  '/users': ADMINISTRATORS,
  '/api-keys': ADMINISTRATORS,
  '/audit': ADMINISTRATORS,
  '/password': EVERYONE,
} as const satisfies Record<string, readonly BackOfficeRole[]>;
export type PagePath = keyof typeof PAGE_ROLES;

export const mayOpen = (role: BackOfficeRole, page: PagePath): boolean => PAGE_ROLES[page].includes(role);

/** Customers, credits, retries and activations are head office's; a store manager reads its own cost centres. */
export const useKeepsBooks = (): boolean => HEAD_OFFICE.includes(useSession().user.role);

/** A page for other roles says so plainly (they have no menu entry for it) instead of showing a refusal from the server. */
export function ForRoles({ page, children }: { page: PagePath; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (mayOpen(user.role, page)) return <>{children}</>;
  return (
    <section className="page" aria-labelledby="not-yours-title">
      <h1 id="not-yours-title">{t('access.title')}</h1>
      <p>{t('access.lead')}</p>
    </section>
  );
}

/** Editing customers is head office's work: a store manager who follows an old link is told so. */
export function BooksOnly({ children }: { children: ReactNode }) {
  return <ForRoles page="/accounting">{children}</ForRoles>;
}
