/**
 * An event's questions: members ask and upvote (one upvote each; pressing again withdraws it), the
 * queue is ordered by upvotes then age and follows the room live; hosts and moderators feature the
 * question they are taking and mark questions answered, which then move to the record below.
 */
import type { EventQuestion, Group, LiveEvent } from '@circles/shared';
import { EVENT_QUESTION_MAX } from '@circles/shared/client';
import { lazy, Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { formatTime } from '../../i18n/format';
import { MutedNotice } from '../../safety/MutedNotice';
import { PersonalDataPrompt } from '../../safety/PersonalDataPrompt';
import { checkPersonalData, preloadPersonalData, spansFromDetails, type PersonalDataSpan } from '../../safety/personalData';
import { useLiveEvent } from '../../stores/liveEvent';
import { muteFromDetails, useModeration, useMyMute } from '../../stores/moderation';
import { personName } from '../../i18n/people';

const ReportDialog = lazy(() => import('../moderation/ReportDialog'));

interface Props {
  event: LiveEvent;
  group: Pick<Group, 'slug' | 'myMembership'>;
  /** An active member, while the event takes questions. */
  canAsk: boolean;
  /** A host or moderator: feature and mark answered. */
  canRun: boolean;
  myId: string;
}

/**
 * The question box. Personal data (a phone number, an address…) is caught before sending, as
 * everywhere else people post, with "edit" or "ask anyway"; the server's own 422 says the same.
 */
function AskForm({ event, slug }: { event: LiveEvent; slug: string }) {
  const { t } = useTranslation('events');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [held, setHeld] = useState<PersonalDataSpan[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => preloadPersonalData(), []);

  const submit = async (e: FormEvent | null, acknowledgePersonalData = false) => {
    e?.preventDefault();
    setError(null);
    setSent(false);
    const text = body.trim();
    if (!text) return setProblem(t('queue.askEmpty'));
    if (text.length > EVENT_QUESTION_MAX) return setProblem(t('queue.askTooLong', { max: EVENT_QUESTION_MAX }));
    setProblem(undefined);
    if (!acknowledgePersonalData) {
      const found = await checkPersonalData(text);
      if (found.length > 0) return setHeld(found);
    }
    setHeld(null);
    setBusy(true);
    try {
      await useLiveEvent.getState().ask(text, acknowledgePersonalData);
      setBody('');
      setSent(true);
    } catch (err) {
      const spans = err instanceof ApiError && err.code === 'PERSONAL_DATA' ? spansFromDetails(err.details, text) : [];
      if (spans.length > 0) setHeld(spans);
      else if (err instanceof ApiError && err.code === 'MUTED' && muteFromDetails(err.details)) useModeration.getState().setMuted(slug, muteFromDetails(err.details));
      else {
        if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') setProblem(err.fieldErrors().body);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="event-ask" onSubmit={(e) => void submit(e)} noValidate ref={formRef}>
      <TextAreaField
        label={t('queue.askLabel')}
        hint={event.status === 'scheduled' ? t('queue.askHintEarly') : t('queue.askHint')}
        value={body}
        rows={3}
        maxLength={EVENT_QUESTION_MAX}
        onChange={(e) => {
          setBody(e.target.value);
          setHeld(null);
        }}
        error={problem}
      />
      {held && (
        <PersonalDataPrompt
          parts={[{ text: body.trim(), spans: held }]}
          busy={busy}
          onEdit={() => {
            setHeld(null);
            formRef.current?.querySelector('textarea')?.focus();
          }}
          onPostAnyway={() => void submit(null, true)}
        />
      )}
      {error ? <ErrorState error={error} groupSlug={event.group.slug} /> : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('queue.asking') : t('queue.ask')}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {sent ? t('queue.asked') : ''}
      </p>
    </form>
  );
}

function QuestionItem({ question, event, canAsk, canRun, myId }: { question: EventQuestion } & Props) {
  const { t } = useTranslation(['events', 'common']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reporting, setReporting] = useState(false);
  const bodyId = useId();
  const queued = question.status === 'queued';
  const live = event.status === 'live';

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const store = useLiveEvent.getState;
  const authorName = personName(question.author);
  const author = question.author.id === myId ? t('common:people.you', { name: authorName }) : authorName;

  return (
    <li className={`event-question${question.featured ? ' featured' : ''}`}>
      <p className="event-question-body" id={bodyId}>
        {question.body}
      </p>
      <p className="event-question-meta muted">
        <span className="person-name">{author}</span>
        {question.author.clinician && <span className="badge clinician">{t('common:people.verifiedClinician')}</span>}
        <span>
          {' · '}
          <time dateTime={question.createdAt}>{formatTime(question.createdAt)}</time>
        </span>
        {question.featured && <span className="badge featured">{t('queue.featuredBadge')}</span>}
        {!queued && question.answeredAt && (
          <span>
            {' · '}
            {t('queue.answeredAt', { time: formatTime(question.answeredAt) })}
          </span>
        )}
      </p>
      <div className="event-question-actions">
        <span className="event-question-votes">{t('queue.upvotes', { count: question.upvotes })}</span>
        {queued && canAsk && (
          <button
            type="button"
            className="button secondary small upvote"
            aria-pressed={question.upvotedByMe}
            aria-describedby={bodyId}
            disabled={busy}
            onClick={() => void act(() => store().toggleUpvote(question.id))}
          >
            <span aria-hidden="true">▲</span> {t('queue.upvote')}
          </button>
        )}
        {queued && canRun && live && !question.featured && (
          <button type="button" className="button secondary small" aria-describedby={bodyId} disabled={busy} onClick={() => void act(() => store().feature(question.id))}>
            {t('queue.feature')}
          </button>
        )}
        {queued && canRun && (live || event.status === 'ended') && (
          <button type="button" className="button secondary small" aria-describedby={bodyId} disabled={busy} onClick={() => void act(() => store().markAnswered(question.id))}>
            {t('queue.markAnswered')}
          </button>
        )}
        {question.author.id !== myId && (
          <button type="button" className="link-button report-link" aria-describedby={bodyId} onClick={() => setReporting(true)}>
            {t('queue.report')}
          </button>
        )}
      </div>
      {error ? <ErrorState error={error} groupSlug={event.group.slug} /> : null}
      {reporting && (
        <Suspense fallback={null}>
          <ReportDialog target={{ type: 'event_question', id: question.id, authorName }} onClose={() => setReporting(false)} />
        </Suspense>
      )}
    </li>
  );
}

/** The featured question, shown prominently while the hosts take it; screen readers hear each new one. */
export function FeaturedQuestion({ event }: { event: LiveEvent }) {
  const { t } = useTranslation('events');
  const featured = useLiveEvent((s) => s.queued.find((q) => q.id === s.event?.featuredQuestionId) ?? null);
  const show = event.status === 'live' && featured;
  return (
    <>
      {show && (
        <section className="featured-question" aria-labelledby="featured-title">
          <h2 id="featured-title">{t('featured.title')}</h2>
          <blockquote className="featured-question-body">{featured.body}</blockquote>
          <p className="featured-question-meta">
            {t('featured.askedBy', { name: personName(featured.author) })} · {t('queue.upvotes', { count: featured.upvotes })}
          </p>
        </section>
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {show ? t('featured.announce', { body: featured.body }) : ''}
      </p>
    </>
  );
}

export function QuestionQueue(props: Props) {
  const { t } = useTranslation('events');
  const { event, canAsk } = props;
  const queued = useLiveEvent((s) => s.queued);
  const answered = useLiveEvent((s) => s.answered);
  const status = useLiveEvent((s) => s.status);
  const questionsError = useLiveEvent((s) => s.questionsError);
  const takesQuestions = event.status === 'scheduled' || event.status === 'live';
  const mute = useMyMute(props.group);
  // While it is live the chat beside says so (with its appeal); before, this is the only place to post.
  const askArea = !canAsk ? (
    <p className="muted">{t('queue.joinToAsk')}</p>
  ) : mute ? (
    event.status === 'live' ? <p className="muted">{t('queue.muted')}</p> : <MutedNotice slug={props.group.slug} mute={mute} />
  ) : (
    <AskForm event={event} slug={props.group.slug} />
  );

  return (
    <section className="event-questions" aria-labelledby="questions-title">
      <h2 id="questions-title" tabIndex={-1}>
        {t('queue.title')}
      </h2>
      {questionsError ? <ErrorState error={questionsError} groupSlug={event.group.slug} onRetry={() => void useLiveEvent.getState().refresh()} /> : null}
      {takesQuestions && askArea}
      {takesQuestions && (
        <>
          <h3 id="queue-list-title">{t('queue.inQueue', { count: queued.length })}</h3>
          {status === 'loading' ? (
            <Loading label={t('queue.loading')} />
          ) : queued.length === 0 ? (
            <p className="muted">{t('queue.empty')}</p>
          ) : (
            <ol className="event-question-list" aria-labelledby="queue-list-title">
              {queued.map((q) => (
                <QuestionItem key={q.id} question={q} {...props} />
              ))}
            </ol>
          )}
        </>
      )}
      <h3 id="answered-list-title">{t('queue.answered', { count: answered.length })}</h3>
      {answered.length === 0 ? (
        <p className="muted">{event.status === 'ended' ? t('queue.noneAnsweredAfter') : t('queue.noneAnswered')}</p>
      ) : (
        <ol className="event-question-list answered" aria-labelledby="answered-list-title">
          {answered.map((q) => (
            <QuestionItem key={q.id} question={q} {...props} />
          ))}
        </ol>
      )}
      {event.status === 'ended' && props.canRun && queued.length > 0 && (
        <>
          <h3 id="unanswered-list-title">{t('queue.notReached', { count: queued.length })}</h3>
          <ol className="event-question-list" aria-labelledby="unanswered-list-title">
            {queued.map((q) => (
              <QuestionItem key={q.id} question={q} {...props} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
