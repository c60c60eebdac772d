/**
 * The portal's language: a typed translation table, chosen from the element's `lang`, else the
 * closest `[lang]` around it, else the page's, else English (see `ConnectPortal`); dates,
 * numbers and lists through `Intl` in that locale. No English string lives outside the tables.
 *
 * English is built in; every other table is its own file, loaded the first time a portal asks for
 * its language, so that a page pays only for the language it shows (see docs/architecture.md).
 */
import { importBeside } from '../lazy/import-beside.js';
import { en, type Translation } from './en.js';

/** Every language the portal has a table for. */
export const LOCALES = ['en', 'de', 'fr', 'es', 'ja'] as const;

export type LocaleTag = (typeof LOCALES)[number];

const loaded = new Map<LocaleTag, Translation>([['en', en]]);
const loading = new Map<LocaleTag, Promise<Translation>>();

/**
 * The table of a language, loaded once and shared by every portal of the page. Rejects when its
 * file cannot be loaded (the portal then stays in English and says so in the console).
 */
export function loadTranslation(locale: LocaleTag): Promise<Translation> {
  const table = loaded.get(locale);
  if (table) return Promise.resolve(table);
  let pending = loading.get(locale);
  if (!pending) {
    pending = importBeside<Record<string, Translation | undefined>>(`locales/${locale}`, `translations/${locale}.ts`).then((module) => {
      const table = module[locale];
      if (!table) throw new Error(`The ${locale} translation file has no "${locale}" table.`);
      loaded.set(locale, table);
      return table;
    });
    // A failed load can be tried again, by the next portal that asks.
    pending.catch(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

export interface I18n {
  /** The language of the table in use, such as `de` or `en`: what the portal's `lang` says. */
  readonly locale: LocaleTag;
  readonly t: Translation;
  /** A date (an ISO string) in the user's language: "3 Nov 2026". */
  date(iso: string): string;
  number(value: number): string;
  /** `["a", "b", "c"]` as "a, b and c" in the user's language. */
  list(items: string[]): string;
}

/**
 * Something the portal tells the user, put into words when it is shown: kept in state instead of
 * a string, so that it follows a change of language. A server's message is `() => message`.
 */
export type Message = (i18n: I18n) => string;

const isLocaleTag = (tag: string): tag is LocaleTag => (LOCALES as readonly string[]).includes(tag);

/** The best table for a requested language tag: `de-AT` finds `de`; anything unknown is English. */
export function resolveLocale(requested: string | undefined | null): LocaleTag {
  const tag = (requested ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (isLocaleTag(tag)) return tag;
  const language = tag.split('-')[0] ?? '';
  return isLocaleTag(language) ? language : 'en';
}

/**
 * The locale `Intl` formats in: the requested tag itself when it is a well-formed one of the
 * table's language (`de-AT` dates the Austrian way, `en-GB` the British way), else the table's.
 * `getCanonicalLocales` only checks the tag's form: `supportedLocalesOf` would load the locale
 * data of every language, 60 ms on a page's first portal.
 */
function formattingLocale(requested: string | undefined | null, locale: LocaleTag): string {
  const tag = (requested ?? '').trim().replaceAll('_', '-');
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical && canonical.toLowerCase().split('-')[0] === locale) return canonical;
  } catch {
    // Not a well-formed language tag.
  }
  return locale;
}

/**
 * Made once per requested tag and table: every element of a view starts with English before the
 * portal's language reaches it, and making `Intl` formatters for each was a third of the time a
 * large view took to render (bench/integration-view.ts).
 */
const made = new Map<string, I18n>();

/**
 * The words and formats for a requested language tag, from its table if it is loaded
 * (`loadTranslation`), else English until it is.
 */
export function createI18n(requested?: string | null): I18n {
  const wanted = resolveLocale(requested);
  const locale = loaded.has(wanted) ? wanted : 'en';
  const key = `${locale} ${requested ?? ''}`;
  let i18n = made.get(key);
  if (!i18n) {
    // A page may try any number of tags; a few dozen cover every real one.
    if (made.size >= 64) made.clear();
    made.set(key, (i18n = makeI18n(requested, locale)));
  }
  return i18n;
}

function makeI18n(requested: string | null | undefined, locale: LocaleTag): I18n {
  const formatting = formattingLocale(requested, locale);
  // Each formatter is made when first used: a view that shows no list never pays for one.
  let dates: Intl.DateTimeFormat | undefined;
  let numbers: Intl.NumberFormat | undefined;
  let lists: Intl.ListFormat | undefined;
  return {
    locale,
    t: loaded.get(locale) ?? en,
    date: (iso) => {
      const time = Date.parse(iso);
      return Number.isNaN(time) ? '' : (dates ??= new Intl.DateTimeFormat(formatting, { dateStyle: 'medium' })).format(time);
    },
    number: (value) => (numbers ??= new Intl.NumberFormat(formatting)).format(value),
    list: (items) => (lists ??= new Intl.ListFormat(formatting, { type: 'conjunction' })).format(items),
  };
}
