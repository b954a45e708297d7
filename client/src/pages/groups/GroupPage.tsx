/**
 * A group: header (condition, visibility, members, the membership button), section tabs, and the
 * current tab through <Outlet context={{ group, reload }} />.
 */
import type { Group, NotificationPayload, Report } from '@circles/shared';
import { startTransition, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { groupsApi } from '../../api/groups';
import { fromPrefetch } from '../../api/prefetch';
import { moderationApi } from '../../api/moderation';
import { getSocket } from '../../api/socket';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { MyGroupsList } from '../../components/MyGroupsList';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useConditionNames } from '../../i18n/conditions';
import { RemovedNotice } from '../../safety/RemovedNotice';
import { useGroups } from '../../stores/groups';
import { useModeration, watchModeration } from '../../stores/moderation';
import { useSession } from '../../stores/session';
import { HostLine, useGroupLabels } from './GroupCard';
import type { GroupOutletContext } from './groupContext';
import { canModerate } from './membership';
import { MembershipButton } from './MembershipButton';
import '../../styles/groups.css';

/** How long after a moderator opens a group its open reports are counted (see below). */
const OPEN_REPORTS_DELAY_MS = 1_500;

export default function GroupPage() {
  const { slug = '' } = useParams();
  const user = useSession((s) => s.user);
  const unread = useGroups((s) => s.myGroups?.find((g) => g.slug === slug)?.unreadCount ?? 0);
  const [group, setGroup] = useState<Group | null>(null);
  const [error, setError] = useState<unknown>(null);
  const removed = useModeration((s) => s.removed[slug]);
  const openReports = useModeration((s) => s.openReports[slug]);
  const { t } = useTranslation('groups');
  const { conditionName, categoryName } = useConditionNames();
  const labels = useGroupLabels();
  useDocumentTitle(group?.name ?? t('group.title'));

  const reload = useCallback(async () => {
    try {
      // On a reload of the group's chat, its answer may have been asked for beside the session check.
      const fresh = await fromPrefetch(`/groups/${encodeURIComponent(slug)}`, () => groupsApi.get(slug));
      // The group's frame and its open tab render from this answer: in slices (a transition) on a phone.
      startTransition(() => {
        setGroup(fresh);
        setError(null);
      });
      // Back in (rejoined, or let in again): the notice about losing access is over.
      if (fresh.myMembership?.status === 'active') useModeration.getState().forget(slug);
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
    // Removed, banned, or the group turned private: show why at once, and the group as it now is.
    const onRemoved = (p: { slug: string }) => {
      if (p.slug === slug) void reload();
    };
    socket.on('group:removed', onRemoved);
    watchModeration();
    return () => {
      socket.off('notification:new', onNotification);
      socket.off('group:removed', onRemoved);
    };
  }, [slug, reload]);

  // Moderators see how many reports wait, from any tab, counted up live as they arrive. The first count is
  // a badge on a tab, not the page: it is asked for once the page's first screen is up, not beside it (on
  // a phone, the request and its render sat in the middle of the chat's first paint of messages).
  const mayModerate = group ? canModerate(group, user) : false;
  const groupId = group?.id;
  useEffect(() => {
    if (!mayModerate || !groupId) return;
    let cancelled = false;
    const countLater = setTimeout(() => {
      moderationApi
        .reports(slug, 'open')
        .then((page) => !cancelled && useModeration.getState().setOpenReports(slug, page.items.length, page.nextCursor !== null))
        .catch(() => undefined);
    }, OPEN_REPORTS_DELAY_MS);
    const socket = getSocket();
    const onReport = ({ report }: { report: Report }) => {
      if (report.groupId === groupId) useModeration.getState().bumpOpenReports(slug);
    };
    socket.on('report:new', onReport);
    return () => {
      cancelled = true;
      clearTimeout(countLater);
      socket.off('report:new', onReport);
    };
  }, [slug, groupId, mayModerate]);

  if (error && !group) {
    const missing = error instanceof ApiError && error.code === 'NOT_FOUND';
    return (
      <section aria-labelledby="group-error">
        <h1 id="group-error">{missing ? t('group.notFound') : t('group.loadFailed')}</h1>
        <ErrorState
          error={error}
          onRetry={() => void reload()}
          advice={
            missing ? (
              <>
                <p>{t('group.notFoundText')}</p>
                <p>
                  <Link className="button primary" to="/groups">
                    {t('find.title')}
                  </Link>
                </p>
              </>
            ) : undefined
          }
        />
      </section>
    );
  }
  if (!group) return <Loading label={t('group.loading')} />;

  const context: GroupOutletContext = { group, reload };
  const status = labels.membership(group);
  // Signed out, a group is its card: the about tab only (content and members are for people signed in).
  const tabs: Array<{ to: string; label: string; end?: boolean; extra?: string; shown?: string }> = user
    ? [
        { to: '', label: t('tab.about'), end: true },
        { to: 'chat', label: t('tab.chat'), extra: unread > 0 ? t('tab.unread', { count: unread }) : undefined, shown: unread > 99 ? '99+' : String(unread) },
        { to: 'questions', label: t('tab.questions') },
        { to: 'events', label: t('tab.events') },
        { to: 'members', label: t('tab.members') },
      ]
    : [{ to: '', label: t('tab.about'), end: true }];
  if (canModerate(group, user)) {
    const waiting = openReports && openReports.count > 0 ? openReports : null;
    tabs.push({
      to: 'reports',
      label: t('tab.reports'),
      extra: waiting ? t(waiting.more ? 'tab.openReportsMore' : 'tab.openReports', { count: waiting.count }) : undefined,
      shown: waiting ? `${waiting.count}${waiting.more ? '+' : ''}` : undefined,
    });
    tabs.push({ to: 'manage', label: t('tab.manage') });
    tabs.push({ to: 'audit-log', label: t('tab.auditLog') });
  }

  return (
    <div className={user ? 'group-layout' : undefined}>
      <article className="group-page" aria-labelledby="group-title">
        <header className="group-header">
          <p className="group-crumbs">
            <Link to={`/groups?condition=${encodeURIComponent(group.condition.slug)}`}>{conditionName(group.condition)}</Link>
            <span className="muted"> · {categoryName(group.condition.category)}</span>
          </p>
          <h1 id="group-title">{group.name}</h1>
          <p className="group-meta">
            <span className={`badge${group.visibility === 'private' ? ' private' : ''}`}>{group.visibility === 'private' ? t('card.private') : t('card.public')}</span>
            <span className="muted">{labels.memberCount(group.memberCount)}</span>
            {status && <span className="muted">{status}</span>}
          </p>
          {group.organization && <HostLine organization={group.organization} />}
          <MembershipButton group={group} reload={reload} />
        </header>

        {removed && removed !== 'suspended' && <RemovedNotice slug={group.slug} reason={removed} />}

        <nav aria-label={t('group.sections')} className="group-tabs">
          <ul>
            {tabs.map((tab) => (
              <li key={tab.to}>
                <NavLink to={tab.to} end={tab.end}>
                  {tab.label}
                  {tab.extra && (
                    <span className="tab-extra">
                      {' '}
                      <span aria-hidden="true">({tab.shown})</span>
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
      {/* After the group in reading and tab order; beside it on a wide screen, hidden on a narrow one. */}
      {user && <MyGroupsList variant="compact" />}
    </div>
  );
}
