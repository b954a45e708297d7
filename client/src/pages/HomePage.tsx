import { Link } from 'react-router';
import { MyGroupsList } from '../components/MyGroupsList';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useSession } from '../stores/session';

export function HomePage() {
  useDocumentTitle('My groups');
  const user = useSession((s) => s.user);
  return (
    <section aria-labelledby="home-title">
      <div className="page-head">
        <h1 id="home-title">Welcome, {user?.displayName}</h1>
        <Link className="button secondary" to="/groups">
          Find groups
        </Link>
      </div>
      <h2>My groups</h2>
      <MyGroupsList />
    </section>
  );
}
