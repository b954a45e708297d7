/**
 * Types derived from the English catalogue: `MessageKey` (what code may name) and the shape the
 * French catalogue must have. Kept apart from index.ts so fr.ts can use them without a cycle.
 */
import type { en } from './en.js';

type CatalogueKey = keyof typeof en;
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;
type Singular = Exclude<CatalogueKey, `${string}_${PluralCategory}`>;

/** Every key a server text can have: `'groups.notFound'`, `'messages.slowMode'` (plural, by `count`). */
export type MessageKey = Singular | PluralBase<CatalogueKey>;

/** French has three plural forms: one (0, 1), many (1 000 000 de …) and other. */
export type FrenchCatalogue = Record<Singular, string> & Record<`${PluralBase<CatalogueKey>}_${'one' | 'many' | 'other'}`, string>;
