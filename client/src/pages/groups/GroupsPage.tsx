/**
 * Find groups: browse by condition category, filter by condition, and search with instant results
 * (debounced as you type). The filters live in the URL, so Back and shared links keep them.
 */
import type { Group } from '@circles/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { groupsApi } from '../../api/groups';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useConditionNames } from '../../i18n/conditions';
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
  const { t } = useTranslation(['groups', 'common']);
  const names = useConditionNames();
  const { conditionName, categoryName } = names;
  useDocumentTitle(t('find.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const condition = params.get('condition') ?? '';
  /** An organization's slug: only the groups it hosts (its page links here). */
  const organization = params.get('organization') ?? '';
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

  const categories = useMemo(() => (conditions ? conditionsByCategory(conditions, names) : []), [conditions, names]);
  const conditionChoices = category ? (categories.find((c) => c.category === category)?.conditions ?? []) : null;
  const chosen = conditions?.find((c) => c.slug === condition);
  const chosenName = chosen ? conditionName(chosen) : undefined;

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

  const key = JSON.stringify([q, category, condition, organization]);
  useEffect(() => {
    const mine = ++request.current;
    setError(null);
    groupsApi
      .list({ q, category, condition, organization: organization || undefined, limit: PAGE_SIZE })
      .then((page) => {
        if (mine === request.current) setResults({ ...page, key });
      })
      .catch((err: unknown) => {
        if (mine === request.current) setError(err);
      });
  }, [q, category, condition, organization, key, attempt]);

  const loadMore = async () => {
    if (!results?.nextCursor) return;
    setLoadingMore(true);
    const mine = request.current;
    try {
      const page = await groupsApi.list({ q, category, condition, organization: organization || undefined, limit: PAGE_SIZE, cursor: results.nextCursor });
      if (mine === request.current) setResults((r) => (r ? { items: [...r.items, ...page.items], nextCursor: page.nextCursor, key: r.key } : r));
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const current = results && results.key === key ? results : null;
  const filtered = Boolean(q || category || condition);
  const quoted = q ? t('find.quoted', { q }) : '';
  const where = chosenName ?? (category ? categoryName(category) : '');
  const what = quoted && where ? t('find.whatIn', { what: quoted, where }) : quoted || where;
  const count = current?.items.length ?? 0;
  const summary = !current
    ? ''
    : count === 0
      ? filtered
        ? t('find.noneFor', { what })
        : t('find.noneYet')
      : current.nextCursor
        ? filtered
          ? t('find.countMoreFor', { count, what })
          : t('find.countMore', { count })
        : filtered
          ? t('find.countFor', { count, what })
          : t('find.count', { count });

  return (
    <section className="groups-page" aria-labelledby="groups-title">
      <div className="page-head">
        <h1 id="groups-title">{t('find.title')}</h1>
        {organization && (
          <p className="notice">
            {t('find.hostedFilter', { org: results?.items[0]?.organization?.name ?? organization })}{' '}
            <button type="button" className="link-button" onClick={() => update({ organization: '' })}>
              {t('find.clearHost')}
            </button>
          </p>
        )}
        <Link className="button secondary" to={condition ? `/groups/new?condition=${encodeURIComponent(condition)}` : '/groups/new'}>
          {t('find.startGroup')}
        </Link>
      </div>

      <form role="search" aria-label={t('find.searchLabel')} className="group-search card" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId}>{t('find.search')}</label>
          <p className="hint" id={`${searchId}-hint`}>
            {t('find.searchHint')}
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
          <legend>{t('find.browse')}</legend>
          {conditionsError ? (
            <ErrorState error={conditionsError} onRetry={() => void loadConditions()} />
          ) : (
            <ul>
              <li>
                <button type="button" className="chip" aria-pressed={!category} onClick={() => update({ category: '', condition: '' })}>
                  {t('find.all')}
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
                    {categoryName(c.category)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <div className="field condition-field">
          <label htmlFor={conditionId}>{t('find.condition')}</label>
          <select id={conditionId} value={condition} onChange={(e) => update({ condition: e.target.value })} disabled={!conditions}>
            <option value="">{category ? t('find.anyConditionIn', { category: categoryName(category) }) : t('find.anyCondition')}</option>
            {conditionChoices
              ? conditionChoices.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {conditionName(c)}
                  </option>
                ))
              : categories.map((group) => (
                  <optgroup key={group.category} label={categoryName(group.category)}>
                    {group.conditions.map((c) => (
                      <option key={c.slug} value={c.slug}>
                        {conditionName(c)}
                      </option>
                    ))}
                  </optgroup>
                ))}
          </select>
        </div>
      </form>

      <section aria-labelledby="results-title" className="group-results">
        <h2 id="results-title" className="visually-hidden">
          {t('find.results')}
        </h2>
        <p role="status" aria-live="polite" className="results-summary">
          {summary}
        </p>
        {error ? (
          <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : !current ? (
          <Loading label={t('find.loading')} />
        ) : current.items.length === 0 ? (
          <div className="empty-state">
            {filtered ? (
              <>
                <p>{t('find.tryShorter')}</p>
                <p>
                  {t('find.cantFind')}{' '}
                  <Link to={condition ? `/groups/new?condition=${encodeURIComponent(condition)}` : '/groups/new'}>{t('find.startOne')}</Link>{' '}
                  {t('find.othersWillFind')}
                </p>
              </>
            ) : (
              <p>
                {t('find.beFirst')} <Link to="/groups/new">{t('find.startForCondition')}</Link> {t('find.forYourCondition')}
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
                  {loadingMore ? t('common:action.loadingMore') : t('find.showMore')}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </section>
  );
}
