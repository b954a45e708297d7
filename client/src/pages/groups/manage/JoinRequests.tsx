/** Pending join requests with Approve / Deny, for a group's moderators. */
import type { Group, JoinRequest } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCursorList } from '../../../hooks/useCursorList';
import { groupsApi } from '../../../api/groups';
import { ErrorState } from '../../../components/ErrorState';
import { Loading } from '../../../components/Loading';
import { formatDate, timeAgo } from '../../../i18n/format';
import { PersonLine } from '../GroupMembersTab';

export function JoinRequests({ group, reload }: { group: Group; reload(): Promise<void> }) {
  const { t } = useTranslation('groups');
  const fetchPage = useCallback((cursor: string | null) => groupsApi.requests(group.slug, cursor), [group.slug]);
  const { items: requests, setItems: setRequests, nextCursor, error, load } = useCursorList(fetchPage);
  const [actionError, setActionError] = useState<unknown>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    void load(null);
  }, [load]);

  const decide = async (request: JoinRequest, approve: boolean) => {
    setWorking(request.user.id);
    setActionError(null);
    try {
      if (approve) await groupsApi.approve(group.slug, request.user.id);
      else await groupsApi.deny(group.slug, request.user.id);
      setRequests((list) => list?.filter((r) => r.user.id !== request.user.id) ?? null);
      setAnnouncement(approve ? t('requests.approved', { name: request.user.displayName }) : t('requests.denied', { name: request.user.displayName }));
      if (approve) await reload();
    } catch (err) {
      setActionError(err);
      await load(null);
    } finally {
      setWorking(null);
    }
  };

  return (
    <section aria-labelledby="requests-title" className="card">
      <h2 id="requests-title">
        {requests && requests.length > 0
          ? t(nextCursor ? 'requests.titleCountMore' : 'requests.titleCount', { count: requests.length })
          : t('requests.title')}
      </h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorState error={actionError} groupSlug={group.slug} />
      {error ? (
        <ErrorState error={error} groupSlug={group.slug} onRetry={() => void load(null)} />
      ) : !requests ? (
        <Loading label={t('requests.loading')} />
      ) : requests.length === 0 ? (
        <p className="muted">
          {group.visibility === 'public' ? t('requests.publicNone') : t('requests.none')}
        </p>
      ) : (
        <ul className="request-list">
          {requests.map((r) => (
            <li key={r.user.id}>
              <div>
                <PersonLine member={r} />
                {/* What tells two people of the same name apart: member since, bio, their note (never an email). */}
                <p className="muted small">
                  <time dateTime={r.requestedAt}>{t('requests.asked', { when: timeAgo(r.requestedAt) })}</time>
                  {' · '}
                  <time dateTime={r.user.createdAt}>{t('requests.memberSince', { date: formatDate(r.user.createdAt) })}</time>
                </p>
                <p className="small">{r.user.bio ? <>{t('requests.bio')} {r.user.bio}</> : <span className="muted">{t('requests.noBio')}</span>}</p>
                {r.note ? (
                  <blockquote className="request-note">
                    <p className="small"><span className="visually-hidden">{t('requests.note')} </span>{r.note}</p>
                  </blockquote>
                ) : (
                  <p className="muted small">{t('requests.noNote')}</p>
                )}
              </div>
              <div className="request-actions">
                <button type="button" className="button primary" onClick={() => void decide(r, true)} disabled={working !== null}>
                  {t('requests.approve')}<span className="visually-hidden"> {r.user.displayName}</span>
                </button>
                <button type="button" className="button secondary" onClick={() => void decide(r, false)} disabled={working !== null}>
                  {t('requests.deny')}<span className="visually-hidden"> {r.user.displayName}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <button type="button" className="button secondary" onClick={() => void load(nextCursor)}>
          {t('requests.showMore')}
        </button>
      )}
    </section>
  );
}
