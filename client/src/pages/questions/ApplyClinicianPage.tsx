/** "Apply as a clinician": licence details for an admin to verify, and the status of earlier applications. */
import type { ClinicianApplication, ClinicianApplicationBody, ClinicianApplicationList } from '@circles/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
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

const STATUS_LABEL: Record<ClinicianApplication['status'], string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Not approved',
};

function validate(v: Record<Field, string>): Errors {
  const errors: Errors = {};
  if (v.licenseNumber.trim().length < 3) errors.licenseNumber = 'Enter your licence or registration number.';
  if (v.jurisdiction.trim().length < 2) errors.jurisdiction = 'Enter where you are licensed, e.g. “Ontario, CA”.';
  if (v.specialty.trim().length < 2) errors.specialty = 'Enter your specialty, e.g. “Family medicine”.';
  if (v.note.length > 2000) errors.note = 'Keep the note under 2,000 characters.';
  return errors;
}

export default function ApplyClinicianPage() {
  useDocumentTitle('Apply as a clinician');
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
      setDone('Thank you. Your application was sent; an admin will review it.');
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setFormError('You already have an application waiting for review.');
      else if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') {
        setErrors(err.fieldErrors() as Errors);
        setFormError(err.message);
      } else setFormError(err instanceof ApiError ? err.message : 'Could not send your application. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const pending = applications?.some((a) => a.status === 'pending') ?? false;

  return (
    <section aria-labelledby="apply-title" className="apply-clinician">
      <h1 id="apply-title">Apply as a clinician</h1>
      <p className="lede">
        Verified clinicians carry a badge on everything they write, may answer health questions in any public group, and work
        through the queue of questions moderators pin for them.
      </p>
      {isVerifiedClinician(user) && user?.clinician && (
        <p className="success-box">
          You are a verified clinician ({user.clinician.specialty}, {user.clinician.jurisdiction}) until{' '}
          {formatDateTime(user.clinician.expiresAt)}. <Link to="/clinician/queue">Open the clinician queue</Link>. Apply again below to
          renew.
        </p>
      )}

      {applications && applications.length > 0 && (
        <section aria-labelledby="my-applications" className="card">
          <h2 id="my-applications">Your applications</h2>
          <ul className="plain-list">
            {applications.map((a) => (
              <li key={a.id}>
                <strong>{STATUS_LABEL[a.status]}</strong> · {a.specialty}, {a.jurisdiction} · sent {formatDateTime(a.createdAt)}
                {a.reviewNote && <p className="muted">Reviewer’s note: {a.reviewNote}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <p role="status" aria-live="polite" className={done ? 'success-box' : 'visually-hidden'}>
        {done}
      </p>

      {applications === null ? (
        <Loading label="Loading your applications" />
      ) : pending ? (
        <p>Your application is waiting for review. You can send another once it has been decided.</p>
      ) : (
        <form onSubmit={submit} noValidate className="card">
          {formError && (
            <p className="error-box" role="alert">
              {formError}
            </p>
          )}
          <TextField
            label="Licence or registration number"
            value={values.licenseNumber}
            onChange={set('licenseNumber')}
            error={errors.licenseNumber}
            maxLength={64}
            autoComplete="off"
            required
          />
          <TextField
            label="Jurisdiction"
            hint="Where you are licensed to practise, e.g. “Ontario, CA”."
            value={values.jurisdiction}
            onChange={set('jurisdiction')}
            error={errors.jurisdiction}
            maxLength={100}
            required
          />
          <TextField label="Specialty" value={values.specialty} onChange={set('specialty')} error={errors.specialty} maxLength={100} required />
          <TextAreaField
            label="Note for the reviewer (optional)"
            hint="Anything that helps verify you, such as where you practise."
            value={values.note}
            onChange={set('note')}
            error={errors.note}
            maxLength={2000}
            rows={3}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Sending…' : 'Submit application'}
          </button>
        </form>
      )}
    </section>
  );
}
