import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import {
  chooseLanguage,
  fill,
  formatDate,
  languages,
  locales,
  type Messages,
  messages,
  plural,
} from '../../web/src/i18n/index.js';

// The Explorer's vocabulary: one table per language (web/src/i18n), each with every key of the English
// one, the same placeholders, and the plural forms its language needs.

type Leaf = { path: string; value: unknown };

function leaves(node: unknown, path = ''): Leaf[] {
  const isPlural = typeof node === 'object' && node !== null && 'other' in node;
  if (typeof node !== 'object' || node === null || isPlural) return [{ path, value: node }];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Object.values(value as Record<string, string>);

const english = leaves(messages.en);

describe('the Explorer’s vocabulary tables', () => {
  it('has four languages, English first', () => {
    expect(languages).toEqual(['en', 'fr', 'ru', 'zh']);
    expect(english.length, 'keys in en.ts').toBeGreaterThan(100);
  });

  for (const lang of ['fr', 'ru', 'zh'] as const) {
    it(`${lang}: every key of en.ts, no other, each a non-empty text with the same {placeholders}`, () => {
      const table = new Map(leaves(messages[lang]).map((leaf) => [leaf.path, leaf.value]));
      expect([...table.keys()].sort(), `the keys of ${lang}.ts`).toEqual(english.map((l) => l.path).sort());
      for (const { path, value } of english) {
        const translated = table.get(path);
        for (const text of texts(translated)) expect(text.trim(), `${lang} ${path}`).not.toBe('');
        for (const text of texts(translated)) {
          expect(placeholders(text), `the placeholders of ${lang} ${path}`).toEqual(
            placeholders(texts(value)[0] ?? ''),
          );
        }
      }
    });
  }

  for (const lang of languages) {
    it(`${lang}: each word that depends on a number has every plural form of the language`, () => {
      for (const { path, value } of leaves(messages[lang])) {
        if (typeof value !== 'object') continue;
        const type = path.endsWith('Ordinal') ? 'ordinal' : 'cardinal';
        const needed = new Intl.PluralRules(locales[lang], { type }).resolvedOptions().pluralCategories;
        expect(Object.keys(value as object).sort(), `${lang} ${path} (${type})`).toEqual([...needed].sort());
      }
    });
  }

  it('has a text for every data-i18n key of index.html', () => {
    const html = readFileSync(join(projectRoot, 'web', 'index.html'), 'utf8');
    const keys = [...html.matchAll(/data-i18n(?:-label)?="([\w.]+)"/g)].map((m) => m[1] ?? '');
    expect(keys.length).toBeGreaterThan(10);
    for (const lang of languages) {
      for (const key of keys) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages[lang]);
        expect(typeof value, `${lang} ${key}`).toBe('string');
      }
    }
  });
});

describe('the Explorer’s language and formats', () => {
  it('takes the URL’s language, else the browser’s first known one, else English', () => {
    expect(chooseLanguage('fr', ['ru-RU'])).toBe('fr');
    expect(chooseLanguage(null, ['de-DE', 'ru-RU', 'fr'])).toBe('ru');
    expect(chooseLanguage('xx', ['zh-Hans-CN'])).toBe('zh');
    expect(chooseLanguage(null, ['de-DE'])).toBe('en');
    expect(chooseLanguage(null, [])).toBe('en');
  });

  it('writes dates in the language, whole or to the month or year known', () => {
    expect(formatDate('2010-01-01', 'en')).toBe('1 January 2010');
    expect(formatDate('2010-01-01', 'fr')).toBe('1 janvier 2010');
    expect(formatDate('2010-01-01', 'ru')).toBe('1 января 2010 г.');
    expect(formatDate('2010-01-01', 'zh')).toBe('2010年1月1日');
    expect(formatDate('2025-07-01', 'fr', 'month')).toBe('juillet 2025');
    expect(formatDate('2025-01-01', 'en', 'year')).toBe('2025');
  });

  it('counts in the language’s plural forms', () => {
    const members = (t: Messages) => t.statusCount.member;
    expect([1, 2, 10].map((n) => plural(members(messages.en), n, 'en'))).toEqual(['member', 'members', 'members']);
    expect([0, 1, 6].map((n) => plural(members(messages.fr), n, 'fr'))).toEqual(['membre', 'membre', 'membres']);
    expect([1, 2, 5, 21].map((n) => plural(members(messages.ru), n, 'ru'))).toEqual([
      'член',
      'члена',
      'членов',
      'член',
    ]);
    const title = (n: number) => fill(plural(messages.en.summit.scoOrdinal, n, 'en', 'ordinal'), { n, city: 'X' });
    expect([1, 2, 3, 11, 24].map(title)).toEqual([
      '1st SCO summit, X',
      '2nd SCO summit, X',
      '3rd SCO summit, X',
      '11th SCO summit, X',
      '24th SCO summit, X',
    ]);
  });
});
