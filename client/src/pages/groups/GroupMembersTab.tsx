/** Who is in a group: owners, moderators, then members. Private groups show this to members only. */
import type { Member } from '@circles/shared';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { groupsApi } from '../../api/groups';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { Affiliations } from '../../components/Affiliations';
import { useGroupContext } from './groupContext';

export function PersonLine({ member }: { member: Pick<Member, 'user'> & Partial<Pick<Member, 'role'>> }) {
  const { t } = useTranslation(['groups', 'common']);
  const { user } = member;
  return (
    <span className="person">
      <span className="avatar" aria-hidden="true">
        {user.displayName.trim().charAt(0).toUpperCase() || '?'}
      </span>
      <span className="person-name">{user.displayName}</span>
      <Affiliations user={user} />
      {user.clinician && (
        <span className="badge clinician" title={t('members.clinicianTitle', { specialty: user.clinician.specialty, jurisdiction: user.clinician.jurisdiction })}>
          {t('common:people.verifiedClinician')}
        </span>
      )}
      {member.role && member.role !== 'member' && <span className="badge">{t(`common:people.role.${member.role}`)}</span>}
    </span>
  );
}

export default function GroupMembersTab() {
  const { t } = useTranslation(['groups', 'common']);
  const { group } = useGroupContext();
  useDocumentTitle(t('members.pageTitle', { name: group.name }));
  const fetchPage = useCallback((cursor: string | null) => groupsApi.members(group.slug, cursor), [group.slug]);
  const { items: members, nextCursor, error, busy, load } = useCursorList(fetchPage);

  useEffect(() => {
    void load(null);
  }, [load, group.memberCount]);

  return (
    <section aria-labelledby="members-title" className="group-members">
      <h2 id="members-title">{t('members.title')}</h2>
      {error ? (
        <ErrorState
          error={error}
          groupSlug={group.slug}
          onRetry={() => void load(null)}
          advice={error instanceof ApiError && error.code === 'NOT_A_MEMBER' ? <p>{t('members.closed')}</p> : undefined}
        />
      ) : !members ? (
        <Loading label={t('members.loading')} />
      ) : (
        <>
          <p className="muted">{t('card.members', { count: group.memberCount })}</p>
          <ul className="member-list">
            {members.map((m) => (
              <li key={m.user.id}>
                <PersonLine member={m} />
              </li>
            ))}
          </ul>
          {nextCursor && (
            <button type="button" className="button secondary" onClick={() => void load(nextCursor)} disabled={busy}>
              {busy ? t('common:action.loadingMore') : t('members.showMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
