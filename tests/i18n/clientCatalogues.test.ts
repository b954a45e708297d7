/// <reference types="vite/client" />
/**
 * The SPA's catalogues are complete and every key the code uses exists: English and French hold the
 * same namespaces and keys (each plural with every form its language needs, the same parameters),
 * every `t('…')` in client/src names a key of its namespace in both languages, and every condition
 * of the server's catalogue has a name in both. Runs without a browser.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONDITION_CATALOG } from '../../server/src/modules/conditions/catalog.js';
import { categoryKey } from '../../client/src/i18n/conditions.js';
import { catalogueProblems } from '../helpers/catalogues.js';

type Catalogue = Record<string, string>;
const modules = import.meta.glob<{ default: Catalogue }>('../../client/src/i18n/locales/*/*.ts', { eager: true });
const byLanguage: Record<string, Record<string, Catalogue>> = {};
for (const [file, module] of Object.entries(modules)) {
  const [, language, namespace] = /locales\/(\w+)\/(\w+)\.ts$/.exec(file)!;
  (byLanguage[language!] ??= {})[namespace!] = module.default;
}
const LANGUAGES = ['en', 'fr'];
const PLURAL = /_(zero|one|two|few|many|other)$/;
const hasKey = (language: string, namespace: string, key: string) => {
  const catalogue = byLanguage[language]?.[namespace] ?? {};
  return key in catalogue || Object.keys(catalogue).some((k) => k.replace(PLURAL, '') === key);
};

const clientRoot = path.resolve(import.meta.dirname, '../../client/src');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return full.includes(`${path.sep}locales`) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Every key literal a file passes to t(): plain, in a ternary, or a template (as a pattern). */
function usedKeys(source: string): Array<{ key: string; pattern?: RegExp; prefixed: boolean; viaInstance: boolean }> {
  const found: Array<{ key: string; pattern?: RegExp; prefixed: boolean; viaInstance: boolean }> = [];
  const call = /(\bi18n\.)?\bt\(\s*(?:[^,()'"`]*\?\s*)?(['"`])([^'"`]+)\2(?:\s*:\s*(['"`])([^'"`]+)\4)?/g;
  for (const m of source.matchAll(call)) {
    for (const literal of [m[3], m[5]]) {
      if (!literal) continue;
      const template = literal.includes('${');
      const pattern = template ? new RegExp(`^${literal.replace(/[.]/g, '\\.').replace(/\$\{[^}]+\}/g, '[^:]+')}$`) : undefined;
      found.push({ key: literal, pattern, prefixed: literal.includes(':'), viaInstance: Boolean(m[1]) });
    }
  }
  return found;
}

describe('client catalogues', () => {
  it('exist for the same namespaces in English and French', () => {
    expect(Object.keys(byLanguage).sort()).toEqual(LANGUAGES);
    expect(Object.keys(byLanguage.fr!).sort()).toEqual(Object.keys(byLanguage.en!).sort());
  });

  it.each(Object.keys(byLanguage.en ?? {}))('%s: French and English hold the same keys, plural forms and parameters', (namespace) => {
    expect(catalogueProblems(Object.fromEntries(LANGUAGES.map((l) => [l, byLanguage[l]![namespace]!])))).toEqual([]);
  });

  it('hold every key the SPA uses, in both languages', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(clientRoot)) {
      const source = readFileSync(file, 'utf8');
      const own = /useTranslation\(\s*\[?\s*'(\w+)'/.exec(source)?.[1];
      for (const use of usedKeys(source)) {
        const where = `${path.relative(clientRoot, file)}: ${use.key}`;
        if (use.viaInstance && !use.prefixed) {
          missing.push(`${where} (i18n.t needs a namespace prefix)`);
          continue;
        }
        const [namespace, key] = use.prefixed ? use.key.split(':') : [own, use.key];
        if (!namespace || !byLanguage.en![namespace]) {
          missing.push(`${where} (no namespace)`);
          continue;
        }
        for (const language of LANGUAGES) {
          const ok = use.pattern
            ? Object.keys(byLanguage[language]![namespace]!).some((k) => use.pattern!.test(use.prefixed ? `${namespace}:${k.replace(PLURAL, '')}` : k.replace(PLURAL, '')))
            : hasKey(language, namespace, key!);
          if (!ok) missing.push(`${where} (missing in ${language})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('name every condition and category of the server’s catalogue in both languages', () => {
    const missing: string[] = [];
    for (const condition of CONDITION_CATALOG) {
      for (const language of LANGUAGES) {
        if (!hasKey(language, 'conditions', `name.${condition.slug}`)) missing.push(`${language}: name.${condition.slug}`);
        if (!hasKey(language, 'conditions', categoryKey(condition.category))) missing.push(`${language}: ${categoryKey(condition.category)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('this test sees the keys it checks (it would notice a missing one)', () => {
    const sample = usedKeys("const { t } = useTranslation('chat'); t('composer.send'); t(x ? 'a.b' : 'c.d'); i18n.t('common:x.y'); t(`filter.${f}`)");
    expect(sample.map((u) => u.key)).toEqual(['composer.send', 'a.b', 'c.d', 'common:x.y', 'filter.${f}']);
    expect(hasKey('en', 'chat', 'composer.send')).toBe(true);
    expect(hasKey('fr', 'chat', 'composer.nope')).toBe(false);
  });
});
