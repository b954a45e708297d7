// Placeholder until the groups engineer replaces it: loads the group and renders the tab outlet.
import type { Group } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { NavLink, Outlet, useParams } from 'react-router';
import { api } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import type { GroupOutletContext } from './groupContext';

export default function GroupPage() {
  const { slug = '' } = useParams();
  const [group, setGroup] = useState<Group | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setGroup(await api.get<Group>(`/groups/${encodeURIComponent(slug)}`));
    } catch (err) {
      setError(err);
    }
  }, [slug]);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!group) return <Loading label="Loading group" />;
  const context: GroupOutletContext = { group, reload };
  return (
    <section>
      <h1>{group.name}</h1>
      <nav aria-label="Group sections">
        <NavLink to="" end>About</NavLink> <NavLink to="chat">Chat</NavLink> <NavLink to="questions">Questions</NavLink>
      </nav>
      <Outlet context={context} />
    </section>
  );
}
