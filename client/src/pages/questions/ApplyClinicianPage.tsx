/** "Apply as a clinician": licence details for an admin to verify, and the status of earlier applications. */
import type { ClinicianApplication, ClinicianApplicationBody, ClinicianApplicationList } from '@circles/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/http';
import { TextAreaField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { isVerifiedClinician, useSession } from '../../stores/session';
import { formatDateTime } from './parts';
import '../../styles/questions.css';

type Field = 'licenseNumber' | 'jurisdiction' | 'specialty' | 'note';
type Errors = Partial<Record<Field, string>>;


function validate(v: Record<Field, string>): Errors {
  const errors: Errors = {};
  if (v.licenseNumber.trim().length < 3) errors.licenseNumber = i18n.t('questions:apply.licenceMissing');
  if (v.jurisdiction.trim().length < 2) errors.jurisdiction = i18n.t('questions:apply.jurisdictionMissing');
  if (v.specialty.trim().length < 2) errors.specialty = i18n.t('questions:apply.specialtyMissing');
  if (v.note.length > 2000) errors.note = i18n.t('questions:apply.noteTooLong');
  return errors;
}

export default function ApplyClinicianPage() {
  const { t } = useTranslation('questions');
  useDocumentTitle(t('apply.title'));
  const user = useSession((s) => s.user);
  const [applications, setApplications] = useState<ClinicianApplication[] | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({ licenseNumber: '', jurisdiction: '', specialty: '', note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setApplications((await api.get<ClinicianApplicationList>('/clinician-applications')).items);
    } catch {
      setApplications([]);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const set = (field: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setDone(null);
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const body: ClinicianApplicationBody = {
        licenseNumber: values.licenseNumber.trim(),
        jurisdiction: values.jurisdiction.trim(),
        specialty: values.specialty.trim(),
        note: values.note.trim(),
      };
      await api.post('/clinician-applications', body);
      setValues({ licenseNumber: '', jurisdiction: '', specialty: '', note: '' });
      setDone(t('apply.sent'));
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setFormError(t('apply.alreadyPending'));
      else if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') {
        setErrors(err.fieldErrors() as Errors);
        setFormError(err.message);
      } else setFormError(err instanceof ApiError ? err.message : t('apply.failed'));
    } finally {
      setBusy(false);
    }
  };

  const pending = applications?.some((a) => a.status === 'pending') ?? false;

  return (
    <section aria-labelledby="apply-title" className="apply-clinician">
      <h1 id="apply-title">{t('apply.title')}</h1>
      <p className="lede">{t('apply.lede')}</p>
      {isVerifiedClinician(user) && user?.clinician && (
        <p className="success-box">
          {t('apply.verified', {
            specialty: user.clinician.specialty,
            jurisdiction: user.clinician.jurisdiction,
            date: formatDateTime(user.clinician.expiresAt),
          })}{' '}
          <Link to="/clinician/queue">{t('apply.openQueue')}</Link>. {t('apply.renew')}
        </p>
      )}

      {applications && applications.length > 0 && (
        <section aria-labelledby="my-applications" className="card">
          <h2 id="my-applications">{t('apply.yours')}</h2>
          <ul className="plain-list">
            {applications.map((a) => (
              <li key={a.id}>
                <strong>{t(`apply.status.${a.status}`)}</strong> · {a.specialty}, {a.jurisdiction} ·{' '}
                {t('apply.sentOn', { date: formatDateTime(a.createdAt) })}
                {a.reviewNote && <p className="muted">{t('apply.reviewerNote', { note: a.reviewNote })}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <p role="status" aria-live="polite" className={done ? 'success-box' : 'visually-hidden'}>
        {done}
      </p>

      {applications === null ? (
        <Loading label={t('apply.loading')} />
      ) : pending ? (
        <p>{t('apply.waiting')}</p>
      ) : (
        <form onSubmit={submit} noValidate className="card">
          {formError && (
            <p className="error-box" role="alert">
              {formError}
            </p>
          )}
          <TextField
            label={t('apply.licence')}
            value={values.licenseNumber}
            onChange={set('licenseNumber')}
            error={errors.licenseNumber}
            maxLength={64}
            autoComplete="off"
            required
          />
          <TextField
            label={t('apply.jurisdiction')}
            hint={t('apply.jurisdictionHint')}
            value={values.jurisdiction}
            onChange={set('jurisdiction')}
            error={errors.jurisdiction}
            maxLength={100}
            required
          />
          <TextField label={t('apply.specialty')} value={values.specialty} onChange={set('specialty')} error={errors.specialty} maxLength={100} required />
          <TextAreaField
            label={t('apply.note')}
            hint={t('apply.noteHint')}
            value={values.note}
            onChange={set('note')}
            error={errors.note}
            maxLength={2000}
            rows={3}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('apply.busy') : t('apply.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
