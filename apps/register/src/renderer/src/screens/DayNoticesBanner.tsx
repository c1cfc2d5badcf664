import type { DayNotice } from '@nota/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../components/format';
import { call } from '../stores/call';
import { useRegister, useStores } from '../stores/context';

/** For a manager: the clock was set back behind the last sale (the journal has it), until the day is closed. */
export function DayNoticesBanner() {
  const { t } = useTranslation();
  const f = useFormat();
  const { transport } = useStores();
  const manager = useRegister('session', (s) => s.user?.role === 'manager');
  const [notices, setNotices] = useState<DayNotice[]>([]);
  useEffect(() => {
    if (!manager) return setNotices([]);
    void call(transport, 'day/notices', {}).then((result) => setNotices(result.ok ? result.data.notices : []));
  }, [manager, transport]);
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="alert" aria-label={t('reports.clockTitle')}>
      <strong>{t('reports.clockTitle')}</strong> {t('reports.clockText', { time: f.dateTime(notices[0]!.occurredAt), count: notices.length })}
    </div>
  );
}
