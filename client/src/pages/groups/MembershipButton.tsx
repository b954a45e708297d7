/**
 * The one membership control on a group page. Its label says what it will do or where things stand:
 * "Join group", "Request to join", "Request pending" (with "Withdraw request"), "Leave group".
 */
import type { Group } from '@circles/shared';
import { JOIN_NOTE_MAX } from '@circles/shared/client';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { groupsApi } from '../../api/groups';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField } from '../../components/Field';
import { useGroups } from '../../stores/groups';
import { useSession } from '../../stores/session';

export function MembershipButton({ group, reload }: { group: Group; reload(): Promise<void> }) {
  const { t } = useTranslation('groups');
  const user = useSession((s) => s.user);
  const loadMyGroups = useGroups((s) => s.loadMyGroups);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  // A private group: the request opens a small form with an optional note for the moderators.
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>(undefined);
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
  const join = (withNote?: string) =>
    act(
      () => groupsApi.join(group.slug, withNote),
      group.visibility === 'public' || user?.isAdmin ? t('join.joined', { name: group.name }) : t('join.requested', { name: group.name }),
    );
  const leave = (done: string) => act(() => groupsApi.leave(group.slug), done);

  let control;
  if (!user) {
    // Signed out: the card invites them in; they come back here once signed up or in.
    control = (
      <>
        <Link className="button primary" to="/register" state={{ from: `/groups/${group.slug}` }}>
          {t('join.signUp')}
        </Link>{' '}
        <Link to="/login" state={{ from: `/groups/${group.slug}` }}>
          {t('join.signIn')}
        </Link>
        <p className="hint">{t('join.signedOutNote')}</p>
      </>
    );
  } else if (!membership) {
    const direct = group.visibility === 'public' || Boolean(user?.isAdmin);
    const sendRequest = (e: FormEvent) => {
      e.preventDefault();
      const trimmed = note.trim();
      if (trimmed.length > JOIN_NOTE_MAX) return setNoteError(t('join.noteTooLong', { max: JOIN_NOTE_MAX, length: trimmed.length }));
      setNoteError(undefined);
      void join(trimmed || undefined);
    };
    control = direct ? (
      <button type="button" className="button primary" onClick={() => void join()} disabled={busy}>
        {t('join.join')}
      </button>
    ) : asking ? (
      <form className="join-request-form" onSubmit={sendRequest} noValidate>
        <TextAreaField
          label={t('join.noteLabel')}
          hint={t('join.noteHint', { max: JOIN_NOTE_MAX })}
          error={noteError}
          value={note}
          rows={3}
          onChange={(e) => setNote(e.target.value)}
          autoFocus
        />
        <p className="muted small" aria-live="polite">
          {t('join.noteCount', { length: note.trim().length, max: JOIN_NOTE_MAX })}
        </p>
        <button type="submit" className="button primary" disabled={busy}>
          {t('join.sendRequest')}
        </button>{' '}
        <button type="button" className="button secondary" onClick={() => setAsking(false)}>
          {t('join.cancelRequest')}
        </button>
      </form>
    ) : (
      <button type="button" className="button primary" onClick={() => setAsking(true)} disabled={busy}>
        {t('join.request')}
      </button>
    );
  } else if (membership.status === 'pending') {
    control = (
      <>
        <button type="button" className="button secondary" disabled aria-describedby="pending-note">
          {t('join.pending')}
        </button>
        <p id="pending-note" className="hint">
          {t('join.pendingNote')}
        </p>
        <button type="button" className="link-button" onClick={() => void leave(t('join.withdrawn'))} disabled={busy}>
          {t('join.withdraw')}
        </button>
      </>
    );
  } else if (confirmLeave) {
    control = (
      <div className="confirm-leave" role="group" aria-labelledby="leave-question">
        <p id="leave-question">
          {t('join.leaveQuestion', { name: group.name })}{' '}
          {group.visibility === 'private' ? t('join.leavePrivate') : t('join.leavePublic')}
        </p>
        <button type="button" className="button danger" onClick={() => void leave(t('join.left', { name: group.name }))} disabled={busy}>
          {t('join.confirmLeave')}
        </button>{' '}
        <button type="button" className="button secondary" onClick={() => setConfirmLeave(false)} autoFocus>
          {t('join.stay')}
        </button>
      </div>
    );
  } else {
    control = (
      <button type="button" className="button secondary" onClick={() => setConfirmLeave(true)}>
        {t('join.leave')}
      </button>
    );
  }

  return (
    <div className="membership-control">
      {control}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorState error={error} groupSlug={group.slug} />
    </div>
  );
}
