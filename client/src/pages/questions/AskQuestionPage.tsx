/** The ask form: title, details, the anonymous option, and the "not medical advice" notice. */
import type { AskQuestionBody, Question } from '@circles/shared';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/http';
import { TextAreaField, TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useGroupContext } from '../groups/groupContext';
import { MedicalNotice } from './parts';
import '../../styles/questions.css';

type Errors = Partial<Record<'title' | 'body', string>>;

function validate(title: string, body: string): Errors {
  const errors: Errors = {};
  const t = title.trim();
  if (t.length < 10) errors.title = 'Write at least 10 characters so others understand the question.';
  else if (t.length > 200) errors.title = 'Keep the title under 200 characters.';
  if (!body.trim()) errors.body = 'Add a few details: what happened, what you have tried.';
  else if (body.trim().length > 10000) errors.body = 'Keep the details under 10,000 characters.';
  return errors;
}

export default function AskQuestionPage() {
  const { group } = useGroupContext();
  useDocumentTitle(`Ask a question · ${group.name}`);
  const navigate = useNavigate();
  const noticeId = useId();
  const anonId = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [personalData, setPersonalData] = useState(false);
  const [busy, setBusy] = useState(false);

  const isMember = group.myMembership?.status === 'active';

  const submit = async (e: FormEvent | null, acknowledgePersonalData = false) => {
    e?.preventDefault();
    setFormError(null);
    const found = validate(title, body);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const payload: AskQuestionBody = { title: title.trim(), body: body.trim(), anonymous };
      if (acknowledgePersonalData) payload.acknowledgePersonalData = true;
      const created = await api.post<Question & { safety?: unknown }>(`/groups/${encodeURIComponent(group.slug)}/questions`, payload);
      navigate(`/questions/${created.id}`, { state: { safety: created.safety ?? null, justAsked: true } });
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'PERSONAL_DATA') {
          setPersonalData(true);
          setFormError('Your question seems to contain personal details (like a phone number or address). Remove them, or post anyway.');
        } else if (err.code === 'VALIDATION_ERROR') {
          const fields = err.fieldErrors();
          setErrors({ title: fields.title, body: fields.body });
          setFormError(err.message);
        } else {
          setFormError(err.message);
        }
      } else {
        setFormError('Could not post your question. Try again.');
      }
    } finally {
      setBusy(false);
    }
  };

  if (!isMember) {
    return (
      <section aria-labelledby="ask-title">
        <h2 id="ask-title">Ask a question</h2>
        <p>Join this group to ask a question.</p>
        <Link to=".." relative="path">Back to questions</Link>
      </section>
    );
  }

  return (
    <section aria-labelledby="ask-title" className="ask-question">
      <h2 id="ask-title">Ask a question</h2>
      <MedicalNotice id={noticeId} />
      <form onSubmit={(e) => submit(e)} noValidate aria-describedby={noticeId} className="card">
        {formError && (
          <div className="error-box" role="alert">
            <p>{formError}</p>
            {personalData && (
              <button type="button" className="button secondary" onClick={() => submit(null, true)} disabled={busy}>
                Post anyway
              </button>
            )}
          </div>
        )}
        <TextField
          label="Your question"
          hint="A short summary, 10 to 200 characters."
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          required
        />
        <TextAreaField
          label="Details"
          hint="What happened, what you have tried, what you would like to know."
          value={body}
          rows={6}
          maxLength={10000}
          onChange={(e) => setBody(e.target.value)}
          error={errors.body}
          required
        />
        <div className="field checkbox-field">
          <div className="inline-row">
            <input id={anonId} type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} aria-describedby={`${anonId}-hint`} />
            <label htmlFor={anonId}>Ask anonymously</label>
          </div>
          <p id={`${anonId}-hint`} className="hint">
            Your name is hidden from everyone except this group’s moderators.
          </p>
        </div>
        <div className="inline-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Posting…' : 'Ask a question'}
          </button>
          <Link to=".." relative="path">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
