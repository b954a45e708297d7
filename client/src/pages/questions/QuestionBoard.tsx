/** A group's question board: filters (open / answered / pinned), sort (new / top), search, live updates. */
import type { Question } from '@circles/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { getSocket } from '../../api/socket';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useQuestionBoard, type BoardFilter, type BoardParams, type BoardSort } from '../../stores/questions';
import { useGroupContext } from '../groups/groupContext';
import { MedicalNotice, PersonName, Time } from './parts';
import '../../styles/questions.css';

const FILTERS: Array<{ value: BoardFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'answered', label: 'Answered' },
  { value: 'pinned', label: 'Pinned' },
];

const SORTS: Array<{ value: BoardSort; label: string }> = [
  { value: 'new', label: 'Newest' },
  { value: 'top', label: 'Most helpful' },
];

/** Subscribes to the group's live room while the board is open, and again after a reconnect. */
function useLiveQuestions(slug: string, enabled: boolean) {
  const applyLive = useQuestionBoard((s) => s.applyLive);
  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const join = () => socket.emit('group:join', { slug }, () => undefined);
    const onQuestion = ({ question }: { question: Question }) => applyLive(question);
    socket.on('connect', join);
    socket.on('question:new', onQuestion);
    socket.on('question:pinned', onQuestion);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off('question:new', onQuestion);
      socket.off('question:pinned', onQuestion);
      if (socket.connected) socket.emit('group:leave', { slug }, () => undefined);
    };
  }, [slug, enabled, applyLive]);
}

export default function QuestionBoard() {
  const { group } = useGroupContext();
  useDocumentTitle(`Questions · ${group.name}`);
  const { items, nextCursor, status, error, load, loadMore } = useQuestionBoard();
  const [params, setParams] = useState<BoardParams>({ filter: 'all', sort: 'new', q: '' });
  const [searchText, setSearchText] = useState('');
  const searchId = useId();

  const isMember = group.myMembership?.status === 'active';
  const canRead = group.visibility === 'public' || isMember;

  useEffect(() => {
    if (canRead) void load(group.slug, group.id, params);
  }, [group.slug, group.id, params, canRead, load]);
  useLiveQuestions(group.slug, canRead);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setParams((p) => ({ ...p, q: searchText.trim() }));
  };
  const clearSearch = () => {
    setSearchText('');
    setParams((p) => ({ ...p, q: '' }));
  };

  if (!canRead) {
    return (
      <section aria-labelledby="board-title" className="questions-board">
        <h2 id="board-title">Questions</h2>
        <p>This group is private. Join it to read and ask questions.</p>
      </section>
    );
  }

  const loading = status === 'loading';
  const summary = loading
    ? 'Loading questions…'
    : params.q
      ? `${items.length}${nextCursor ? '+' : ''} ${items.length === 1 ? 'question matches' : 'questions match'} “${params.q}”`
      : `${items.length}${nextCursor ? '+' : ''} ${items.length === 1 ? 'question' : 'questions'}`;

  return (
    <section aria-labelledby="board-title" className="questions-board">
      <div className="page-head">
        <h2 id="board-title">Questions</h2>
        {isMember ? (
          <Link className="button primary" to="ask">
            Ask a question
          </Link>
        ) : (
          <p className="muted">Join this group to ask a question.</p>
        )}
      </div>
      <MedicalNotice />

      <div className="board-controls">
        <form role="search" onSubmit={onSearch} className="board-search">
          <label htmlFor={searchId}>Search questions</label>
          <div className="inline-row">
            <input
              id={searchId}
              type="search"
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              placeholder="e.g. insulin pump"
              maxLength={200}
            />
            <button type="submit" className="button secondary">
              Search
            </button>
            {params.q && (
              <button type="button" className="button secondary" onClick={clearSearch}>
                Clear search
              </button>
            )}
          </div>
        </form>

        <fieldset className="segmented">
          <legend>Show</legend>
          {FILTERS.map((f) => (
            <label key={f.value} className={params.filter === f.value ? 'selected' : ''}>
              <input
                type="radio"
                name="question-filter"
                value={f.value}
                checked={params.filter === f.value}
                onChange={() => setParams((p) => ({ ...p, filter: f.value }))}
              />
              {f.label}
            </label>
          ))}
        </fieldset>

        <fieldset className="segmented">
          <legend>Sort by</legend>
          {SORTS.map((s) => (
            <label key={s.value} className={params.sort === s.value ? 'selected' : ''}>
              <input
                type="radio"
                name="question-sort"
                value={s.value}
                checked={params.sort === s.value}
                onChange={() => setParams((p) => ({ ...p, sort: s.value }))}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
      </div>

      <p className="muted results-summary" role="status" aria-live="polite">
        {summary}
      </p>

      {status === 'error' && <ErrorMessage error={error} onRetry={() => load(group.slug, group.id, params)} />}
      {loading && items.length === 0 && <Loading label="Loading questions" />}

      {!loading && items.length === 0 && status !== 'error' && (
        <p className="empty-state">
          {params.q ? 'No questions match your search.' : 'No questions here yet.'}
          {isMember && !params.q && ' Be the first to ask.'}
        </p>
      )}

      <ol className="question-list" aria-label="Questions">
        {items.map((q) => (
          <li key={q.id} className="question-card">
            <div className="question-card-tags">
              {q.pinned && <span className="badge pinned">Pinned for clinicians</span>}
              <span className={`badge ${q.status === 'answered' ? 'answered' : 'open'}`}>{q.status === 'answered' ? 'Answered' : 'Open'}</span>
            </div>
            <h3 className="question-card-title">
              <Link to={`/questions/${q.id}`}>{q.title}</Link>
            </h3>
            <p className="question-card-meta muted">
              <PersonName user={q.author} anonymous={q.anonymous} /> · <Time iso={q.createdAt} /> ·{' '}
              {q.answerCount === 1 ? '1 answer' : `${q.answerCount} answers`}
              {q.mine && <span className="badge mine">Your question</span>}
            </p>
          </li>
        ))}
      </ol>

      {nextCursor && (
        <button type="button" className="button secondary" onClick={() => loadMore()} disabled={status === 'loadingMore'}>
          {status === 'loadingMore' ? 'Loading…' : 'Show more questions'}
        </button>
      )}
    </section>
  );
}
