/** Who is in a group: owners, moderators, then members. Private groups show this to members only. */
import type { Member } from '@circles/shared';
import { useCallback, useEffect } from 'react';
import { ApiError } from '../../api/http';
import { groupsApi } from '../../api/groups';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useGroupContext } from './groupContext';

export const roleLabel = { owner: 'Owner', moderator: 'Moderator', member: 'Member' } as const;

export function PersonLine({ member }: { member: Pick<Member, 'user'> & Partial<Pick<Member, 'role'>> }) {
  const { user } = member;
  return (
    <span className="person">
      <span className="avatar" aria-hidden="true">
        {user.displayName.trim().charAt(0).toUpperCase() || '?'}
      </span>
      <span className="person-name">{user.displayName}</span>
      {user.clinician && (
        <span className="badge clinician" title={`${user.clinician.specialty}, ${user.clinician.jurisdiction}`}>
          Verified clinician
        </span>
      )}
      {member.role && member.role !== 'member' && <span className="badge">{roleLabel[member.role]}</span>}
    </span>
  );
}

export default function GroupMembersTab() {
  const { group } = useGroupContext();
  useDocumentTitle(`Members · ${group.name}`);
  const fetchPage = useCallback((cursor: string | null) => groupsApi.members(group.slug, cursor), [group.slug]);
  const { items: members, nextCursor, error, busy, load } = useCursorList(fetchPage);

  useEffect(() => {
    void load(null);
  }, [load, group.memberCount]);

  const closed = error instanceof ApiError && error.code === 'NOT_A_MEMBER';
  return (
    <section aria-labelledby="members-title" className="group-members">
      <h2 id="members-title">Members</h2>
      {closed ? (
        <p className="notice">The member list of a private group is for its members. Ask to join to see who is here.</p>
      ) : error ? (
        <ErrorMessage error={error} onRetry={() => void load(null)} />
      ) : !members ? (
        <Loading label="Loading members" />
      ) : (
        <>
          <p className="muted">{group.memberCount === 1 ? '1 member' : `${group.memberCount} members`}</p>
          <ul className="member-list">
            {members.map((m) => (
              <li key={m.user.id}>
                <PersonLine member={m} />
              </li>
            ))}
          </ul>
          {nextCursor && (
            <button type="button" className="button secondary" onClick={() => void load(nextCursor)} disabled={busy}>
              {busy ? 'Loading…' : 'Show more members'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
