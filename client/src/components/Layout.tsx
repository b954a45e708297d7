/** The frame of every page: skip link, header with navigation, main landmark, footer. */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { isVerifiedClinician, useSession } from '../stores/session';
import { LanguageSwitch } from './LanguageSwitch';
import { Loading } from './Loading';

const SuspendedScreen = lazy(() => import('../safety/SuspendedScreen'));

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const { status, user, logout, suspended } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const signOut = async () => {
    await logout();
    void navigate('/login');
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand" aria-label={t('layout.home')}>
          <span className="brand-mark" aria-hidden="true">◎</span> Circles
        </Link>
        {status === 'signedIn' && user && !suspended && (
          <>
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="primary-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              {t('layout.menu')}
            </button>
            <nav id="primary-nav" aria-label={t('layout.mainNav')} className={menuOpen ? 'open' : ''}>
              <ul>
                <li><NavLink to="/" end>{t('nav.myGroups')}</NavLink></li>
                <li><NavLink to="/groups">{t('nav.findGroups')}</NavLink></li>
                {isVerifiedClinician(user) && <li><NavLink to="/clinician/queue">{t('nav.clinicianQueue')}</NavLink></li>}
                {user.isAdmin && <li><NavLink to="/admin/clinicians">{t('nav.verifyClinicians')}</NavLink></li>}
                <li><NavLink to="/me">{t('nav.profile')}</NavLink></li>
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
        ) : (
          children
        )}
      </main>
      <footer className="site-footer">
        <p>{t('layout.disclaimer')}</p>
      </footer>
    </div>
  );
}
