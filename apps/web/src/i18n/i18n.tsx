import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { preferredLocale, translate, type Locale, type MessageKey } from './messages';

const STORAGE_KEY = 'itsm.locale';

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** a date and time as people of the locale write it */
  dateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Before sign-in: the locale chosen here (kept in this browser), else the browser's languages. */
function initialLocale(): Locale {
  return preferredLocale(null, window.localStorage.getItem(STORAGE_KEY), navigator.languages);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  // stable, so that effects calling it do not run again at each change of language
  const choose = useCallback((next: Locale) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLocale(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
    });
    return {
      locale,
      setLocale: choose,
      t: (key, values) => translate(locale, key, values),
      dateTime: (iso) => format.format(new Date(iso)),
    };
  }, [locale, choose]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
