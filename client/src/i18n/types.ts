/**
 * Catalogue shapes. English is the source of keys; each French namespace is typed against its English
 * one, so a missing or extra key fails typecheck. Plural keys (`key_one` / `key_other` in English)
 * need French's three forms: one (0 and 1), many (« 1 000 000 de membres ») and other.
 */
type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;

export type FrenchOf<T> = Record<Exclude<keyof T & string, `${string}_${PluralCategory}`>, string> &
  Record<`${PluralBase<keyof T & string>}_${'one' | 'many' | 'other'}`, string>;
