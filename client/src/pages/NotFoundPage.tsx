import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>That page doesn’t exist or has moved.</p>
      <Link to="/">Go to my groups</Link>
    </section>
  );
}
