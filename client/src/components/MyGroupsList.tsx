/**
 * The groups I belong to, with unread counts. `full` (home page): cards with condition and last
 * activity; `compact` (navigation): one line per group.
 */
import type { MyGroup } from '@circles/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { timeAgo } from '../i18n/format';
import { useConditionNames } from '../i18n/conditions';
import { useGroups } from '../stores/groups';
import { ErrorState } from './ErrorState';
import { Loading } from './Loading';
import '../styles/groups.css';

function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation('common');
  if (count <= 0) return null;
  return (
    <span className="unread-badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{count >= 1000 ? t('unread.many') : t('unread.count', { count })}</span>
    </span>
  );
}

export function MyGroupsList({ variant = 'full' }: { variant?: 'full' | 'compact' }) {
  const { t } = useTranslation('common');
  const { myGroups, myGroupsStatus, myGroupsError, loadMyGroups } = useGroups();
  useEffect(() => {
    // A load already on its way (the chat asks too on a direct visit) will do.
    void loadMyGroups({ reuse: true });
  }, [loadMyGroups]);

  if (myGroupsStatus === 'error' && !myGroups) {
    return <ErrorState error={myGroupsError ?? new Error(t('myGroups.loadFailed'))} onRetry={() => void loadMyGroups()} />;
  }
  if (!myGroups) return variant === 'compact' ? null : <Loading label={t('myGroups.loading')} />;

  if (myGroups.length === 0) {
    if (variant === 'compact') return null;
    return (
      <div className="empty-state">
        <p>{t('myGroups.empty')}</p>
        <p>
          <Link className="button primary" to="/groups">
            {t('myGroups.findGroup')}
          </Link>
        </p>
      </div>
    );
  }

  if (variant === 'compact') {
    // The group open now is marked (NavLink: aria-current="page" on it and on its tabs' pages).
    return (
      <nav className="my-groups-nav" aria-label={t('myGroups.navLabel')}>
        <h2 className="my-groups-nav-title">{t('myGroups.navLabel')}</h2>
        <ul className="my-groups-compact">
          {myGroups.map((group) => (
            <li key={group.id}>
              <NavLink to={`/groups/${group.slug}`}>
                <span className="name">{group.name}</span> <UnreadBadge count={group.unreadCount} />
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
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
  const { t } = useTranslation('common');
  const { conditionName } = useConditionNames();
  const role = group.myMembership?.role;
  return (
    <li className="my-group card">
      <div className="my-group-main">
        <h3>
          <Link to={`/groups/${group.slug}`}>{group.name}</Link> <UnreadBadge count={group.unreadCount} />
        </h3>
        <p className="muted">
          {conditionName(group.condition)}
          {group.visibility === 'private' && ` · ${t('myGroups.private')}`}
          {role && role !== 'member' && ` · ${role === 'owner' ? t('myGroups.youOwn') : t('myGroups.youModerate')}`}
        </p>
      </div>
      <p className="my-group-activity muted">
        {group.lastMessageAt ? t('myGroups.lastMessage', { when: timeAgo(group.lastMessageAt) }) : t('myGroups.noMessages')}
      </p>
    </li>
  );
}
