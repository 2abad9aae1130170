import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages';

export type Language = 'da' | 'en';
const STORAGE_KEY = 'akasse.language';
export const TIME_ZONE = 'Europe/Copenhagen';

type Vars = Record<string, string | number>;

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, vars?: Vars): string;
  /** 05.06.2025 */
  date(value: string | Date): string;
  /** torsdag den 5. juni 2025 */
  longDate(value: string | Date): string;
  /** tor. 5. jun. */
  shortDay(value: string | Date): string;
  /** 10.30 */
  time(value: string | Date): string;
  /** torsdag den 5. juni 2025 kl. 10.30 */
  dateTime(value: string | Date): string;
  number(value: number, digits?: number): string;
  percent(value: number): string;
  /** The activity's name in the current language (the API names activities in Danish). */
  activity(code: string, danishName?: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'da';
}

function toDate(value: string | Date): Date {
  // A bare date (2026-12-01) is a calendar day: read it at noon UTC so no time zone moves it.
  return value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = language === 'da' ? 'da-DK' : 'en-GB';
    const dict = messages[language];
    const fmt = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options });
    const dateFmt = fmt({ day: '2-digit', month: '2-digit', year: 'numeric' });
    const longFmt = fmt({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const shortDayFmt = fmt({ weekday: 'short', day: 'numeric', month: 'short' });
    const timeFmt = fmt({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const t = (key: MessageKey, vars?: Vars) => {
      // Singular: a key with a `.one` twin uses it when count is 1 ("1 medlem", not "1 medlemmer").
      const one = `${key}.one` as MessageKey;
      const chosen = vars?.count === 1 && one in dict ? one : key;
      let text: string = dict[chosen] ?? messages.da[chosen] ?? key;
      if (vars) for (const [name, v] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(v));
      return text;
    };
    return {
      language,
      setLanguage,
      t,
      date: (v) => dateFmt.format(toDate(v)),
      longDate: (v) => longFmt.format(toDate(v)),
      shortDay: (v) => shortDayFmt.format(toDate(v)),
      time: (v) => timeFmt.format(toDate(v)),
      dateTime: (v) => `${longFmt.format(toDate(v))} ${language === 'da' ? 'kl.' : 'at'} ${timeFmt.format(toDate(v))}`,
      // Rounded first, so a small negative never shows as "-0,0".
      number: (v, digits = 0) => {
        const rounded = Math.round(v * 10 ** digits) / 10 ** digits;
        return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
          rounded === 0 ? 0 : rounded,
        );
      },
      percent: (v) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v),
      activity: (code, danishName) => {
        const key = `activity.${code}` as MessageKey;
        return key in dict ? t(key) : (danishName ?? code);
      },
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
