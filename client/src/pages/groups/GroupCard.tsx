import type { Group } from '@circles/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useConditionNames } from '../../i18n/conditions';

const clip = (text: string, max = 180) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text);

/** Member counts and membership in words, for cards and headers. */
export function useGroupLabels() {
  const { t } = useTranslation('groups');
  return {
    memberCount: (n: number) => t('card.members', { count: n }),
    membership(group: Group): string | null {
      const m = group.myMembership;
      if (!m) return null;
      if (m.status === 'pending') return t('status.pending');
      if (m.role === 'owner') return t('status.owner');
      if (m.role === 'moderator') return t('status.moderator');
      return t('status.member');
    },
  };
}

/** "Hosted by Riverside Children’s Hospital ✓": the organization behind a group, linked to its page. */
export function HostLine({ organization }: { organization: NonNullable<Group['organization']> }) {
  const { t } = useTranslation(['groups', 'common']);
  return (
    <p className="host-line">
      <Link to={`/orgs/${encodeURIComponent(organization.slug)}`}>{t('card.hostedBy', { org: organization.name })}</Link>
      {organization.verified && (
        <span className="verified-mark" title={t('common:people.verifiedOrg')}>
          {' '}
          <span aria-hidden="true">✓</span>
          <span className="visually-hidden">({t('common:people.verifiedOrg')})</span>
        </span>
      )}
    </p>
  );
}

/** One group in a list of results. */
export function GroupCard({ group, headingLevel = 3 }: { group: Group; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('groups');
  const { conditionName } = useConditionNames();
  const labels = useGroupLabels();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const status = labels.membership(group);
  return (
    <li className="group-card card">
      <Heading className="group-card-title">
        <Link to={`/groups/${group.slug}`}>{group.name}</Link>
      </Heading>
      <p className="group-meta">
        <span className="badge">{conditionName(group.condition)}</span>
        {group.visibility === 'private' && <span className="badge private">{t('card.private')}</span>}
        <span className="muted">{labels.memberCount(group.memberCount)}</span>
      </p>
      {group.organization && <HostLine organization={group.organization} />}
      <p className="group-card-description">{clip(group.description)}</p>
      {status && <p className={`group-card-status${group.myMembership?.status === 'pending' ? ' pending' : ''}`}>{status}</p>}
    </li>
  );
}
