/**
 * The audience function's two forms — `mayReceive` on a loaded GroupAccess (room joins) and
 * `audienceSql` inside statements (notifications) — and `audienceOf` agree for every kind of person,
 * in a public and a private group, and say what the rule says.
 */
import type { Group } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGroupAccessById } from '../../server/src/modules/groups/access.js';
import { audienceOf, audienceSql, mayReceive, moderatorAudience } from '../../server/src/modules/moderation/audience.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, type TestUser } from '../helpers/factories.js';
import { ban, suspend } from '../helpers/moderation.js';

type Kind = 'owner' | 'moderator' | 'member' | 'pending' | 'outsider' | 'left' | 'banned' | 'timedBanned' | 'suspendedMember' | 'deletedMember' | 'admin' | 'bannedAdmin';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await makeAdmin(t, await registerUser(t));
});
afterAll(() => t?.close());

async function cast(visibility: 'public' | 'private') {
  const people = {} as Record<Kind, TestUser>;
  people.owner = await registerUser(t);
  const group = await createGroup(t, people.owner, { visibility });
  for (const kind of ['moderator', 'member', 'pending', 'outsider', 'left', 'banned', 'timedBanned', 'suspendedMember', 'deletedMember'] as const) {
    people[kind] = await registerUser(t);
  }
  people.admin = admin;
  people.bannedAdmin = await makeAdmin(t, await registerUser(t));
  for (const kind of ['moderator', 'member', 'left', 'banned', 'timedBanned', 'suspendedMember', 'deletedMember'] as const) {
    await joinGroup(t, people[kind], group, people.owner);
  }
  await setRole(t, people.owner, group, people.moderator, 'moderator');
  if (visibility === 'private') await t.http().post(`/api/groups/${group.slug}/join`).set(people.pending.auth).expect(202);
  await t.http().post(`/api/groups/${group.slug}/leave`).set(people.left.auth).expect(204);
  await ban(t, people.owner, group, people.banned);
  await ban(t, people.owner, group, people.timedBanned, { minutes: 30 });
  await t.app.deps.db.execute(sql`insert into group_bans (group_id, user_id, reason) values (${group.id}, ${people.bannedAdmin.user.id}, 'x')`);
  await suspend(t, admin, people.suspendedMember);
  await t.http().delete('/api/me').set(people.deletedMember.auth).send({ password: people.deletedMember.password }).expect(204);
  return { group, people };
}

/** What the rule says, written out. */
const expected = (visibility: 'public' | 'private'): Record<Kind, boolean> => ({
  owner: true,
  moderator: true,
  member: true,
  pending: visibility === 'public',
  outsider: visibility === 'public',
  left: visibility === 'public',
  banned: false,
  timedBanned: false,
  suspendedMember: false,
  deletedMember: false,
  admin: true,
  bannedAdmin: true,
});

async function sqlForm(group: Group, ids: string[]): Promise<Set<string>> {
  const result = (await t.app.deps.db.execute(
    sql`select u.id from users u where u.id = any(${sql.param(ids)}::uuid[]) and ${audienceSql(group.id, sql`u.id`)}`,
  )) as unknown as { rows: Array<{ id: string }> };
  return new Set(result.rows.map((r) => r.id));
}

describe.each(['public', 'private'] as const)('in a %s group', (visibility) => {
  it('the code form, the SQL form and audienceOf agree with the rule for everyone', async () => {
    const { group, people } = await cast(visibility);
    const kinds = Object.keys(people) as Kind[];
    const ids = kinds.map((k) => people[k].user.id);
    const [bySql, byAudience] = await Promise.all([sqlForm(group, ids), audienceOf(t.app.deps.db, group.id, ids)]);
    const want = expected(visibility);
    for (const kind of kinds) {
      const id = people[kind].user.id;
      expect(bySql.has(id), `${kind} (SQL)`).toBe(want[kind]);
      expect(byAudience.has(id), `${kind} (audienceOf)`).toBe(want[kind]);
      // The code form judges a live account's access (suspended and deleted accounts never get that far).
      if (kind === 'suspendedMember' || kind === 'deletedMember') continue;
      const access = await loadGroupAccessById(t.app.deps.db, { userId: id, sessionId: '', isAdmin: people[kind].user.isAdmin }, group.id);
      expect(mayReceive(access), `${kind} (mayReceive)`).toBe(want[kind]);
    }
    expect(new Set(await moderatorAudience(t.app.deps.db, group.id))).toEqual(new Set([people.owner.user.id, people.moderator.user.id]));
  });
});

it('a timed ban stops counting once its job has run', async () => {
  const { group, people } = await cast('public');
  const id = people.timedBanned.user.id;
  expect((await audienceOf(t.app.deps.db, group.id, [id])).has(id)).toBe(false);
  t.clock.advanceMinutes(31);
  await t.app.deps.jobs.runDue();
  // A reader of the public group again (though no longer a member: the ban ended that).
  expect((await audienceOf(t.app.deps.db, group.id, [id])).has(id)).toBe(true);
  expect((await t.http().post(`/api/groups/${group.slug}/join`).set(people.timedBanned.auth)).status).toBe(200);
});
