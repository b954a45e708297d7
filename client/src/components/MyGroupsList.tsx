/**
 * The groups I belong to, with unread counts. `full` (home page): cards with condition and last
 * activity; `compact` (navigation): one line per group.
 */
import type { MyGroup } from '@circles/shared';
import { useEffect } from 'react';
import { Link, NavLink } from 'react-router';
import { useGroups } from '../stores/groups';
import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loading';
import '../styles/groups.css';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
/** "5 minutes ago", "yesterday", "3 weeks ago". */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
    ['year', Infinity],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="unread-badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{count === 1 ? "1 unread message" : count >= 1000 ? "1000 or more unread messages" : `${count} unread messages`}</span>
    </span>
  );
}

export function MyGroupsList({ variant = 'full' }: { variant?: 'full' | 'compact' }) {
  const { myGroups, myGroupsStatus, myGroupsError, loadMyGroups } = useGroups();
  useEffect(() => {
    void loadMyGroups();
  }, [loadMyGroups]);

  if (myGroupsStatus === 'error' && !myGroups) {
    return <ErrorMessage error={myGroupsError ?? new Error('Your groups could not be loaded.')} onRetry={() => void loadMyGroups()} />;
  }
  if (!myGroups) return variant === 'compact' ? null : <Loading label="Loading your groups" />;

  if (myGroups.length === 0) {
    if (variant === 'compact') return null;
    return (
      <div className="empty-state">
        <p>You haven’t joined any groups yet. Groups are where people with the same condition talk, ask and share what helps.</p>
        <p>
          <Link className="button primary" to="/groups">
            Find a group
          </Link>
        </p>
      </div>
    );
  }

  if (variant === 'compact') {
    return (
      <ul className="my-groups-compact" aria-label="My groups">
        {myGroups.map((group) => (
          <li key={group.id}>
            <NavLink to={`/groups/${group.slug}`}>
              <span className="name">{group.name}</span> <UnreadBadge count={group.unreadCount} />
            </NavLink>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <ul className="my-groups">
      {myGroups.map((group) => (
        <MyGroupCard key={group.id} group={group} />
      ))}
    </ul>
  );
}

function MyGroupCard({ group }: { group: MyGroup }) {
  const role = group.myMembership?.role;
  return (
    <li className="my-group card">
      <div className="my-group-main">
        <h3>
          <Link to={`/groups/${group.slug}`}>{group.name}</Link> <UnreadBadge count={group.unreadCount} />
        </h3>
        <p className="muted">
          {group.condition.name}
          {group.visibility === 'private' && ' · Private'}
          {role && role !== 'member' && ` · You are ${role === 'owner' ? 'the owner' : 'a moderator'}`}
        </p>
      </div>
      <p className="my-group-activity muted">
        {group.lastMessageAt ? <>Last message {timeAgo(group.lastMessageAt)}</> : 'No messages yet'}
      </p>
    </li>
  );
}
