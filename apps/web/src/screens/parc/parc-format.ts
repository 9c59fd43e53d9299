import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Days (YYYY-MM-DD), amounts and sizes as people of the locale write them. */
export function useParcFormat() {
  const { locale } = useI18n();
  return useMemo(() => {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const days = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeZone: 'UTC' });
    const amounts = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const integers = new Intl.NumberFormat(tag);
    return {
      day: (value: string | null | undefined) =>
        value ? days.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : null,
      amount: (value: number | null | undefined) =>
        value === null || value === undefined ? null : amounts.format(value),
      integer: (value: number | null | undefined) =>
        value === null || value === undefined ? null : integers.format(value),
    };
  }, [locale]);
}

/** The catalogue kind of an asset route's types and models: computers → computer-type, computer-model. */
export const catalogueKindOf = (assetRoute: string) => assetRoute.replace(/s$/, '');
