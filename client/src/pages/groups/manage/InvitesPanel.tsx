/**
 * Invite links for a group's moderators: make one (expiry, use limit, a note), see how often each was
 * used, copy it, download its QR code (SVG) to print, turn it off. The strings are in the orgs namespace.
 */
import type { Group, Invite } from '@circles/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invitesApi } from '../../../api/organizations';
import { ErrorState } from '../../../components/ErrorState';
import { TextField } from '../../../components/Field';
import { formatDate } from '../../../i18n/format';
import '../../../styles/orgs.css';

const DAY_CHOICES = [1, 7, 30, 90, 365];
const DAY_MS = 86_400_000;

/** The link people open: this site's /invite page (what the QR code holds is the server's public URL). */
const linkOf = (invite: Invite) => `${window.location.origin}/invite/${invite.code}`;

export function InvitesPanel({ group }: { group: Group }) {
  const { t } = useTranslation(['orgs', 'common']);
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [days, setDays] = useState(7);
  const [maxUses, setMaxUses] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setInvites((await invitesApi.list(group.slug)).items);
    } catch (err) {
      setError(err);
    }
  }, [group.slug]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const uses = maxUses.trim() ? Number(maxUses) : null;
      await invitesApi.create(group.slug, {
        expiresAt: new Date(Date.now() + days * DAY_MS).toISOString(),
        maxUses: uses !== null && Number.isFinite(uses) ? uses : null,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setAnnouncement(t('links.created'));
      setMaxUses('');
      setNote('');
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await action();
      setAnnouncement(done);
    } catch (err) {
      setError(err);
    }
  };

  const downloadQr = (invite: Invite) =>
    act(async () => {
      const blob = await invitesApi.qrSvg(invite.code);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `circles-invite-${group.slug}.svg`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }, '');

  const state = (invite: Invite): string | null => {
    if (invite.revokedAt) return t('links.revoked');
    if (Date.parse(invite.expiresAt) <= Date.now()) return t('links.expired');
    if (invite.maxUses !== null && invite.uses >= invite.maxUses) return t('links.usedUp');
    return null;
  };

  return (
    <section className="card" aria-labelledby="invite-links-title">
      <h2 id="invite-links-title">{t('links.title')}</h2>
      <p className="hint">{t('links.lede')}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorState error={error} groupSlug={group.slug} onRetry={() => void load()} />
      <form onSubmit={create} noValidate>
        <div className="field">
          <label htmlFor="invite-days">{t('links.expiresIn')}</label>
          <select id="invite-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {DAY_CHOICES.map((d) => (
              <option key={d} value={d}>
                {t('links.days', { count: d })}
              </option>
            ))}
          </select>
        </div>
        <TextField label={t('links.maxUses')} hint={t('links.maxUsesHint')} type="number" min={1} inputMode="numeric" value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
        <TextField label={t('links.note')} value={note} maxLength={120} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('links.create')}
        </button>
      </form>
      {invites && invites.length === 0 && <p className="muted">{t('links.none')}</p>}
      {invites && invites.length > 0 && (
        <ul className="plain-list invite-links">
          {invites.map((invite) => {
            const ended = state(invite);
            return (
              <li key={invite.code}>
                {invite.note && <p><strong>{invite.note}</strong></p>}
                <p>
                  <span className="visually-hidden">{t('links.link')}: </span>
                  <code>{linkOf(invite)}</code>
                </p>
                <p className="muted">
                  {invite.maxUses === null ? t('links.usesUnlimited', { count: invite.uses }) : t('links.uses', { uses: invite.uses, max: invite.maxUses })}
                  {' · '}
                  {ended ?? t('links.expires', { date: formatDate(invite.expiresAt) })}
                </p>
                {!ended && (
                  <div className="row-actions">
                    <button type="button" className="button secondary small" onClick={() => void act(() => navigator.clipboard.writeText(linkOf(invite)), t('links.copied'))}>
                      {t('links.copy')}
                    </button>
                    <button type="button" className="button secondary small" onClick={() => void downloadQr(invite)}>
                      {t('links.qr')}
                    </button>
                    <button
                      type="button"
                      className="button danger small"
                      onClick={() =>
                        void act(async () => {
                          await invitesApi.revoke(invite.code);
                          await load();
                        }, t('links.revokedDone'))
                      }
                    >
                      {t('links.revoke')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
