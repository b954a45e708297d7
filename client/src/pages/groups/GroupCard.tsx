import type { Group } from '@circles/shared';
import { Link } from 'react-router';

const clip = (text: string, max = 180) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text);

export const memberCountLabel = (n: number) => (n === 1 ? '1 member' : `${n.toLocaleString()} members`);

/** Membership in words, for cards and headers. */
export function membershipLabel(group: Group): string | null {
  const m = group.myMembership;
  if (!m) return null;
  if (m.status === 'pending') return 'Request pending';
  if (m.role === 'owner') return 'You own this group';
  if (m.role === 'moderator') return 'You moderate this group';
  return 'You’re a member';
}

/** One group in a list of results. */
export function GroupCard({ group, headingLevel = 3 }: { group: Group; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const status = membershipLabel(group);
  return (
    <li className="group-card card">
      <Heading className="group-card-title">
        <Link to={`/groups/${group.slug}`}>{group.name}</Link>
      </Heading>
      <p className="group-meta">
        <span className="badge">{group.condition.name}</span>
        {group.visibility === 'private' && <span className="badge private">Private</span>}
        <span className="muted">{memberCountLabel(group.memberCount)}</span>
      </p>
      <p className="group-card-description">{clip(group.description)}</p>
      {status && <p className={`group-card-status${group.myMembership?.status === 'pending' ? ' pending' : ''}`}>{status}</p>}
    </li>
  );
}
