import type { BackOfficeRole } from '@nota/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';

/** A page for some roles only: the others, who have no menu entry for it, are told so if they type its address. */
export function RequireRole({ roles, children }: { roles: BackOfficeRole[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (roles.includes(user.role)) return <>{children}</>;
  return (
    <section className="page">
      <p className="state state--error" role="alert">
        {t('error.FORBIDDEN')}
      </p>
    </section>
  );
}
