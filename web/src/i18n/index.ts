import type { Language } from '../model.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import { zh } from './zh.js';

// The page's words in en, fr, ru and zh, and the Intl formats of each: one table per language.

/** A word that depends on a number: one form per plural category of the language, `other` always. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

type Shape<T> = T extends string ? string : T extends { other: string } ? Plural : { [K in keyof T]: Shape<T[K]> };

/** The keys of en.ts, every value a string or a Plural: what every language's table must have. */
export type Messages = Shape<typeof en>;

export const messages: Record<Language, Messages> = { en, fr, ru, zh };

/** The locale of each language's dates and numbers: the page's English is British. */
export const locales: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', ru: 'ru-RU', zh: 'zh-CN' };

export const languages: readonly Language[] = ['en', 'fr', 'ru', 'zh'];

/** Each language in its own words, for the language menu. */
export const languageNames: Record<Language, string> = { en: 'English', fr: 'Français', ru: 'Русский', zh: '中文' };

const isLanguage = (value: string | null | undefined): value is Language =>
  value !== null && value !== undefined && (languages as readonly string[]).includes(value);

/** The URL's `lang=` if it is one of ours, else the first of the browser's languages that is, else English. */
export function chooseLanguage(fromUrl: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(fromUrl)) return fromUrl;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** `template` with each {name} replaced by its value. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The template cut at its {placeholders}, each replaced by a node or text: for text with links or markup inside. */
export function fillParts<T>(template: string, values: Record<string, T | string>): (T | string)[] {
  return template
    .split(/(\{\w+\})/)
    .filter((part) => part !== '')
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in values ? (values[name] as T | string) : part;
    });
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The form of `word` for the number `n` in `lang` (ordinal: "1st", "2nd"; else cardinal: "1 member"). */
export function plural(word: Plural, n: number, lang: Language, type: Intl.PluralRuleType = 'cardinal'): string {
  const key = `${lang}/${type}`;
  let rules = pluralRules.get(key);
  if (!rules) {
    rules = new Intl.PluralRules(locales[lang], { type });
    pluralRules.set(key, rules);
  }
  return word[rules.select(n)] ?? word.other;
}

export type Precision = 'day' | 'month' | 'year';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day in the language ("1 janvier 2010", "2010年1月1日"), or only its month or year when that is all that is known. */
export function formatDate(date: string, lang: Language, precision: Precision = 'day'): string {
  const key = `${lang}/${precision}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[lang], {
      day: precision === 'day' ? 'numeric' : undefined,
      month: precision === 'year' ? undefined : 'long',
      year: 'numeric',
      // Dates here are days, not instants: read and written in UTC they never move.
      timeZone: 'UTC',
    });
    dateFormats.set(key, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

export function formatNumber(n: number, lang: Language): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(locales[lang]);
    numberFormats.set(lang, format);
  }
  return format.format(n);
}

/** The name of a language (ISO 639-1 code) in the page's language: "anglais", "английский". */
export function languageName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames(locales[lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
