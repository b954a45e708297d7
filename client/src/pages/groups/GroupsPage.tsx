/**
 * Find groups: browse by condition category, filter by condition, and search with instant results
 * (debounced as you type). The filters live in the URL, so Back and shared links keep them.
 */
import type { Group } from '@circles/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { groupsApi } from '../../api/groups';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { conditionsByCategory, useGroups } from '../../stores/groups';
import { GroupCard } from './GroupCard';
import '../../styles/groups.css';

const SEARCH_DELAY_MS = 250;
const PAGE_SIZE = 24;

interface Results {
  items: Group[];
  nextCursor: string | null;
  /** The filters these results are for. */
  key: string;
}

export default function GroupsPage() {
  useDocumentTitle('Find groups');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const condition = params.get('condition') ?? '';
  const { conditions, conditionsError, loadConditions } = useGroups();
  const [text, setText] = useState(q);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const searchId = useId();
  const conditionId = useId();
  const request = useRef(0);

  useEffect(() => {
    void loadConditions();
  }, [loadConditions]);

  const categories = useMemo(() => (conditions ? conditionsByCategory(conditions) : []), [conditions]);
  const conditionChoices = category ? (categories.find((c) => c.category === category)?.conditions ?? []) : null;
  const conditionName = conditions?.find((c) => c.slug === condition)?.name;

  const update = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  // Instant search: the URL (and so the results) follows the box after a short pause in typing.
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === q) return;
    const timer = setTimeout(() => update({ q: trimmed }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  // Back/forward (or a link) changed the URL: show its words in the box.
  useEffect(() => {
    setText((current) => (current.trim() === q ? current : q));
  }, [q]);

  const key = JSON.stringify([q, category, condition]);
  useEffect(() => {
    const mine = ++request.current;
    setError(null);
    groupsApi
      .list({ q, category, condition, limit: PAGE_SIZE })
      .then((page) => {
        if (mine === request.current) setResults({ ...page, key });
      })
      .catch((err: unknown) => {
        if (mine === request.current) setError(err);
      });
  }, [q, category, condition, key, attempt]);

  const loadMore = async () => {
    if (!results?.nextCursor) return;
    setLoadingMore(true);
    const mine = request.current;
    try {
      const page = await groupsApi.list({ q, category, condition, limit: PAGE_SIZE, cursor: results.nextCursor });
      if (mine === request.current) setResults((r) => (r ? { items: [...r.items, ...page.items], nextCursor: page.nextCursor, key: r.key } : r));
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const current = results && results.key === key ? results : null;
  const filtered = Boolean(q || category || condition);
  const what = [q && `“${q}”`, conditionName ?? (category || '')].filter(Boolean).join(' in ');
  const summary = !current
    ? ''
    : current.items.length === 0
      ? filtered
        ? `No groups found for ${what}.`
        : 'There are no groups yet.'
      : `${current.items.length}${current.nextCursor ? '+' : ''} ${current.items.length === 1 ? 'group' : 'groups'}${filtered ? ` for ${what}` : ''}`;

  return (
    <section className="groups-page" aria-labelledby="groups-title">
      <div className="page-head">
        <h1 id="groups-title">Find groups</h1>
        <Link className="button secondary" to={condition ? `/groups/new?condition=${encodeURIComponent(condition)}` : '/groups/new'}>
          Start a group
        </Link>
      </div>

      <form role="search" aria-label="Groups" className="group-search card" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId}>Search groups</label>
          <p className="hint" id={`${searchId}-hint`}>
            A condition, a treatment or a word from a group’s description — results appear as you type.
          </p>
          <input
            id={searchId}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${searchId}-hint`}
            autoComplete="off"
            enterKeyHint="search"
          />
        </div>

        <fieldset className="category-filter">
          <legend>Browse by category</legend>
          {conditionsError ? (
            <ErrorMessage error={conditionsError} onRetry={() => void loadConditions()} />
          ) : (
            <ul>
              <li>
                <button type="button" className="chip" aria-pressed={!category} onClick={() => update({ category: '', condition: '' })}>
                  All
                </button>
              </li>
              {categories.map((c) => (
                <li key={c.category}>
                  <button
                    type="button"
                    className="chip"
                    aria-pressed={category === c.category}
                    onClick={() => update({ category: category === c.category ? '' : c.category, condition: '' })}
                  >
                    {c.category}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <div className="field condition-field">
          <label htmlFor={conditionId}>Condition</label>
          <select id={conditionId} value={condition} onChange={(e) => update({ condition: e.target.value })} disabled={!conditions}>
            <option value="">{category ? `Any condition in ${category}` : 'Any condition'}</option>
            {conditionChoices
              ? conditionChoices.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.name}
                  </option>
                ))
              : categories.map((group) => (
                  <optgroup key={group.category} label={group.category}>
                    {group.conditions.map((c) => (
                      <option key={c.slug} value={c.slug}>
                        {c.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
          </select>
        </div>
      </form>

      <section aria-labelledby="results-title" className="group-results">
        <h2 id="results-title" className="visually-hidden">
          Groups
        </h2>
        <p role="status" aria-live="polite" className="results-summary">
          {summary}
        </p>
        {error ? (
          <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : !current ? (
          <Loading label="Finding groups" />
        ) : current.items.length === 0 ? (
          <div className="empty-state">
            {filtered ? (
              <>
                <p>Try a shorter word, check the spelling, or choose “All” categories.</p>
                <p>
                  Can’t find your people?{' '}
                  <Link to={condition ? `/groups/new?condition=${encodeURIComponent(condition)}` : '/groups/new'}>Start a group</Link> and
                  others will find it here.
                </p>
              </>
            ) : (
              <p>
                Be the first: <Link to="/groups/new">start a group</Link> for your condition.
              </p>
            )}
          </div>
        ) : (
          <>
            <ul className="group-cards">
              {current.items.map((group) => (
                <GroupCard key={group.id} group={group} />
              ))}
            </ul>
            {current.nextCursor && (
              <p className="load-more">
                <button type="button" className="button secondary" onClick={() => void loadMore()} disabled={loadingMore}>
                  {loadingMore ? 'Loading…' : 'Show more groups'}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </section>
  );
}
