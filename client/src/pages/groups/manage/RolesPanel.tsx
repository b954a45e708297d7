/** Appoint moderators and co-owners (owners and site admins). */
import type { Group, Member, MembershipRole } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCursorList } from '../../../hooks/useCursorList';
import { groupsApi } from '../../../api/groups';
import { ErrorState } from '../../../components/ErrorState';
import { Loading } from '../../../components/Loading';
import { useSession } from '../../../stores/session';
import { PersonLine } from '../GroupMembersTab';

type RoleAction = 'roles.makeModerator' | 'roles.makeOwner' | 'roles.removeModerator' | 'roles.removeOwner';
const actionsFor = (role: MembershipRole): Array<{ role: MembershipRole; label: RoleAction }> =>
  role === 'member'
    ? [
        { role: 'moderator', label: 'roles.makeModerator' },
        { role: 'owner', label: 'roles.makeOwner' },
      ]
    : role === 'moderator'
      ? [
          { role: 'member', label: 'roles.removeModerator' },
          { role: 'owner', label: 'roles.makeOwner' },
        ]
      : [{ role: 'member', label: 'roles.removeOwner' }];

const NOW_ROLE = { owner: 'roles.nowOwner', moderator: 'roles.nowModerator', member: 'roles.nowMember' } as const;

export function RolesPanel({ group, reload }: { group: Group; reload(): Promise<void> }) {
  const { t } = useTranslation(['groups', 'common']);
  const me = useSession((s) => s.user);
  const fetchPage = useCallback((cursor: string | null) => groupsApi.members(group.slug, cursor), [group.slug]);
  const { items: members, setItems: setMembers, nextCursor, error, load } = useCursorList(fetchPage);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<Member | null>(null);
  const [working, setWorking] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    void load(null);
  }, [load]);

  const change = async (member: Member, role: MembershipRole) => {
    setWorking(true);
    setActionError(null);
    setConfirming(null);
    try {
      const updated = await groupsApi.setRole(group.slug, member.user.id, role);
      setMembers((list) => list?.map((m) => (m.user.id === updated.user.id ? updated : m)) ?? null);
      setAnnouncement(t(NOW_ROLE[role], { name: member.user.displayName }));
      if (member.user.id === me?.id) await reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setWorking(false);
    }
  };

  // Owners are listed first, so the first page already holds every owner whenever there is only one.
  const ownerCount = members?.filter((m) => m.role === 'owner').length ?? 0;

  return (
    <section aria-labelledby="roles-title" className="card">
      <h2 id="roles-title">{t('roles.title')}</h2>
      <p className="muted">{t('roles.intro')}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorState error={actionError} groupSlug={group.slug} />
      {error ? (
        <ErrorState error={error} groupSlug={group.slug} onRetry={() => void load(null)} />
      ) : !members ? (
        <Loading label={t('members.loading')} />
      ) : (
        <ul className="role-list">
          {members.map((m) => (
            <li key={m.user.id}>
              <div>
                <PersonLine member={{ user: m.user }} />
                <p className="muted small">{t(`common:people.role.${m.role}`)}</p>
              </div>
              {m.role === 'owner' && ownerCount <= 1 ? (
                <p className="muted small">{t('roles.onlyOwner')}</p>
              ) : confirming?.user.id === m.user.id ? (
                <div className="role-actions" role="group" aria-label={t('roles.confirmLabel', { name: m.user.displayName })}>
                  <p className="small">{t('roles.confirmText')}</p>
                  <button type="button" className="button primary" onClick={() => void change(m, 'owner')} disabled={working}>
                    {t('roles.confirm')}
                  </button>
                  <button type="button" className="button secondary" onClick={() => setConfirming(null)} autoFocus>
                    {t('common:action.cancel')}
                  </button>
                </div>
              ) : (
                <div className="role-actions">
                  {actionsFor(m.role).map((a) => (
                    <button
                      key={a.role}
                      type="button"
                      className="button secondary small"
                      disabled={working}
                      onClick={() => (a.role === 'owner' ? setConfirming(m) : void change(m, a.role))}
                    >
                      {t(a.label)}
                      <span className="visually-hidden"> {t('roles.for', { name: m.user.displayName })}</span>
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <button type="button" className="button secondary" onClick={() => void load(nextCursor)}>
          {t('members.showMore')}
        </button>
      )}
    </section>
  );
}
