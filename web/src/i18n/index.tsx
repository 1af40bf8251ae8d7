// Language context: zh-CN first (the default), English as the alternative. The choice is kept in
// localStorage, sent to the server as Accept-Language, and drives Ant Design and dayjs locales.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type Vars = Record<string, string | number | null | undefined>;

const STORAGE_KEY = 'magnet.lang';
const DICTS: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

function readStoredLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN';
}

let currentLang: Lang = readStoredLang();

/** The language in use, for code outside React (the API client). */
export const getLang = (): Lang => currentLang;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] == null ? m : String(vars[name])));
}

/** Translates with the current language; for code outside React components. */
export function translate(key: MessageKey, vars?: Vars): string {
  return format(DICTS[currentLang][key] ?? zhCN[key] ?? key, vars);
}

function applyLang(lang: Lang) {
  currentLang = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  document.title = DICTS[lang]['app.name'] + (lang === 'en' ? ' · Investment and talent attraction' : '');
}
applyLang(currentLang);

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  toggleLang: () => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** For keys built at run time (codes from the server): the translation, or the fallback when unknown. */
  tk: (key: string, fallback: string, vars?: Vars) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);

  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
    setLangState(next);
  }, []);

  useEffect(() => {
    applyLang(lang);
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = DICTS[lang];
    const t = (key: MessageKey, vars?: Vars) => format(dict[key] ?? key, vars);
    return {
      lang,
      setLang,
      toggleLang: () => setLang(lang === 'en' ? 'zh-CN' : 'en'),
      t,
      tk: (key, fallback, vars) => (isMessageKey(key) ? t(key, vars) : fallback),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
