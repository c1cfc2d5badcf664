import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api/endpoints';
import { mayOpen, type PagePath } from '../access/access';
import { useSession, useSetSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';

const FINANCE = [
  ['/customers', 'nav.customers'],
  ['/invoices', 'nav.invoices'],
  ['/exports', 'nav.exports'],
  ['/accounting', 'nav.accounting'],
] as const;
const CATALOG = [['/products', 'nav.products']] as const;
const ADMINISTRATION = [
  ['/users', 'nav.users'],
  ['/api-keys', 'nav.apiKeys'],
  ['/audit', 'nav.audit'],
] as const;
const SETUP = [
  ['/registers', 'nav.registers'],
  ['/payment-methods', 'nav.paymentMethods'],
  ['/agresso', 'nav.agresso'],
] as const;

/** The frame of every signed-in page: the menu on the left, who is signed in, the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const setSession = useSetSession();
  const [location] = useLocation();
  const signOut = useMutation({ mutationFn: (everywhere: boolean) => (everywhere ? api.auth.signOutEverywhere() : api.auth.signOut()), onSettled: () => setSession(null) });
  const allowed = (items: readonly (readonly [PagePath, string])[]) => items.filter(([href]) => mayOpen(user.role, href));
  const item = ([href, key]: readonly [string, string]) => {
    const current = location === href || location.startsWith(`${href}/`);
    return (
      <li key={href}>
        <Link href={href} className={current ? 'nav__link nav__link--current' : 'nav__link'} aria-current={current ? 'page' : undefined}>
          {t(key)}
        </Link>
      </li>
    );
  };
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <span className="topbar__brand">{t('appName')}</span>
        <span className="topbar__user">
          {t('signIn.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}
          {user.role === 'store-manager' ? <span className="topbar__scope">{t('access.scope', { codes: user.costCentres.join(', ') || '—' })}</span> : null}
        </span>
        <LanguageSwitch />
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        {(
          [
            ['nav.finance', FINANCE],
            ['nav.catalog', CATALOG],
            ['nav.registers', SETUP],
            ['nav.administration', ADMINISTRATION],
          ] as const
        ).map(([group, items]) => {
          const mine = allowed(items);
          return mine.length === 0 ? null : (
            <div key={group}>
              <p className="nav__group">{t(group)}</p>
              <ul>{mine.map(item)}</ul>
            </div>
          );
        })}
        <p className="nav__group">{t('nav.account')}</p>
        <ul>
          {item(['/password', 'nav.password'])}
          <li>
            <button type="button" className="nav__link nav__button" onClick={() => signOut.mutate(false)} disabled={signOut.isPending}>
              {t('nav.signOut')}
            </button>
          </li>
          <li>
            <button type="button" className="nav__link nav__button" onClick={() => signOut.mutate(true)} disabled={signOut.isPending}>
              {t('nav.signOutEverywhere')}
            </button>
          </li>
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
