/**
 * The one membership control on a group page. Its label says what it will do or where things stand:
 * "Join group", "Request to join", "Request pending" (with "Withdraw request"), "Leave group".
 */
import type { Group } from '@circles/shared';
import { useState } from 'react';
import { groupsApi } from '../../api/groups';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useGroups } from '../../stores/groups';
import { useSession } from '../../stores/session';

export function MembershipButton({ group, reload }: { group: Group; reload(): Promise<void> }) {
  const user = useSession((s) => s.user);
  const loadMyGroups = useGroups((s) => s.loadMyGroups);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const membership = group.myMembership;

  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await reload();
      void loadMyGroups();
      setAnnouncement(done);
      setConfirmLeave(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const join = () =>
    act(
      () => groupsApi.join(group.slug),
      group.visibility === 'public' || user?.isAdmin ? `You joined ${group.name}.` : `Request sent. The moderators of ${group.name} will review it.`,
    );
  const leave = (done: string) => act(() => groupsApi.leave(group.slug), done);

  let control;
  if (!membership) {
    const direct = group.visibility === 'public' || Boolean(user?.isAdmin);
    control = (
      <button type="button" className="button primary" onClick={() => void join()} disabled={busy}>
        {direct ? 'Join group' : 'Request to join'}
      </button>
    );
  } else if (membership.status === 'pending') {
    control = (
      <>
        <button type="button" className="button secondary" disabled aria-describedby="pending-note">
          Request pending
        </button>
        <p id="pending-note" className="hint">
          The group’s moderators will review your request; you’ll get a notification when you’re in.
        </p>
        <button type="button" className="link-button" onClick={() => void leave('Your request was withdrawn.')} disabled={busy}>
          Withdraw request
        </button>
      </>
    );
  } else if (confirmLeave) {
    control = (
      <div className="confirm-leave" role="group" aria-labelledby="leave-question">
        <p id="leave-question">
          Leave {group.name}?{' '}
          {group.visibility === 'private' ? 'To come back you will need to ask again.' : 'You can join again any time.'}
        </p>
        <button type="button" className="button danger" onClick={() => void leave(`You left ${group.name}.`)} disabled={busy}>
          Yes, leave
        </button>{' '}
        <button type="button" className="button secondary" onClick={() => setConfirmLeave(false)} autoFocus>
          Stay
        </button>
      </div>
    );
  } else {
    control = (
      <button type="button" className="button secondary" onClick={() => setConfirmLeave(true)}>
        Leave group
      </button>
    );
  }

  return (
    <div className="membership-control">
      {control}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorMessage error={error} />
    </div>
  );
}
