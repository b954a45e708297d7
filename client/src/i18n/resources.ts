/**
 * The namespaces (one per domain) and their English catalogues as types, for typed keys:
 * `t('chat:composer.send')` fails typecheck when the key is not in locales/en/chat.ts.
 * Type-only imports: no catalogue enters the bundle through this file.
 */
import type account from './locales/en/account';
import type chat from './locales/en/chat';
import type common from './locales/en/common';
import type conditions from './locales/en/conditions';
import type events from './locales/en/events';
import type groups from './locales/en/groups';
import type orgs from './locales/en/orgs';
import type moderation from './locales/en/moderation';
import type notifications from './locales/en/notifications';
import type questions from './locales/en/questions';
import type safety from './locales/en/safety';

export interface Resources {
  account: typeof account;
  chat: typeof chat;
  common: typeof common;
  conditions: typeof conditions;
  events: typeof events;
  groups: typeof groups;
  orgs: typeof orgs;
  moderation: typeof moderation;
  notifications: typeof notifications;
  questions: typeof questions;
  safety: typeof safety;
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
