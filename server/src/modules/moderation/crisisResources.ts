/**
 * Where the author of a post that reads as a crisis is pointed, in their language: the `safety` notice
 * their own answer carries (REST body and socket ack alike), never anyone else's. Services say whether a
 * post read as a crisis; the edges add the notice in the reader's language, as they translate errors.
 *
 * The places are configuration: `CRISIS_RESOURCES` (config.ts, validated at start) replaces the defaults
 * below — 988 in Canada and in the US (call or text), Kids Help Phone, and 911 for an emergency. Default
 * names are server texts (`crisis.resource.*` in i18n/en.ts and fr.ts); a configured name is one text for
 * every language or one per language.
 */
import type { SafetyInfo } from '@circles/shared';
import type { Config, CrisisResourceSetting } from '../../config.js';
import { translate, type Locale, type MessageKey } from '../../i18n/index.js';

interface DefaultResource extends Omit<CrisisResourceSetting, 'name'> {
  name: MessageKey;
}

export const DEFAULT_CRISIS_RESOURCES: readonly DefaultResource[] = [
  { name: 'crisis.resource.988CA', phone: '988', text: '988', url: 'https://988.ca', region: 'CA' },
  { name: 'crisis.resource.988US', phone: '988', text: '988', url: 'https://988lifeline.org', region: 'US' },
  { name: 'crisis.resource.kidsHelpPhone', phone: '1-800-668-6868', text: '686868', url: 'https://kidshelpphone.ca', region: 'CA' },
  { name: 'crisis.resource.emergency', phone: '911', region: 'CA,US' },
];

function nameOf(resource: CrisisResourceSetting | DefaultResource, locale: Locale, isDefault: boolean): string {
  if (isDefault) return translate(locale, resource.name as MessageKey);
  return typeof resource.name === 'string' ? resource.name : resource.name[locale];
}

/** The configured resources in `locale` (absent fields left out, as the contract's shape has them optional). */
export function crisisResources(config: Pick<Config, 'crisisResources'>, locale: Locale): SafetyInfo['resources'] {
  const configured = config.crisisResources;
  const list: ReadonlyArray<CrisisResourceSetting | DefaultResource> = configured ?? DEFAULT_CRISIS_RESOURCES;
  return list.map((r) => ({
    name: nameOf(r, locale, configured === null),
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.text ? { text: r.text } : {}),
    ...(r.url ? { url: r.url } : {}),
    region: r.region,
  }));
}

/**
 * The author's answer: `item` itself, plus `safety: { crisis: true, resources }` in their language when
 * the post read as a crisis. A post that did not carries no `safety` field at all.
 */
export function withSafety<T extends object>(item: T, crisis: boolean, config: Pick<Config, 'crisisResources'>, locale: Locale): T & { safety?: SafetyInfo } {
  if (!crisis) return item;
  return { ...item, safety: { crisis: true, resources: crisisResources(config, locale) } };
}
