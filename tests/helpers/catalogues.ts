/**
 * Completeness of a set of catalogues (one object of key → text per language, i18next syntax): the
 * same base keys everywhere, every plural form each language's Intl.PluralRules can pick, no empty
 * text, and the same `{{parameters}}` as English. Returns one line per problem (empty: complete).
 */
const PLURAL = /_(zero|one|two|few|many|other)$/;

const baseKey = (key: string) => key.replace(PLURAL, '');
const parameters = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!).sort();

export function catalogueProblems(catalogues: Record<string, Record<string, string>>, reference = 'en'): string[] {
  const problems: string[] = [];
  const ref = catalogues[reference]!;
  const refBases = new Set(Object.keys(ref).map(baseKey));
  const refPlurals = new Set(Object.keys(ref).filter((k) => PLURAL.test(k)).map(baseKey));
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    const bases = new Set(Object.keys(catalogue).map(baseKey));
    for (const key of refBases) if (!bases.has(key)) problems.push(`${locale}: missing ${key}`);
    for (const key of bases) if (!refBases.has(key)) problems.push(`${locale}: ${key} is not in ${reference}`);
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const base of refPlurals) {
      if (base in catalogue) problems.push(`${locale}: ${base} is plural in ${reference}; give ${categories.map((c) => `${base}_${c}`).join(', ')}`);
      for (const category of categories) {
        if (bases.has(base) && !(`${base}_${category}` in catalogue)) problems.push(`${locale}: missing plural form ${base}_${category}`);
      }
    }
    for (const [key, text] of Object.entries(catalogue)) {
      if (!text.trim()) problems.push(`${locale}: ${key} is empty`);
      const refText = ref[key] ?? ref[`${baseKey(key)}_other`] ?? ref[baseKey(key)];
      if (refText === undefined) continue;
      const mine = parameters(text).filter((p) => p !== 'count');
      const theirs = parameters(refText).filter((p) => p !== 'count');
      if ([...new Set(mine)].join() !== [...new Set(theirs)].join()) problems.push(`${locale}: ${key} has {{${mine.join(', ')}}}, ${reference} has {{${theirs.join(', ')}}}`);
    }
  }
  return problems;
}
