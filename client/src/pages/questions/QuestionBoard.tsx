/** A group's question board: filters (open / answered / pinned), sort (new / top), search, live updates. */
import type { Question } from '@circles/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getSocket } from '../../api/socket';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useQuestionBoard, type BoardFilter, type BoardParams, type BoardSort } from '../../stores/questions';
import { useGroupContext } from '../groups/groupContext';
import { MedicalNotice, PersonName, Time } from './parts';
import '../../styles/questions.css';

const FILTERS: BoardFilter[] = ['all', 'open', 'answered', 'pinned'];
const SORTS: BoardSort[] = ['new', 'top'];

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
  const { t } = useTranslation(['questions', 'common']);
  const { group } = useGroupContext();
  useDocumentTitle(t('board.pageTitle', { name: group.name }));
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
        <h2 id="board-title">{t('board.title')}</h2>
        <p>{t('board.private')}</p>
      </section>
    );
  }

  const loading = status === 'loading';
  const count = items.length;
  const summary = loading
    ? t('board.loadingSummary')
    : params.q
      ? nextCursor
        ? t('board.matchesMore', { count, q: params.q })
        : t('board.matches', { count, q: params.q })
      : nextCursor
        ? t('board.countMore', { count })
        : t('board.count', { count });

  return (
    <section aria-labelledby="board-title" className="questions-board">
      <div className="page-head">
        <h2 id="board-title">{t('board.title')}</h2>
        {isMember ? (
          <Link className="button primary" to="ask">
            {t('board.ask')}
          </Link>
        ) : (
          <p className="muted">{t('board.joinToAsk')}</p>
        )}
      </div>
      <MedicalNotice />

      <div className="board-controls">
        <form role="search" onSubmit={onSearch} className="board-search">
          <label htmlFor={searchId}>{t('board.search')}</label>
          <div className="inline-row">
            <input
              id={searchId}
              type="search"
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              placeholder={t('board.searchPlaceholder')}
              maxLength={200}
            />
            <button type="submit" className="button secondary">
              {t('board.searchButton')}
            </button>
            {params.q && (
              <button type="button" className="button secondary" onClick={clearSearch}>
                {t('board.clearSearch')}
              </button>
            )}
          </div>
        </form>

        <fieldset className="segmented">
          <legend>{t('board.show')}</legend>
          {FILTERS.map((f) => (
            <label key={f} className={params.filter === f ? 'selected' : ''}>
              <input
                type="radio"
                name="question-filter"
                value={f}
                checked={params.filter === f}
                onChange={() => setParams((p) => ({ ...p, filter: f }))}
              />
              {t(`filter.${f}`)}
            </label>
          ))}
        </fieldset>

        <fieldset className="segmented">
          <legend>{t('board.sortBy')}</legend>
          {SORTS.map((s) => (
            <label key={s} className={params.sort === s ? 'selected' : ''}>
              <input
                type="radio"
                name="question-sort"
                value={s}
                checked={params.sort === s}
                onChange={() => setParams((p) => ({ ...p, sort: s }))}
              />
              {t(`sort.${s}`)}
            </label>
          ))}
        </fieldset>
      </div>

      <p className="muted results-summary" role="status" aria-live="polite">
        {summary}
      </p>

      {status === 'error' && <ErrorState error={error} groupSlug={group.slug} onRetry={() => load(group.slug, group.id, params)} />}
      {loading && items.length === 0 && <Loading label={t('board.loading')} />}

      {!loading && items.length === 0 && status !== 'error' && (
        <p className="empty-state">
          {params.q ? t('board.noMatches') : t('board.empty')}
          {isMember && !params.q && ` ${t('board.beFirst')}`}
        </p>
      )}

      <ol className="question-list" aria-label={t('board.list')}>
        {items.map((q) => (
          <li key={q.id} className="question-card">
            <div className="question-card-tags">
              {q.pinned && <span className="badge pinned">{t('badge.pinned')}</span>}
              <span className={`badge ${q.status === 'answered' ? 'answered' : 'open'}`}>{q.status === 'answered' ? t('badge.answered') : t('badge.open')}</span>
            </div>
            <h3 className="question-card-title">
              <Link to={`/questions/${q.id}`}>{q.title}</Link>
            </h3>
            <p className="question-card-meta muted">
              <PersonName user={q.author} anonymous={q.anonymous} /> · <Time iso={q.createdAt} /> ·{' '}
              {t('board.answers', { count: q.answerCount })}
              {q.mine && <span className="badge mine">{t('badge.mine')}</span>}
            </p>
          </li>
        ))}
      </ol>

      {nextCursor && (
        <button type="button" className="button secondary" onClick={() => loadMore()} disabled={status === 'loadingMore'}>
          {status === 'loadingMore' ? t('common:action.loadingMore') : t('board.showMore')}
        </button>
      )}
    </section>
  );
}
