import { formatAmount, formatDate, formatDateTime, formatMoney, formatPercentBp, formatRelative, type Language, type LocaleSettings } from '@nota/web-kit';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Head office books in Swedish kronor; dates and numbers follow the language on screen (web-kit's rules). */
export function formatFor(language: Language) {
  const locale: LocaleSettings = { language, country: 'SE' };
  return {
    language,
    money: (ore: number) => formatMoney(ore, locale),
    amount: (ore: number) => formatAmount(ore, locale),
    percent: (bp: number) => formatPercentBp(bp, locale),
    date: (iso: string) => formatDate(iso, locale),
    dateTime: (iso: string) => formatDateTime(iso, locale),
    relative: (iso: string) => formatRelative(iso, new Date(), locale),
  };
}
export type Format = ReturnType<typeof formatFor>;

export function useFormat(): Format {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'sv';
  return useMemo(() => formatFor(language), [language]);
}
