/**
 * The SPA's translations: i18next with react-i18next, one catalogue per language and domain
 * (namespace) in ./locales/<lang>/<ns>.ts, each loaded by a dynamic import only when a page that
 * uses it is shown in that language — French costs nothing to an English reader, and a domain's
 * strings arrive with its lazily loaded pages. A file uses one namespace as its own
 * (`const { t } = useTranslation(['chat', 'common']); t('composer.send')`) and prefixes any other
 * (`t('common:nav.settings')`); code outside components writes `i18n.t('chat:composer.send')`.
 * Keys are typed from the English catalogues (resources.ts): a typo fails typecheck.
 */
import type { Locale } from '@circles/shared';
import { isLocale, LOCALES, negotiateLocale } from '@circles/shared/client';
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Namespace } from './resources';
import './resources';

const STORAGE_KEY = 'circles.locale';

type Catalogue = { default: Record<string, string> };
const catalogues = import.meta.glob<Catalogue>('./locales/*/*.ts');

/** Reads `./locales/<lng>/<ns>.ts` on first use (a separate chunk per file). */
const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = catalogues[`./locales/${language}/${namespace}.ts`];
    if (!load) return callback(new Error(`no catalogue ${language}/${namespace}`), false);
    load().then(
      (module) => callback(null, module.default),
      (err: Error) => callback(err, false),
    );
  },
};

/** Fetches these catalogues of the reader's language ahead of the first page that uses them (see App's preloadRoute). */
export function preloadCatalogues(namespaces: Namespace[]): void {
  const language = initialLocale();
  for (const namespace of namespaces) void catalogues[`./locales/${language}/${namespace}.ts`]?.().catch(() => undefined);
}

/** The language chosen on this device, else the browser's preference. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    /* storage unavailable (private mode): follow the browser */
  }
  return negotiateLocale(typeof navigator === 'undefined' ? null : navigator.languages);
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

/**
 * `{{count, number}}` with one Intl.NumberFormat per language. i18next's own cached formatter keys its
 * cache on the whole options object, count included, so each new number built a new formatter — a few
 * milliseconds apiece on a phone, paid by every card and reaction count of a page's first render.
 * Whole numbers from 0 to 999 read the same in every language Circles speaks (no grouping, no sign):
 * most counts are written without Intl at all.
 */
function cacheNumberFormats(): void {
  const formats = new Map<string, Intl.NumberFormat>();
  i18n.services.formatter?.add('number', (value: number, lng: string | undefined) => {
    if (Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
    const language = lng ?? currentLocale();
    let format = formats.get(language);
    if (!format) {
      format = new Intl.NumberFormat(language);
      formats.set(language, format);
    }
    return format.format(value);
  });
}

/** Starts i18next and loads the common catalogue of the reader's language; resolves when the first paint can happen. */
export function startI18n(): Promise<unknown> {
  const ready = i18n
    .use(lazyCatalogues)
    .use(initReactI18next)
    .init({
      lng: initialLocale(),
      supportedLngs: [...LOCALES],
      // French is complete (tests/i18n fails otherwise): never fetch English as a fallback for a French reader.
      fallbackLng: false,
      load: 'languageOnly',
      // Condition names appear on most pages (cards, headers): fetched with common, in parallel.
      ns: ['common', 'conditions'] satisfies Namespace[],
      defaultNS: 'common',
      keySeparator: false,
      nsSeparator: ':',
      // React escapes what it renders; the catalogues hold plain text.
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: true },
    });
  // The services (the formatter among them) exist once init returns; the catalogues load after.
  cacheNumberFormats();
  return ready;
}

/** The language shown now (before i18next has started: the one it will start with). */
export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : initialLocale());

/** Shows the SPA in `locale` and remembers it on this device (the account keeps it too: see language.ts). */
export async function showLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* not remembered on this device; the account setting still applies */
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
