/** Appoint moderators and co-owners (owners and site admins). */
import type { Group, Member, MembershipRole } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useCursorList } from '../../../hooks/useCursorList';
import { groupsApi } from '../../../api/groups';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { useSession } from '../../../stores/session';
import { PersonLine, roleLabel } from '../GroupMembersTab';

const actionsFor = (role: MembershipRole): Array<{ role: MembershipRole; label: string }> =>
  role === 'member'
    ? [
        { role: 'moderator', label: 'Make moderator' },
        { role: 'owner', label: 'Make owner' },
      ]
    : role === 'moderator'
      ? [
          { role: 'member', label: 'Remove moderator role' },
          { role: 'owner', label: 'Make owner' },
        ]
      : [{ role: 'member', label: 'Remove owner role' }];

export function RolesPanel({ group, reload }: { group: Group; reload(): Promise<void> }) {
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
      setAnnouncement(`${member.user.displayName} is now ${role === 'owner' ? 'an owner' : `a ${role}`}.`);
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
      <h2 id="roles-title">Roles</h2>
      <p className="muted">
        Moderators handle join requests, settings and reports. Owners can also appoint moderators and other owners; a group always keeps at least one owner.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorMessage error={actionError} />
      {error ? (
        <ErrorMessage error={error} onRetry={() => void load(null)} />
      ) : !members ? (
        <Loading label="Loading members" />
      ) : (
        <ul className="role-list">
          {members.map((m) => (
            <li key={m.user.id}>
              <div>
                <PersonLine member={{ user: m.user }} />
                <p className="muted small">{roleLabel[m.role]}</p>
              </div>
              {m.role === 'owner' && ownerCount <= 1 ? (
                <p className="muted small">Only owner: make someone else an owner before changing this role.</p>
              ) : confirming?.user.id === m.user.id ? (
                <div className="role-actions" role="group" aria-label={`Confirm making ${m.user.displayName} an owner`}>
                  <p className="small">Owners can do everything you can, including removing you as owner.</p>
                  <button type="button" className="button primary" onClick={() => void change(m, 'owner')} disabled={working}>
                    Yes, make owner
                  </button>
                  <button type="button" className="button secondary" onClick={() => setConfirming(null)} autoFocus>
                    Cancel
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
                      {a.label}
                      <span className="visually-hidden"> for {m.user.displayName}</span>
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
          Show more members
        </button>
      )}
    </section>
  );
}
