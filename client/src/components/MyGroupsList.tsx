// Placeholder until the groups engineer replaces it.
import type { MyGroup } from '@circles/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/http';

export function MyGroupsList() {
  const [groups, setGroups] = useState<MyGroup[] | null>(null);
  useEffect(() => {
    api.get<{ items: MyGroup[] }>('/me/groups').then((r) => setGroups(r.items), () => setGroups([]));
  }, []);
  if (!groups) return null;
  if (groups.length === 0) return <p>You haven’t joined any groups yet. <Link to="/groups">Find a group</Link>.</p>;
  return (
    <ul>
      {groups.map((g) => (
        <li key={g.id}><Link to={`/groups/${g.slug}`}>{g.name}</Link></li>
      ))}
    </ul>
  );
}
