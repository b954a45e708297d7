/**
 * A group: header (condition, visibility, members, the membership button), section tabs, and the
 * current tab through <Outlet context={{ group, reload }} />.
 */
import type { Group, NotificationPayload } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { groupsApi } from '../../api/groups';
import { getSocket } from '../../api/socket';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useGroups } from '../../stores/groups';
import { useSession } from '../../stores/session';
import { membershipLabel, memberCountLabel } from './GroupCard';
import type { GroupOutletContext } from './groupContext';
import { canModerate } from './membership';
import { MembershipButton } from './MembershipButton';
import '../../styles/groups.css';

export default function GroupPage() {
  const { slug = '' } = useParams();
  const user = useSession((s) => s.user);
  const unread = useGroups((s) => s.myGroups?.find((g) => g.slug === slug)?.unreadCount ?? 0);
  const [group, setGroup] = useState<Group | null>(null);
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(group?.name ?? 'Group');

  const reload = useCallback(async () => {
    try {
      const fresh = await groupsApi.get(slug);
      setGroup(fresh);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [slug]);

  useEffect(() => {
    setGroup(null);
    setError(null);
    void reload();
  }, [reload]);

  // Approved while looking at the page: show the new membership at once.
  useEffect(() => {
    const socket = getSocket();
    const onNotification = ({ notification }: { notification: NotificationPayload }) => {
      if (notification.type === 'join_approved' && notification.data.groupSlug === slug) void reload();
    };
    socket.on('notification:new', onNotification);
    return () => {
      socket.off('notification:new', onNotification);
    };
  }, [slug, reload]);

  if (error && !group) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') {
      return (
        <section aria-labelledby="group-missing">
          <h1 id="group-missing">Group not found</h1>
          <p>There is no group at this address. It may have been mistyped, or the link may be old.</p>
          <p>
            <Link className="button primary" to="/groups">
              Find groups
            </Link>
          </p>
        </section>
      );
    }
    return (
      <section aria-labelledby="group-error">
        <h1 id="group-error">This group could not be loaded</h1>
        <ErrorMessage error={error} onRetry={() => void reload()} />
      </section>
    );
  }
  if (!group) return <Loading label="Loading group" />;

  const context: GroupOutletContext = { group, reload };
  const status = membershipLabel(group);
  const tabs: Array<{ to: string; label: string; end?: boolean; extra?: string }> = [
    { to: '', label: 'About', end: true },
    { to: 'chat', label: 'Chat', extra: unread > 0 ? `${unread} unread` : undefined },
    { to: 'questions', label: 'Questions' },
    { to: 'members', label: 'Members' },
  ];
  if (canModerate(group, user)) tabs.push({ to: 'manage', label: 'Manage' });

  return (
    <article className="group-page" aria-labelledby="group-title">
      <header className="group-header">
        <p className="group-crumbs">
          <Link to={`/groups?condition=${encodeURIComponent(group.condition.slug)}`}>{group.condition.name}</Link>
          <span className="muted"> · {group.condition.category}</span>
        </p>
        <h1 id="group-title">{group.name}</h1>
        <p className="group-meta">
          <span className={`badge${group.visibility === 'private' ? ' private' : ''}`}>{group.visibility === 'private' ? 'Private' : 'Public'}</span>
          <span className="muted">{memberCountLabel(group.memberCount)}</span>
          {status && <span className="muted">{status}</span>}
        </p>
        <MembershipButton group={group} reload={reload} />
      </header>

      <nav aria-label="Group sections" className="group-tabs">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end}>
                {tab.label}
                {tab.extra && (
                  <span className="tab-extra">
                    {' '}
                    <span aria-hidden="true">({unread > 99 ? '99+' : unread})</span>
                    <span className="visually-hidden">, {tab.extra}</span>
                  </span>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>

      <div className="group-tab-panel">
        <Outlet context={context} />
      </div>
    </article>
  );
}
