/**
 * The new-password rule of the contract, checked in the form before a round trip: the same schema the
 * server validates with (these pages are lazy routes, so zod stays out of the first script).
 */
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { passwordResetConfirmBody, validationMessage } from '@circles/shared';
import { i18n } from '../../i18n';

/** What is wrong with `value` as a new password, in the reader's language, or undefined. */
export function newPasswordProblem(value: string, label: string): string | undefined {
  const parsed = passwordResetConfirmBody.shape.newPassword.safeParse(value);
  if (parsed.success) return undefined;
  const { key, params } = validationMessage(parsed.error.issues[0]!);
  return i18n.t('common:field.problem', { field: label, problem: i18n.t(`common:${key}`, params) });
}
