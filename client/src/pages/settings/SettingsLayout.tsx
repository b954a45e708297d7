/**
 * The settings area: a short navigation between its sections (profile, password, notifications, your
 * data, deletion) beside the section shown. Each section is a lazy route with its own h1, so focus
 * and the document title follow a change of section as they follow any page.
 */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { Loading } from '../../components/Loading';
import '../../styles/account.css';

/** The sections, in reading order. Notifications is its own page (the notifications domain's). */
const SECTIONS = [
  { to: '/settings/profile', key: 'settings.profile' },
  { to: '/settings/password', key: 'settings.password' },
  { to: '/settings/notifications', key: 'settings.notifications' },
  { to: '/settings/data', key: 'settings.data' },
  { to: '/settings/delete', key: 'settings.delete' },
] as const;

export function SettingsNav() {
  const { t } = useTranslation('account');
  return (
    <nav className="settings-nav" aria-label={t('settings.nav')}>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to}>{t(s.key)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export default function SettingsLayout() {
  const { t } = useTranslation(['account', 'common']);
  return (
    <div className="settings">
      <SettingsNav />
      <div className="settings-panel">
        <Suspense fallback={<Loading label={t('common:loading.page')} />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
