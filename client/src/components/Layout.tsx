/** The frame of every page: skip link, header with navigation, main landmark, footer. */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { isVerifiedClinician, useSession } from '../stores/session';

export function Layout({ children }: { children: ReactNode }) {
  const { status, user, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const signOut = async () => {
    await logout();
    navigate('/login');
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand" aria-label="Circles home">
          <span className="brand-mark" aria-hidden="true">◎</span> Circles
        </Link>
        {status === 'signedIn' && user && (
          <>
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="primary-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              Menu
            </button>
            <nav id="primary-nav" aria-label="Main" className={menuOpen ? 'open' : ''}>
              <ul>
                <li><NavLink to="/" end>My groups</NavLink></li>
                <li><NavLink to="/groups">Find groups</NavLink></li>
                {isVerifiedClinician(user) && <li><NavLink to="/clinician/queue">Clinician queue</NavLink></li>}
                {user.isAdmin && <li><NavLink to="/admin/clinicians">Verify clinicians</NavLink></li>}
                <li><NavLink to="/me">Profile</NavLink></li>
                <li>
                  <button type="button" className="link-button" onClick={signOut}>
                    Sign out
                  </button>
                </li>
              </ul>
            </nav>
          </>
        )}
        {status === 'signedOut' && (
          <nav aria-label="Account">
            <ul>
              <li><NavLink to="/login">Sign in</NavLink></li>
              <li><NavLink to="/register">Create account</NavLink></li>
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Circles is peer support, not medical care. In an emergency, call your local emergency number.
        </p>
      </footer>
    </div>
  );
}
