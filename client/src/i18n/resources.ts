/**
 * The namespaces (one per domain) and their English catalogues as types, for typed keys:
 * `t('chat:composer.send')` fails typecheck when the key is not in locales/en/chat.ts.
 * Type-only imports: no catalogue enters the bundle through this file.
 */
import type common from './locales/en/common';

export interface Resources {
  common: typeof common;
}
export type Namespace = keyof Resources;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Resources;
    keySeparator: false;
    nsSeparator: ':';
  }
}
