/** The frame of every page: skip link, header with navigation, main landmark, footer. */
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { isVerifiedClinician, useSession } from '../stores/session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { useRouteFocus } from './useRouteFocus';
import { Loading } from './Loading';
import { OfflineNotice, OfflineScreen, useOnline } from './OfflineState';

const SuspendedScreen = lazy(() => import('../safety/SuspendedScreen'));

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const { status, user, logout, suspended } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useRouteFocus();
  const online = useOnline();
  // Opened offline, the session could not be checked: check it again as soon as the connection is back.
  useEffect(() => {
    const recheck = () => {
      if (useSession.getState().status !== 'signedOut') return;
      useSession.setState({ status: 'loading' });
      void useSession.getState().bootstrap();
    };
    window.addEventListener('online', recheck);
    return () => window.removeEventListener('online', recheck);
  }, []);
  const menuToggleRef = useRef<HTMLButtonElement>(null);

  const signOut = async () => {
    await logout();
    void navigate('/login');
  };

  return (
    <div className="app">
      {/* A page may add its own skip link here (the chat: "Skip to message box"). */}
      <div id="skip-links">
        <a className="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
      </div>
      <header className="site-header">
        <Link to="/" className="brand" aria-label={t('layout.home')}>
          <span className="brand-mark" aria-hidden="true">◎</span> Circles
        </Link>
        {status === 'signedIn' && user && !suspended && (
          <>
            <NotificationBell />
            <button
              ref={menuToggleRef}
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="primary-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              {t('layout.menu')}
            </button>
            <nav
              id="primary-nav"
              aria-label={t('layout.mainNav')}
              className={menuOpen ? 'open' : ''}
              onKeyDown={(e) => {
                // Escape closes the phone menu and returns to its button.
                if (e.key === 'Escape' && menuOpen) {
                  setMenuOpen(false);
                  menuToggleRef.current?.focus();
                }
              }}
            >
              <ul>
                <li><NavLink to="/" end>{t('nav.myGroups')}</NavLink></li>
                <li><NavLink to="/groups" end>{t('nav.findGroups')}</NavLink></li>
                {isVerifiedClinician(user) && <li><NavLink to="/clinician/queue">{t('nav.clinicianQueue')}</NavLink></li>}
                {user.isAdmin && <li><NavLink to="/admin/clinicians">{t('nav.verifyClinicians')}</NavLink></li>}
                <li><NavLink to="/settings">{t('nav.settings')}</NavLink></li>
                <li>
                  <button type="button" className="link-button" onClick={signOut}>
                    {t('nav.signOut')}
                  </button>
                </li>
                <li><LanguageSwitch /></li>
              </ul>
            </nav>
          </>
        )}
        {suspended && (
          <nav aria-label={t('layout.accountNav')}>
            <ul>
              <li><LanguageSwitch /></li>
            </ul>
          </nav>
        )}
        {status === 'signedOut' && !suspended && (
          <nav aria-label={t('layout.accountNav')}>
            <ul>
              <li><NavLink to="/groups">{t('nav.findGroups.visitor')}</NavLink></li>
              <li><NavLink to="/login">{t('nav.signIn')}</NavLink></li>
              <li><NavLink to="/register">{t('nav.register')}</NavLink></li>
              <li><LanguageSwitch /></li>
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {suspended ? (
          <Suspense fallback={<Loading label={t('loading.page')} />}>
            <SuspendedScreen />
          </Suspense>
        ) : !online && status !== 'signedIn' ? (
          <OfflineScreen />
        ) : (
          <>
            {!online && <OfflineNotice />}
            {children}
          </>
        )}
      </main>
      <footer className="site-footer">
        <p>{t('layout.disclaimer')}</p>
      </footer>
    </div>
  );
}
