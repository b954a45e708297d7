/**
 * A new password and its confirmation, as the emailed reset link and Settings › Password ask them.
 * Each page keeps its own words (labels, mismatch message): browser checks find the fields by them.
 */
import type { ChangeEvent } from 'react';
import { TextField } from '../../components/Field';
import { newPasswordProblem } from './passwordRules';

export type NewPasswordField = 'newPassword' | 'confirm';

interface Labels {
  newPassword: string;
  confirm: string;
  hint: string;
}

/** What is wrong with the pair, by field: the contract's rule for the new password first, then a mismatch. */
export function newPasswordErrors(
  values: Record<NewPasswordField, string>,
  words: { newPassword: string; mismatch: string },
): Partial<Record<NewPasswordField, string>> {
  const problem = newPasswordProblem(values.newPassword, words.newPassword);
  if (problem) return { newPassword: problem };
  return values.confirm === values.newPassword ? {} : { confirm: words.mismatch };
}

export function NewPasswordFields({
  labels,
  values,
  errors,
  onChange,
}: {
  labels: Labels;
  values: Record<NewPasswordField, string>;
  errors: Partial<Record<NewPasswordField, string>>;
  onChange: (field: NewPasswordField) => (e: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <>
      <TextField
        label={labels.newPassword}
        type="password"
        autoComplete="new-password"
        hint={labels.hint}
        value={values.newPassword}
        onChange={onChange('newPassword')}
        error={errors.newPassword}
        required
      />
      <TextField
        label={labels.confirm}
        type="password"
        autoComplete="new-password"
        value={values.confirm}
        onChange={onChange('confirm')}
        error={errors.confirm}
        required
      />
    </>
  );
}
