/**
 * Bulk data for the bench, written by SQL into Circles' own tables (server/src/db/schema.ts) after
 * Circles has migrated the database. Accounts get the password hash of one account registered through
 * the API, so every bench user can sign in through the API for a real token.
 *
 * Layout (indexes are user numbers):
 *   users 0..U-1       sockets; user i is a member of room floor(i / perGroup) (S1, S2, S5, S7 reference)
 *   user U             the reader: member of the deep group and `myGroups - 1` busy groups, each with
 *                      `unreadPerGroup` unread messages (S3, S4)
 *   user U+1           the owner of every non-room group
 *   bench-room-k       chat rooms, `perGroup` members each, the first one its owner
 *   bench-deep         one group with `deep` messages (S3)
 *   bench-busy-k       `busyGroups` groups sharing `newer` messages inserted after the deep ones, no VACUUM
 *   bench-g-k          the rest, up to `s4.groups` groups in all, for search (S4)
 */
import type pg from 'pg';
import type { Plan } from './plan.js';

export interface SeedResult {
  users: Array<{ id: string; email: string }>;
  socketUsers: number;
  readerIndex: number;
  roomSlug: (room: number) => string;
  /** Room of socket user i. */
  roomOf: (userIndex: number) => number;
  deepSlug: string;
  deepGroupId: string;
  /** `before=` for the page `depthBack` messages back from the newest in the deep group. */
  deepBeforeId: string;
  myGroupSlugs: string[];
  counts: Record<string, number>;
  timingsMs: Record<string, number>;
}

const BODIES = [
  'Thank you for sharing that, it really helps to hear how you manage the hard days.',
  'I had a similar week and the breathing exercise from the group made a difference.',
  'Sending you good thoughts, you are not alone in this and we are here to listen.',
  'My nurse suggested keeping a short diary, and it helped me notice what sets things off.',
  'Small steps still count, and getting out for a walk today is a real win.',
  'Has anyone tried the new appointment booking system at the clinic this month?',
  'Rest when you can and be kind to yourself, the progress is there even when slow.',
  'That sounds exhausting, I hope tomorrow brings you a bit more energy and calm.',
];

export const BENCH_PASSWORD = 'bench-password-long-enough';
export const userEmail = (i: number) => `bench-${i}@bench.test`;

export async function seedBench(client: pg.Client, plan: Plan, passwordHash: string, log: (line: string) => void): Promise<SeedResult> {
  const perGroup = plan.s1.perGroup;
  const socketUsers = Math.ceil(Math.max(plan.s1.groups * perGroup, plan.s5.sockets, plan.s7.groups * plan.s7.perGroup) / perGroup) * perGroup;
  const rooms = socketUsers / perGroup;
  const readerIndex = socketUsers;
  const ownerIndex = socketUsers + 1;
  const busy = plan.s3.busyGroups;
  const totalGroups = plan.s4.groups;
  if (totalGroups < rooms + 1 + busy) throw new Error('plan: s4.groups must cover rooms, the deep group and the busy groups');
  if (plan.s4.myGroups > busy) throw new Error('plan: s4.myGroups must not exceed s3.busyGroups');
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await fn();
    timingsMs[label] = Date.now() - t;
    log(`  seed: ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return result;
  };

  // The state under test is "no VACUUM after the newest rows"; keep autovacuum from changing it mid-run.
  await client.query('alter table messages set (autovacuum_enabled = false, toast.autovacuum_enabled = false)');

  await timed('users', () =>
    client.query(
      `insert into users (email, password_hash, display_name)
       select case when i = $2 then 'bench-reader@bench.test' when i = $3 then 'bench-owner@bench.test' else 'bench-' || i || '@bench.test' end,
              $1, 'Bench member ' || i
       from generate_series(0, $3) i`,
      [passwordHash, readerIndex, ownerIndex],
    ),
  );
  const userRows = (await client.query<{ id: string; email: string }>(`select id, email from users where email like 'bench-%@bench.test'`)).rows;
  const byEmail = new Map(userRows.map((r) => [r.email, r.id]));
  const users = Array.from({ length: ownerIndex + 1 }, (_, i) => {
    const email = i === readerIndex ? 'bench-reader@bench.test' : i === ownerIndex ? 'bench-owner@bench.test' : userEmail(i);
    const id = byEmail.get(email);
    if (!id) throw new Error(`seeded user ${email} missing`);
    return { id, email };
  });
  const ownerId = users[ownerIndex]!.id;
  const readerId = users[readerIndex]!.id;

  await timed('groups', () =>
    client.query(
      `with cs as (select slug, name, (row_number() over (order by slug) - 1)::int as k, (count(*) over ())::int as n from conditions)
       insert into groups (slug, name, description, condition_slug, visibility, created_by, created_at)
       select case when i < $1 then 'bench-room-' || i
                   when i = $1 then 'bench-deep'
                   when i <= $1 + $2 then 'bench-busy-' || (i - $1 - 1)
                   else 'bench-g-' || i end,
              left(cs.name, 48) || ' ' || (array['support circle','peer group','coffee chat','check-in','community','friends','evening talk','newcomers'])[1 + i % 8] || ' ' || i,
              'A place for people living with ' || cs.name || ' to share ' ||
                (array['everyday tips','good and bad days','questions before appointments','what helped them','news and research','encouragement'])[1 + i % 6] || '.',
              cs.slug,
              case when i > $1 + $2 and i % 10 = 9 then 'private' else 'public' end,
              $4::uuid,
              now() - make_interval(secs => ($3 - i) * 60)
       from generate_series(0, $3 - 1) i
       join cs on cs.k = i % cs.n`,
      [rooms, busy, totalGroups, ownerId],
    ),
  );
  const groupIds = new Map(
    (await client.query<{ slug: string; id: string }>(`select slug, id from groups where slug like 'bench-%'`)).rows.map((r) => [r.slug, r.id]),
  );
  const deepGroupId = groupIds.get('bench-deep')!;
  const busyIds = Array.from({ length: busy }, (_, k) => groupIds.get(`bench-busy-${k}`)!);
  const authorIds = users.slice(0, Math.min(10, socketUsers)).map((u) => u.id);

  await timed('memberships', async () => {
    // Chat rooms: user i in room floor(i / perGroup), the first of each room its owner.
    await client.query(
      `insert into memberships (group_id, user_id, role, status, joined_at)
       select g.id, u.id, case when (u.n - 1) % $2 = 0 then 'owner' else 'member' end, 'active', now()
       from unnest($1::uuid[]) with ordinality as u(id, n)
       join groups g on g.slug = 'bench-room-' || ((u.n - 1) / $2)`,
      [users.slice(0, socketUsers).map((u) => u.id), perGroup],
    );
    // Every other group has the bench owner as its owner.
    await client.query(
      `insert into memberships (group_id, user_id, role, status, joined_at)
       select id, $1, 'owner', 'active', created_at from groups where slug not like 'bench-room-%'`,
      [ownerId],
    );
    // The deep group's authors; the reader in the deep group (years of history, quiet lately) and busy ones.
    await client.query(
      `insert into memberships (group_id, user_id, role, status, joined_at)
       select $1, a, 'member', 'active', now() from unnest($2::uuid[]) a
       on conflict do nothing`,
      [deepGroupId, [...authorIds, readerId]],
    );
    await client.query(
      `insert into memberships (group_id, user_id, role, status, joined_at)
       select g, $1, 'member', 'active', now() from unnest($2::uuid[]) g`,
      [readerId, busyIds.slice(0, plan.s4.myGroups - 1)],
    );
    await client.query(
      `update groups g set member_count = c.n
       from (select group_id, count(*)::int as n from memberships where status = 'active' group by group_id) c
       where c.group_id = g.id`,
    );
  });

  const total = plan.s3.deep + plan.s3.newer;
  await timed(`${plan.s3.deep} messages in one group`, () =>
    client.query(
      `insert into messages (group_id, author_id, client_id, body, created_at)
       select $1, ($2::uuid[])[1 + i % cardinality($2::uuid[])], 'seed-deep-' || i, ($3::text[])[1 + i % cardinality($3::text[])],
              now() - make_interval(secs => $4 - i)
       from generate_series(0, $5 - 1) i`,
      [deepGroupId, authorIds, BODIES, total + 60, plan.s3.deep],
    ),
  );
  // What autovacuum's ANALYZE would have recorded after the first batch; nothing runs after the second.
  await timed('analyze after the deep batch', () => client.query('analyze messages'));
  await timed(`${plan.s3.newer} newer messages over ${busy} groups, no VACUUM`, () =>
    client.query(
      `insert into messages (group_id, author_id, client_id, body, created_at)
       select ($1::uuid[])[1 + i % cardinality($1::uuid[])], ($2::uuid[])[1 + i % cardinality($2::uuid[])], 'seed-busy-' || i,
              ($3::text[])[1 + i % cardinality($3::text[])], now() - make_interval(secs => $4::int - $5::int - i)
       from generate_series(0, $6 - 1) i`,
      [busyIds, authorIds, BODIES, total + 60, plan.s3.deep, plan.s3.newer],
    ),
  );

  await timed('read markers and last message times', async () => {
    await client.query(
      `update memberships ms set last_read_message_id =
         (select m.id from messages m where m.group_id = ms.group_id order by m.id desc offset $2 limit 1)
       where ms.user_id = $1`,
      [readerId, plan.s4.unreadPerGroup],
    );
    await client.query(
      `update groups g set last_message_at = (select m.created_at from messages m where m.group_id = g.id order by m.id desc limit 1)
       where g.id = any($1::uuid[])`,
      [[deepGroupId, ...busyIds]],
    );
    // The other tables as autovacuum would have analyzed them; `messages` keeps its first-batch statistics.
    await client.query('analyze users, groups, memberships, conditions, sessions');
  });

  const deepBefore = await client.query<{ id: string }>(
    'select id::text as id from messages where group_id = $1 order by id desc offset $2 limit 1',
    [deepGroupId, plan.s3.depthBack],
  );
  const counts = Object.fromEntries(
    (
      await client.query<{ t: string; n: number }>(
        `select 'users' as t, count(*)::int as n from users union all select 'groups', count(*)::int from groups
         union all select 'memberships', count(*)::int from memberships union all select 'messages', count(*)::int from messages`,
      )
    ).rows.map((r) => [r.t, r.n]),
  );
  return {
    users,
    socketUsers,
    readerIndex,
    roomSlug: (room) => `bench-room-${room}`,
    roomOf: (i) => Math.floor(i / perGroup),
    deepSlug: 'bench-deep',
    deepGroupId,
    deepBeforeId: deepBefore.rows[0]!.id,
    myGroupSlugs: ['bench-deep', ...Array.from({ length: plan.s4.myGroups - 1 }, (_, k) => `bench-busy-${k}`)],
    counts,
    timingsMs,
  };
}
