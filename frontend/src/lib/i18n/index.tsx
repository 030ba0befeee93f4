import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { de } from '@/lib/i18n/de';
import { en, type MessageKey } from '@/lib/i18n/en';

/**
 * A small dictionary-based i18n: two languages, a typed key per message (the German
 * dictionary must have every English key, or the build fails), `{name}` placeholders.
 */

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { MessageKey };

const dictionaries: Record<Language, Record<MessageKey, string>> = { en, de };
const STORAGE_KEY = 'cityfix.language';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(
  language: Language,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be disabled; fall back to the browser's language.
  }
  const preferred = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
  return isLanguage(preferred) ? preferred : 'en';
}

type I18n = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** Dates and times in the person's language. */
  formatDateTime: (iso: string) => string;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => fixed ?? initialLanguage());

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but switched for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return {
      language,
      setLanguage,
      t: (key, values) => translate(language, key, values),
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n needs an I18nProvider');
  return context;
}
