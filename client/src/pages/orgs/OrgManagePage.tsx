/** An organization's admins: edit its details, invite staff by email, withdraw invitations, remove staff. */
import type { Me, OrganizationPage, StaffInvitation } from '@circles/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { orgsApi } from '../../api/organizations';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import { OrgForm } from './OrgForm';
import '../../styles/orgs.css';

export default function OrgManagePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation(['orgs', 'common']);
  const user = useSession((s) => s.user);
  const setUser = useSession((s) => s.setUser);
  const [page, setPage] = useState<OrganizationPage | null>(null);
  const [pending, setPending] = useState<StaffInvitation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const [invite, setInvite] = useState({ email: '', title: '', role: 'staff' as 'staff' | 'admin' });
  const [inviteErrors, setInviteErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('manage.title', { name: page?.organization.name ?? t('org.title') }));

  const load = useCallback(async () => {
    try {
      const fresh = await orgsApi.page(slug);
      setPage(fresh);
      if (fresh.organization.myRole === 'admin' || user?.isAdmin) setPending((await orgsApi.pendingStaff(slug)).items);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [slug, user?.isAdmin]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error && !page) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!page) return <Loading label={t('org.loading')} />;
  const org = page.organization;
  if (org.myRole !== 'admin' && !user?.isAdmin) {
    return (
      <section aria-labelledby="manage-org-title">
        <h1 id="manage-org-title">{t('manage.title', { name: org.name })}</h1>
        <p className="notice">
          {t('manage.notAllowed')} <Link to={`/orgs/${encodeURIComponent(org.slug)}`}>{t('manage.back')}</Link>
        </p>
      </section>
    );
  }

  const act = async (action: () => Promise<unknown>, done: string) => {
    setActionError(null);
    try {
      await action();
      setAnnouncement(done);
      await load();
    } catch (err) {
      setActionError(err);
    }
  };

  const sendInvite = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setInviteErrors({});
    setActionError(null);
    try {
      await orgsApi.inviteStaff(org.slug, { email: invite.email.trim(), title: invite.title.trim(), role: invite.role });
      setAnnouncement(t('manage.sent', { email: invite.email.trim() }));
      setInvite({ email: '', title: '', role: 'staff' });
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') setInviteErrors(err.fieldErrors());
      else setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="org-page">
      <h1>{t('manage.title', { name: org.name })}</h1>
      <p>
        <Link to={`/orgs/${encodeURIComponent(org.slug)}`}>{t('manage.back')}</Link>
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorState error={actionError} />

      <section className="card" aria-labelledby="invite-staff-title">
        <h2 id="invite-staff-title">{t('manage.invite')}</h2>
        <p className="hint">{t('manage.inviteHint')}</p>
        <form onSubmit={sendInvite} noValidate>
          <TextField
            label={t('manage.email')}
            type="email"
            autoComplete="off"
            value={invite.email}
            onChange={(e) => setInvite((v) => ({ ...v, email: e.target.value }))}
            error={inviteErrors.email}
            required
          />
          <TextField
            label={t('manage.staffTitle')}
            hint={t('manage.staffTitleHint')}
            value={invite.title}
            onChange={(e) => setInvite((v) => ({ ...v, title: e.target.value }))}
            error={inviteErrors.title}
            required
          />
          <div className="field">
            <label htmlFor="staff-role">{t('manage.role')}</label>
            <select id="staff-role" value={invite.role} onChange={(e) => setInvite((v) => ({ ...v, role: e.target.value as 'staff' | 'admin' }))}>
              <option value="staff">{t('manage.roleStaff')}</option>
              <option value="admin">{t('manage.roleAdmin')}</option>
            </select>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {t('manage.send')}
          </button>
        </form>
        {announcement && <p className="hint">{announcement}</p>}
      </section>

      <section className="card" aria-labelledby="pending-staff-title">
        <h2 id="pending-staff-title">{t('manage.pending')}</h2>
        {pending.length === 0 ? (
          <p className="muted">{t('manage.noPending')}</p>
        ) : (
          <ul className="staff-list">
            {pending.map((p) => {
              const who = p.user?.displayName ?? p.email ?? '';
              return (
                <li key={p.id}>
                  <strong>{who}</strong> <span>{p.title}</span>
                  <button type="button" className="link-button" onClick={() => void act(() => orgsApi.withdrawInvitation(org.slug, p.id), t('invitations.declined'))}>
                    {t('manage.withdraw', { who })}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="staff-title">
        <h2 id="staff-title">{t('manage.staff')}</h2>
        <ul className="staff-list">
          {org.staff.map((s) => (
            <li key={s.user.id}>
              <strong>{s.user.displayName}</strong> <span>{s.title}</span> <span className="badge">{t(`org.role.${s.role}`)}</span>
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  void act(async () => {
                    await orgsApi.removeStaff(org.slug, s.user.id);
                    if (s.user.id === user?.id) void api.get<Me>('/me').then(setUser, () => undefined);
                  }, t('manage.removed', { name: s.user.displayName }))
                }
              >
                {s.user.id === user?.id ? t('manage.leave') : t('manage.remove', { name: s.user.displayName })}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t('manage.details')}</h2>
        <OrgForm
          key={org.id}
          initial={org}
          withTitle={false}
          submitLabel={t('manage.save')}
          busyLabel={t('common:action.saving')}
          onSubmit={async (v) => {
            await orgsApi.update(org.slug, {
              name: v.name,
              kind: v.kind,
              description: v.description,
              website: v.website.trim() || null,
              location: v.location.trim() || null,
            });
            setAnnouncement(t('manage.saved'));
            await load();
          }}
        />
      </section>
    </div>
  );
}
