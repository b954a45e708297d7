import { i18n } from './index';

/** What the SPA needs to name someone: any PublicUser, or the smaller shapes that carry its flag. */
export interface NamedPerson {
  displayName: string;
  deleted?: boolean;
}

/**
 * A person's name as this reader sees it. A deleted account keeps its place in conversations under
 * the server's English placeholder name (shared/src/schemas/users.ts): the reader's language says it.
 */
export function personName(user: NamedPerson): string;
export function personName(user: NamedPerson | null | undefined): string | undefined;
export function personName(user: NamedPerson | null | undefined): string | undefined {
  if (!user) return undefined;
  return user.deleted ? i18n.t('common:people.deleted') : user.displayName;
}
