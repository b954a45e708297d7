/**
 * The fields of a new account — display name, email, password — with their checks, as the sign-up
 * page and an invite link's "Create an account and join" both ask them. Only lazy routes import this
 * module, so the schema (zod) stays out of the first script.
 */
// The schema itself, so the form and the API refuse the same things.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { registerBody, validationMessage } from '@circles/shared';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { TextField } from '../../components/Field';
import { i18n } from '../../i18n';

export type AccountField = 'displayName' | 'email' | 'password';
export type AccountValues = Record<AccountField, string>;
export type AccountErrors = Partial<Record<AccountField, string>>;

export const NO_ACCOUNT_VALUES: AccountValues = { displayName: '', email: '', password: '' };

const labelOf = (field: AccountField) => i18n.t(`common:field.${field}`);

/** What the server's schema refuses, by field, in the reader's language (first problem of each): shown before a round trip. */
export function accountErrors(values: AccountValues): AccountErrors {
  const parsed = registerBody.safeParse(values);
  if (parsed.success) return {};
  const errors: AccountErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as AccountField;
    const { key, params } = validationMessage(issue);
    errors[field] ??= i18n.t('common:field.problem', { field: labelOf(field), problem: i18n.t(`common:${key}`, params) });
  }
  return errors;
}

/** The server's refusal said beside the field it concerns (a taken email, a field it refused), or null when it is about none. */
export function accountErrorsFrom(err: unknown): AccountErrors | null {
  if (err instanceof ApiError && err.code === 'CONFLICT') return { email: i18n.t('common:register.emailTaken') };
  if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') return err.fieldErrors() as AccountErrors;
  return null;
}

export function AccountFields({
  values,
  errors,
  onChange,
  displayNameHint,
}: {
  values: AccountValues;
  errors: AccountErrors;
  onChange: (field: AccountField) => (e: ChangeEvent<HTMLInputElement>) => void;
  displayNameHint?: string;
}) {
  const { t } = useTranslation('common');
  return (
    <>
      <TextField
        label={t('field.displayName')}
        hint={displayNameHint}
        autoComplete="nickname"
        value={values.displayName}
        onChange={onChange('displayName')}
        error={errors.displayName}
        required
      />
      <TextField label={t('field.email')} type="email" autoComplete="email" value={values.email} onChange={onChange('email')} error={errors.email} required />
      <TextField
        label={t('field.password')}
        type="password"
        hint={t('register.passwordHint')}
        autoComplete="new-password"
        value={values.password}
        onChange={onChange('password')}
        error={errors.password}
        required
      />
    </>
  );
}
