// Vietnamese first, English complete. Each module brings its own messages; a
// test checks that every key exists in both languages.
import { kernelMessages } from './messages.ts';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

export type Messages = Record<string, string>;
export type MessageBundle = { vi: Messages; en: Messages };
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const catalog: Record<Locale, Messages> = { vi: {}, en: {} };

export function registerMessages(bundle: MessageBundle): void {
  Object.assign(catalog.vi, bundle.vi);
  Object.assign(catalog.en, bundle.en);
}
registerMessages(kernelMessages);

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

export function hasMessage(key: string): boolean {
  return key in catalog.vi;
}

export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const template = catalog[locale][key] ?? catalog.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function allMessages(): Readonly<Record<Locale, Messages>> {
  return catalog;
}

/** Picks vi or en from an Accept-Language header; Vietnamese when nothing matches. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

const numberFormats: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** 1.234,5 in Vietnamese, 1,234.5 in English. */
export function formatNumber(
  locale: Locale,
  value: number | null | undefined,
  maxFractionDigits = 2,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return numberFormat(locale, maxFractionDigits).format(value);
}

// Building an Intl.NumberFormat costs far more than formatting with one (a page of figures
// formats hundreds of numbers): one per locale and number of decimals, made on first use.
const numberFormatCache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, maxFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${maxFractionDigits}`;
  let f = numberFormatCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(numberFormats[locale], { maximumFractionDigits: maxFractionDigits });
    numberFormatCache.set(key, f);
  }
  return f;
}

/** dd/mm/yyyy for both languages (the format of Vietnamese official documents). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value : value.toISOString();
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(value);
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  // Shown in Vietnam time (UTC+7) whatever the server's zone.
  const local = new Date(d.getTime() + 7 * 3600_000);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
