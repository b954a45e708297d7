/**
 * On the home page: staff invitations waiting for the person (accept / decline, live when one arrives)
 * and the organizations they belong to, with the way to add one. Loaded lazily with its strings.
 */
import type { Me, NotificationPayload, StaffInvitation } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/http';
import { orgsApi } from '../../api/organizations';
import { getSocket } from '../../api/socket';
import { Affiliations } from '../../components/Affiliations';
import { ErrorState } from '../../components/ErrorState';
import { useSession } from '../../stores/session';
import '../../styles/orgs.css';

export default function MyOrganizations() {
  const { t } = useTranslation(['orgs', 'common']);
  const user = useSession((s) => s.user);
  const setUser = useSession((s) => s.setUser);
  const [invitations, setInvitations] = useState<StaffInvitation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');

  const load = useCallback(async () => {
    try {
      setInvitations((await orgsApi.myInvitations()).items);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
    const socket = getSocket();
    const onNotification = ({ notification }: { notification: NotificationPayload }) => {
      if (notification.type === 'staff_invite') void load();
    };
    socket.on('notification:new', onNotification);
    return () => {
      socket.off('notification:new', onNotification);
    };
  }, [load]);

  const answer = async (invitation: StaffInvitation, accept: boolean) => {
    setError(null);
    try {
      if (accept) await orgsApi.accept(invitation.organization.slug);
      else await orgsApi.decline(invitation.organization.slug);
      setAnnouncement(accept ? t('invitations.accepted', { org: invitation.organization.name }) : t('invitations.declined'));
      if (accept) setUser(await api.get<Me>('/me'));
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {announcement && <p className="notice">{announcement}</p>}
      {invitations.length > 0 && (
        <section className="card" aria-labelledby="staff-invitations-title">
          <h2 id="staff-invitations-title">{t('invitations.title')}</h2>
          <ErrorState error={error} onRetry={() => void load()} />
          <ul className="plain-list">
            {invitations.map((i) => (
              <li key={i.id}>
                <p>{t('invitations.text', { org: i.organization.name, title: i.title })}</p>
                <div className="row-actions">
                  <button type="button" className="button primary" onClick={() => void answer(i, true)}>
                    {t('invitations.accept', { org: i.organization.name })}
                  </button>
                  <button type="button" className="button secondary" onClick={() => void answer(i, false)}>
                    {t('invitations.decline', { org: i.organization.name })}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="my-orgs-title" className="my-orgs">
        <h2 id="my-orgs-title">{t('my.title')}</h2>
        {user && user.affiliations.length > 0 ? (
          <p>
            <Affiliations user={user} />
          </p>
        ) : (
          <p className="muted">{t('my.none')}</p>
        )}
        <p>
          <Link to="/orgs/new">{t('my.create')}</Link>
        </p>
      </section>
    </>
  );
}
