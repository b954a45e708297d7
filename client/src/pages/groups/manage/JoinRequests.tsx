/** Pending join requests with Approve / Deny, for a group's moderators. */
import type { Group, JoinRequest } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useCursorList } from '../../../hooks/useCursorList';
import { groupsApi } from '../../../api/groups';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { timeAgo } from '../../../components/MyGroupsList';
import { PersonLine } from '../GroupMembersTab';

export function JoinRequests({ group, reload }: { group: Group; reload(): Promise<void> }) {
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
      setAnnouncement(approve ? `${request.user.displayName} is now a member.` : `${request.user.displayName}’s request was declined.`);
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
        Join requests{requests && requests.length > 0 ? ` (${requests.length}${nextCursor ? '+' : ''})` : ''}
      </h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorMessage error={actionError} />
      {error ? (
        <ErrorMessage error={error} onRetry={() => void load(null)} />
      ) : !requests ? (
        <Loading label="Loading requests" />
      ) : requests.length === 0 ? (
        <p className="muted">
          {group.visibility === 'public'
            ? 'This group is public: anyone can join without waiting for approval.'
            : 'No one is waiting to join. New requests will appear here.'}
        </p>
      ) : (
        <ul className="request-list">
          {requests.map((r) => (
            <li key={r.user.id}>
              <div>
                <PersonLine member={r} />
                <p className="muted small">
                  Asked <time dateTime={r.requestedAt}>{timeAgo(r.requestedAt)}</time>
                  {r.user.bio && <> · {r.user.bio}</>}
                </p>
              </div>
              <div className="request-actions">
                <button type="button" className="button primary" onClick={() => void decide(r, true)} disabled={working !== null}>
                  Approve<span className="visually-hidden"> {r.user.displayName}</span>
                </button>
                <button type="button" className="button secondary" onClick={() => void decide(r, false)} disabled={working !== null}>
                  Deny<span className="visually-hidden"> {r.user.displayName}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <button type="button" className="button secondary" onClick={() => void load(nextCursor)}>
          Show more requests
        </button>
      )}
    </section>
  );
}
