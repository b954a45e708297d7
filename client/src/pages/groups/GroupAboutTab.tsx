/** About a group: what it is for, its rules, and how joining works. */
import { Link } from 'react-router';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useGroupContext } from './groupContext';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

export default function GroupAboutTab() {
  const { group } = useGroupContext();
  useDocumentTitle(group.name);
  const slow = group.settings.slowModeSeconds;
  return (
    <div className="group-about stack">
      <section aria-labelledby="about-title" className="card">
        <h2 id="about-title">About this group</h2>
        <p className="prewrap">{group.description}</p>
        <dl className="facts">
          <div>
            <dt>Condition</dt>
            <dd>
              <Link to={`/groups?condition=${encodeURIComponent(group.condition.slug)}`}>{group.condition.name}</Link>
            </dd>
          </div>
          <div>
            <dt>Who can read</dt>
            <dd>{group.visibility === 'public' ? 'Anyone signed in to Circles' : 'Members only'}</dd>
          </div>
          <div>
            <dt>Joining</dt>
            <dd>{group.visibility === 'public' ? 'Open: join with one click' : 'By request: a moderator approves each new member'}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>
              <time dateTime={group.createdAt}>{dateFormat.format(new Date(group.createdAt))}</time>
            </dd>
          </div>
          {slow > 0 && (
            <div>
              <dt>Slow mode</dt>
              <dd>One message every {slow < 60 ? `${slow} seconds` : `${Math.round(slow / 60)} minutes`} per person</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="rules-title" className="card">
        <h2 id="rules-title">Group rules</h2>
        {group.rules.trim() ? (
          <p className="prewrap">{group.rules}</p>
        ) : (
          <p className="muted">This group has no rules of its own yet. Circles’ community guidelines apply: be kind, share experience rather than prescriptions, and keep personal details private.</p>
        )}
      </section>

      {group.visibility === 'private' && group.myMembership?.status !== 'active' && (
        <p className="notice">
          This is a private group: its conversations, questions and member list are visible to members only.
          {group.myMembership?.status === 'pending' ? ' Your request is waiting for a moderator.' : ' Use “Request to join” above to ask the moderators.'}
        </p>
      )}
    </div>
  );
}
