/** One question with its answers (clinician answers first), helpful votes, accepting, pinning, answering. */
import type { Answer, AnswerBody, QuestionDetail, SafetyInfo } from '@circles/shared';
import { lazy, startTransition, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { fromPrefetch } from '../../api/prefetch';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { CrisisPanel } from '../../safety/CrisisPanel';
import { MutedNotice } from '../../safety/MutedNotice';
import { checkPersonalData, preloadPersonalData, spansFromDetails, type PersonalDataSpan } from '../../safety/personalData';
import { PersonalDataPrompt } from '../../safety/PersonalDataPrompt';
import { muteFromDetails, useModeration, useMyMute, watchModeration } from '../../stores/moderation';
import { isVerifiedClinician, useSession } from '../../stores/session';
import type { ReportTarget } from '../moderation/ReportDialog';
import { MedicalNotice, PersonName, Time } from './parts';
import '../../styles/questions.css';
import { personName } from '../../i18n/people';

interface SafetyState {
  safety?: SafetyInfo | null;
}

// Reporting is occasional: the dialog (and its strings) load when first opened.
const ReportDialog = lazy(() => import('../moderation/ReportDialog'));

function AnswerItem({
  answer,
  accepted,
  canAccept,
  isOwn,
  busy,
  onAccept,
  onHelpful,
  onReport,
}: {
  answer: Answer;
  accepted: boolean;
  canAccept: boolean;
  isOwn: boolean;
  busy: boolean;
  onAccept(): void;
  onHelpful(): void;
  onReport(): void;
}) {
  const { t } = useTranslation('questions');
  const labelId = `answer-${answer.id}-by`;
  return (
    <li className={`answer-card${answer.byClinician ? ' by-clinician' : ''}${accepted ? ' accepted' : ''}`}>
      <article aria-labelledby={labelId}>
        <header className="answer-head">
          <p id={labelId} className="answer-author">
            <span className="visually-hidden">{t('answer.by')}</span>
            <PersonName user={answer.author} />
          </p>
          <div className="answer-tags">
            {answer.byClinician && <span className="badge clinician-answer">{t('answer.clinician')}</span>}
            {accepted && <span className="badge answered">{t('answer.accepted')}</span>}
          </div>
        </header>
        <div className="post-body">{answer.body}</div>
        <footer className="answer-foot">
          <span className="muted">
            <Time iso={answer.createdAt} />
          </span>
          {isOwn ? (
            <span className="muted">{t('answer.helpfulCount', { count: answer.helpfulCount })}</span>
          ) : (
            <span className="helpful">
              <button type="button" className="button secondary small" aria-pressed={answer.votedHelpful} onClick={onHelpful} disabled={busy}>
                {t('answer.helpful')}
              </button>
              <span className="muted">{t('answer.helpfulCount', { count: answer.helpfulCount })}</span>
            </span>
          )}
          {canAccept && !accepted && (
            <button type="button" className="button primary small" onClick={onAccept} disabled={busy}>
              {t('answer.accept')}
            </button>
          )}
          {!isOwn && (
            <button type="button" className="link-button report-link" onClick={onReport}>
              {t('answer.report')}
              <span className="visually-hidden"> {t('answer.reportWhose', { name: personName(answer.author) })}</span>
            </button>
          )}
        </footer>
      </article>
    </li>
  );
}

export default function QuestionPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useSession((s) => s.user);
  const [detail, setDetail] = useState<QuestionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | undefined>();
  const [held, setHeld] = useState<PersonalDataSpan[] | null>(null);
  const [reporting, setReporting] = useState<ReportTarget | null>(null);
  const answerFormRef = useRef<HTMLFormElement>(null);
  const safety = (location.state as SafetyState | null)?.safety ?? null;
  const [answerSafety, setAnswerSafety] = useState<SafetyInfo | null>(null);
  const mute = useMyMute({ slug: detail?.group.slug ?? '', myMembership: null });
  useEffect(() => {
    watchModeration();
  }, []);
  const { t } = useTranslation('questions');
  useDocumentTitle(detail?.question.title ?? t('question.pageTitle'));

  const reload = useCallback(async () => {
    try {
      // On a reload of this page, its answer may have been asked for beside the session check.
      const path = `/questions/${encodeURIComponent(id)}`;
      const fresh = await fromPrefetch(path, () => api.get<QuestionDetail>(path));
      // The whole page renders from this answer: in slices (a transition), not one long task on a phone.
      startTransition(() => {
        setDetail(fresh);
        setError(null);
      });
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const act = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    setActionError(null);
    try {
      await work();
      setAnnouncement(done);
    } catch (err) {
      setActionError(err instanceof ApiError ? err.message : t('question.actionFailed'));
    } finally {
      setBusy(false);
    }
  };

  if (error) {
    const notMember = error instanceof ApiError && error.code === 'NOT_A_MEMBER';
    return (
      <section>
        <h1>{notMember ? t('question.privateGroup') : t('question.unavailable')}</h1>
        <ErrorState error={error} onRetry={reload} />
        <Link to="/groups">{t('question.findGroups')}</Link>
      </section>
    );
  }
  if (!detail) return <Loading label={t('question.loading')} />;

  const { question, answers, group, abilities } = detail;
  const boardPath = `/groups/${encodeURIComponent(group.slug)}/questions`;

  const togglePin = () =>
    act(async () => {
      const updated = question.pinned
        ? await api.del<typeof question>(`/questions/${question.id}/pin`)
        : await api.post<typeof question>(`/questions/${question.id}/pin`);
      setDetail((d) => (d ? { ...d, question: { ...d.question, ...updated } } : d));
    }, question.pinned ? t('question.unpinned') : t('question.pinnedDone'));

  const accept = (answerId: string) =>
    act(async () => {
      await api.post(`/questions/${question.id}/accept`, { answerId });
      await reload();
    }, t('question.accepted'));

  const toggleHelpful = (answer: Answer) =>
    act(async () => {
      const res = answer.votedHelpful
        ? await api.del<{ helpfulCount: number }>(`/answers/${answer.id}/helpful`)
        : await api.put<{ helpfulCount: number }>(`/answers/${answer.id}/helpful`);
      setDetail((d) =>
        d
          ? {
              ...d,
              answers: d.answers.map((a) => (a.id === answer.id ? { ...a, votedHelpful: !answer.votedHelpful, helpfulCount: res.helpfulCount } : a)),
            }
          : d,
      );
    }, answer.votedHelpful ? t('question.helpfulRemoved') : t('question.helpfulAdded'));

  const postAnswer = async (e: FormEvent | null, acknowledgePersonalData = false) => {
    e?.preventDefault();
    setDraftError(undefined);
    setActionError(null);
    if (!draft.trim()) return setDraftError(t('question.writeFirst'));
    if (draft.trim().length > 10000) return setDraftError(t('question.answerTooLong'));
    const text = draft.trim();
    if (!acknowledgePersonalData) {
      const spans = await checkPersonalData(text);
      if (spans.length > 0) return setHeld(spans);
    }
    setHeld(null);
    setBusy(true);
    try {
      const body: AnswerBody = { body: text };
      if (acknowledgePersonalData) body.acknowledgePersonalData = true;
      const created = await api.post<Answer & { safety?: SafetyInfo }>(`/questions/${question.id}/answers`, body);
      setAnswerSafety(created.safety?.crisis ? created.safety : null);
      setDraft('');
      await reload();
      setAnnouncement(t('question.answerPosted'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PERSONAL_DATA') {
        setHeld(spansFromDetails(err.details, text));
      } else if (err instanceof ApiError && err.code === 'MUTED' && muteFromDetails(err.details)) {
        useModeration.getState().setMuted(group.slug, muteFromDetails(err.details));
      } else {
        setActionError(err instanceof ApiError ? err.message : t('question.answerFailed'));
      }
    } finally {
      setBusy(false);
    }
  };

  const clinician = isVerifiedClinician(user);

  return (
    <article className="question-page" aria-labelledby="question-title">
      <p className="breadcrumb">
        <Link to={boardPath}>{t('question.back', { name: group.name })}</Link>
      </p>
      <header className="question-head">
        <div className="question-card-tags">
          {question.pinned && <span className="badge pinned">{t('badge.pinned')}</span>}
          <span className={`badge ${question.status === 'answered' ? 'answered' : 'open'}`}>
            {question.status === 'answered' ? t('badge.answered') : t('badge.open')}
          </span>
          {question.mine && <span className="badge mine">{question.anonymous ? t('badge.mineAnonymous') : t('badge.mine')}</span>}
        </div>
        <h1 id="question-title">{question.title}</h1>
        <p className="muted">
          {t('question.askedBy')} <PersonName user={question.author} anonymous={question.anonymous} /> · <Time iso={question.createdAt} />
        </p>
      </header>
      <div className="post-body question-body">{question.body}</div>
      {!question.mine && (
        <p className="report-row">
          <button
            type="button"
            className="link-button report-link"
            onClick={() => setReporting({ type: 'question', id: question.id, authorName: personName(question.author) ?? null })}
          >
            {t('question.report')}
          </button>
        </p>
      )}
      {safety?.crisis && <CrisisPanel safety={safety} />}

      {abilities.pin && (
        <div className="moderator-actions">
          <button type="button" className="button secondary" onClick={togglePin} disabled={busy} aria-describedby="pin-hint">
            {question.pinned ? t('question.unpin') : t('question.pin')}
          </button>
          <span id="pin-hint" className="hint">
            {question.pinned ? t('question.pinnedHint') : t('question.pinHint')}
          </span>
        </div>
      )}

      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {actionError && (
        <div className="error-box" role="alert">
          <p>{actionError}</p>
        </div>
      )}

      <section aria-labelledby="answers-title" className="answers">
        <h2 id="answers-title">{t('question.answerCount', { count: answers.length })}</h2>
        {answers.length === 0 && <p className="muted">{t('question.noAnswers')}</p>}
        <ol className="answer-list">
          {answers.map((a) => (
            <AnswerItem
              key={a.id}
              answer={a}
              accepted={question.acceptedAnswerId === a.id}
              canAccept={Boolean(question.mine)}
              isOwn={a.mine ?? a.author.id === user?.id}
              busy={busy}
              onAccept={() => accept(a.id)}
              onHelpful={() => toggleHelpful(a)}
              onReport={() => setReporting({ type: 'answer', id: a.id, authorName: personName(a.author) })}
            />
          ))}
        </ol>
      </section>

      {answerSafety && <CrisisPanel safety={answerSafety} onClose={() => setAnswerSafety(null)} />}

      <section aria-labelledby="answer-form-title" className="answer-form">
        <h2 id="answer-form-title">{t('question.yourAnswer')}</h2>
        {abilities.answer && mute ? (
          <MutedNotice slug={group.slug} mute={mute} />
        ) : abilities.answer ? (
          // The personal-data check's chunk loads once someone starts an answer, not with the page.
          <form ref={answerFormRef} onSubmit={(e) => postAnswer(e)} onFocus={preloadPersonalData} noValidate className="card">
            <MedicalNotice />
            {clinician && <p className="hint">{t('question.asClinician')}</p>}
            <TextAreaField
              label={t('question.answerLabel')}
              hint={t('question.answerHint')}
              value={draft}
              rows={5}
              maxLength={10000}
              onChange={(e) => {
                setDraft(e.target.value);
                setHeld(null);
              }}
              error={draftError}
              required
            />
            {held && (
              <PersonalDataPrompt
                parts={[{ text: draft.trim(), spans: held }]}
                busy={busy}
                onEdit={() => {
                  setHeld(null);
                  answerFormRef.current?.querySelector('textarea')?.focus();
                }}
                onPostAnyway={() => void postAnswer(null, true)}
              />
            )}
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? t('question.posting') : t('question.postAnswer')}
            </button>
          </form>
        ) : (
          <p>
            <Link to={`/groups/${encodeURIComponent(group.slug)}`}>{t('question.joinToAnswer', { name: group.name })}</Link>
          </p>
        )}
      </section>
      {reporting && (
        <Suspense fallback={null}>
          <ReportDialog target={reporting} onClose={() => setReporting(null)} />
        </Suspense>
      )}
    </article>
  );
}
