/** The organization's details, for creating one and for its admins' edits. */
import type { Organization, OrganizationKind } from '@circles/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField, TextField } from '../../components/Field';

export const KINDS: OrganizationKind[] = ['hospital', 'clinic', 'community-health', 'charity', 'patient-association', 'other'];

export interface OrgFormValues {
  name: string;
  kind: OrganizationKind;
  description: string;
  website: string;
  location: string;
  title: string;
}

export function OrgForm({
  initial,
  withTitle,
  submitLabel,
  busyLabel,
  onSubmit,
}: {
  initial?: Organization;
  withTitle: boolean;
  submitLabel: string;
  busyLabel: string;
  onSubmit(values: OrgFormValues): Promise<void>;
}) {
  const { t } = useTranslation(['orgs', 'common']);
  const [values, setValues] = useState<OrgFormValues>({
    name: initial?.name ?? '',
    kind: initial?.kind ?? 'hospital',
    description: initial?.description ?? '',
    website: initial?.website ?? '',
    location: initial?.location ?? '',
    title: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof OrgFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await onSubmit(values);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') setErrors(err.fieldErrors());
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      {Object.keys(errors).length > 0 && (
        <p className="error-box" role="alert">
          {t('form.fix')}
        </p>
      )}
      {Object.keys(errors).length === 0 && <ErrorState error={error} />}
      <TextField label={t('field.name')} value={values.name} onChange={set('name')} error={errors.name} required maxLength={100} />
      <div className="field">
        <label htmlFor="org-kind">{t('field.kind')}</label>
        <select id="org-kind" value={values.kind} onChange={set('kind')}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <TextAreaField label={t('field.description')} value={values.description} onChange={set('description')} error={errors.description} required rows={4} />
      <TextField label={t('field.location')} hint={t('field.locationHint')} value={values.location} onChange={set('location')} error={errors.location} />
      <TextField label={t('field.website')} hint={t('field.websiteHint')} type="url" value={values.website} onChange={set('website')} error={errors.website} />
      {withTitle && <TextField label={t('field.myTitle')} hint={t('field.myTitleHint')} value={values.title} onChange={set('title')} error={errors.title} />}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
