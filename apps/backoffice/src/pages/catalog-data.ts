import { resolveVatRateBp } from '@nota/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/endpoints';

/** Today in Sweden as YYYY-MM-DD, the day a VAT code's rate is read for. */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** The product groups and VAT rates the product pages show by name: fetched once, shared by list and form. */
export function useCatalogLookups() {
  const groups = useQuery({ queryKey: ['product-groups'], queryFn: api.catalog.groups, staleTime: 60_000 });
  const rates = useQuery({ queryKey: ['vat-rates'], queryFn: api.catalog.vatRates, staleTime: 300_000 });
  return useMemo(() => {
    const all = rates.data?.vatRates ?? [];
    const date = today();
    const codes = [...new Set(all.map((r) => r.code))];
    /** The rate of `code` today, or null when none is valid today. */
    const rateToday = (code: string): number | null => {
      try {
        return resolveVatRateBp(all, code, date);
      } catch {
        return null;
      }
    };
    const groupName = (id: string | null) => (id === null ? null : (groups.data?.productGroups.find((g) => g.id === id)?.name ?? id));
    return { groups, rates, codes, rateToday, groupName };
  }, [groups, rates]);
}
