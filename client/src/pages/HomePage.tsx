import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../components/Loading';
import { MyGroupsList } from '../components/MyGroupsList';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useSession } from '../stores/session';

// Events (and their strings) load with their own chunk.
const MyEvents = lazy(() => import('./events/MyEvents'));
// Staff invitations and organizations, likewise.
const MyOrganizations = lazy(() => import('./orgs/MyOrganizations'));

export function HomePage() {
  const { t } = useTranslation('common');
  useDocumentTitle(t('home.title'));
  const user = useSession((s) => s.user);
  return (
    <section aria-labelledby="home-title">
      <div className="page-head">
        <h1 id="home-title">{t('home.welcome', { name: user?.displayName })}</h1>
        <Link className="button secondary" to="/groups">
          {t('home.findGroups')}
        </Link>
      </div>
      <Suspense fallback={<Loading />}>
        <MyEvents />
      </Suspense>
      <h2>{t('home.myGroups')}</h2>
      <MyGroupsList />
      <Suspense fallback={null}>
        <MyOrganizations />
      </Suspense>
    </section>
  );
}

export default HomePage;
