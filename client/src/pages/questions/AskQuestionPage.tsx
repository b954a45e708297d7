/** The ask form: title, details, the anonymous option, and the "not medical advice" notice. */
import type { AskQuestionBody, Question, SafetyInfo } from '@circles/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/http';
import { TextAreaField, TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { MutedNotice } from '../../safety/MutedNotice';
import { checkPersonalData, preloadPersonalData, spansFromDetails, type PersonalDataSpan } from '../../safety/personalData';
import { PersonalDataPrompt } from '../../safety/PersonalDataPrompt';
import { muteFromDetails, useModeration, useMyMute } from '../../stores/moderation';
import { useGroupContext } from '../groups/groupContext';
import { MedicalNotice } from './parts';
import '../../styles/questions.css';

type Errors = Partial<Record<'title' | 'body', string>>;

function validate(title: string, body: string): Errors {
  const errors: Errors = {};
  const t = title.trim();
  if (t.length < 10) errors.title = i18n.t('questions:ask.titleTooShort');
  else if (t.length > 200) errors.title = i18n.t('questions:ask.titleTooLong');
  if (!body.trim()) errors.body = i18n.t('questions:ask.bodyMissing');
  else if (body.trim().length > 10000) errors.body = i18n.t('questions:ask.bodyTooLong');
  return errors;
}

export default function AskQuestionPage() {
  const { t } = useTranslation('questions');
  const { group } = useGroupContext();
  useDocumentTitle(t('ask.pageTitle', { name: group.name }));
  const navigate = useNavigate();
  const noticeId = useId();
  const anonId = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [held, setHeld] = useState<{ title: PersonalDataSpan[]; body: PersonalDataSpan[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const mute = useMyMute(group);
  useEffect(() => preloadPersonalData(), []);

  const isMember = group.myMembership?.status === 'active';

  const submit = async (e: FormEvent | null, acknowledgePersonalData = false) => {
    e?.preventDefault();
    setFormError(null);
    const found = validate(title, body);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const payload: AskQuestionBody = { title: title.trim(), body: body.trim(), anonymous };
    if (!acknowledgePersonalData) {
      const [inTitle, inBody] = await Promise.all([checkPersonalData(payload.title), checkPersonalData(payload.body)]);
      if (inTitle.length + inBody.length > 0) return setHeld({ title: inTitle, body: inBody });
    }
    setHeld(null);
    setBusy(true);
    try {
      if (acknowledgePersonalData) payload.acknowledgePersonalData = true;
      const created = await api.post<Question & { safety?: SafetyInfo }>(`/groups/${encodeURIComponent(group.slug)}/questions`, payload);
      void navigate(`/questions/${created.id}`, { state: { safety: created.safety ?? null, justAsked: true } });
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'PERSONAL_DATA') {
          // Each finding names the field it is in, with offsets counted in that field.
          const inTitle = spansFromDetails(err.details, payload.title, 'title');
          const inBody = spansFromDetails(err.details, payload.body, 'body');
          if (inTitle.length + inBody.length > 0) setHeld({ title: inTitle, body: inBody });
          else setFormError(err.message);
        } else if (err.code === 'MUTED' && muteFromDetails(err.details)) {
          useModeration.getState().setMuted(group.slug, muteFromDetails(err.details));
        } else if (err.code === 'VALIDATION_ERROR') {
          const fields = err.fieldErrors();
          setErrors({ title: fields.title, body: fields.body });
          setFormError(err.message);
        } else {
          setFormError(err.message);
        }
      } else {
        setFormError(t('ask.failed'));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!isMember) {
    return (
      <section aria-labelledby="ask-title">
        <h2 id="ask-title">{t('ask.title')}</h2>
        <p>{t('ask.joinToAsk')}</p>
        <Link to=".." relative="path">{t('ask.back')}</Link>
      </section>
    );
  }

  if (mute) {
    return (
      <section aria-labelledby="ask-title" className="ask-question">
        <h2 id="ask-title">{t('ask.title')}</h2>
        <MutedNotice slug={group.slug} mute={mute} />
      </section>
    );
  }

  return (
    <section aria-labelledby="ask-title" className="ask-question">
      <h2 id="ask-title">{t('ask.title')}</h2>
      <MedicalNotice id={noticeId} />
      <form ref={formRef} onSubmit={(e) => submit(e)} noValidate aria-describedby={noticeId} className="card">
        {formError && (
          <div className="error-box" role="alert">
            <p>{formError}</p>
          </div>
        )}
        <TextField
          label={t('ask.question')}
          hint={t('ask.questionHint')}
          value={title}
          maxLength={200}
          onChange={(e) => {
            setTitle(e.target.value);
            setHeld(null);
          }}
          error={errors.title}
          required
        />
        <TextAreaField
          label={t('ask.details')}
          hint={t('ask.detailsHint')}
          value={body}
          rows={6}
          maxLength={10000}
          onChange={(e) => {
            setBody(e.target.value);
            setHeld(null);
          }}
          error={errors.body}
          required
        />
        <div className="field checkbox-field">
          <div className="inline-row">
            <input id={anonId} type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} aria-describedby={`${anonId}-hint`} />
            <label htmlFor={anonId}>{t('ask.anonymous')}</label>
          </div>
          <p id={`${anonId}-hint`} className="hint">
            {t('ask.anonymousHint')}
          </p>
        </div>
        {held && (
          <PersonalDataPrompt
            parts={[
              { label: t('ask.question'), text: title.trim(), spans: held.title },
              { label: t('ask.details'), text: body.trim(), spans: held.body },
            ]}
            busy={busy}
            onEdit={() => {
              setHeld(null);
              formRef.current?.querySelector<HTMLElement>(held.title.length > 0 ? 'input' : 'textarea')?.focus();
            }}
            onPostAnyway={() => void submit(null, true)}
          />
        )}
        <div className="inline-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('ask.busy') : t('ask.submit')}
          </button>
          <Link to=".." relative="path">
            {t('ask.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
