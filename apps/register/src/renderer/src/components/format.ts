import { formatAmount, formatDate, formatDateTime, formatMoney, formatPercentBp, formatRelative, formatTime, type Language } from '@nota/web-kit';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegister } from '../stores/context';

/** Money, dates and percentages for the register's country in the language on screen. */
export function useFormat() {
  const { i18n } = useTranslation();
  const country = useRegister('settings', (s) => s.settings?.country ?? 'SE');
  const language: Language = i18n.language === 'en' ? 'en' : 'sv';
  return useMemo(() => {
    const locale = { language, country };
    return {
      locale,
      money: (ore: number) => formatMoney(ore, locale),
      amount: (ore: number) => formatAmount(ore, locale),
      percent: (bp: number) => formatPercentBp(bp, locale),
      date: (iso: string) => formatDate(iso, locale),
      time: (iso: string) => formatTime(iso, locale),
      dateTime: (iso: string) => formatDateTime(iso, locale),
      relative: (iso: string, now = new Date()) => formatRelative(iso, now, locale),
    };
  }, [language, country]);
}
