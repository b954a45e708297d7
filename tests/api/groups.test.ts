/**
 * Groups: create (slugs), read, update, discover (filters, ranked search, keyset pages), my groups,
 * settings. Membership flows live in groups.membership.test.ts, the permission matrix in
 * groups.permissions.test.ts.
 */
import type { Group } from '@circles/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups, memberships, messages } from '../../server/src/db/schema.js';
import { groupSearchQuery } from '../../server/src/modules/groups/search.js';
import { searchWords } from '../../server/src/modules/groups/text.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, joinGroup, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';

let t: TestApp;
let owner: TestUser;
let reader: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t);
  reader = await registerUser(t);
});
afterAll(() => t?.close());

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code });
};

/** A word no other test uses, so searches and filters see only this test's groups. */
const uniqueWord = () => `zq${uniqueSuffix().replace(/[^a-z0-9]/g, '')}`;

const groupCount = async () => {
  const [row] = await t.app.deps.db.select({ n: sql<number>`count(*)::int` }).from(groups);
  return row!.n;
};

async function list(user: TestUser, query: Record<string, string | number>) {
  const res = await t.http().get('/api/groups').query(query).set(user.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Group[]; nextCursor: string | null };
}

/** Walks every page; `between` runs after each page (to create groups mid-walk). */
async function walk(user: TestUser, query: Record<string, string | number>, between?: (page: number) => Promise<void>) {
  const seen: Group[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const body = await list(user, cursor ? { ...query, cursor } : query);
    seen.push(...body.items);
    if (!body.nextCursor) return seen;
    cursor = body.nextCursor;
    await between?.(page);
  }
  throw new Error('too many pages');
}

describe('POST /api/groups', () => {
  it('creates a group whose creator is its active owner', async () => {
    const res = await t
      .http()
      .post('/api/groups')
      .set(owner.auth)
      .send({ name: 'Pump Pals', conditionSlug: 'type-1-diabetes', description: 'Insulin pump tips.', rules: 'Be kind.', visibility: 'public' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Pump Pals',
      description: 'Insulin pump tips.',
      rules: 'Be kind.',
      visibility: 'public',
      memberCount: 1,
      condition: { slug: 'type-1-diabetes', name: 'Type 1 diabetes', category: 'Endocrine and metabolic' },
      myMembership: { role: 'owner', status: 'active' },
      settings: { slowModeSeconds: 0 },
    });
    expect(res.body.slug).toMatch(/^pump-pals(-\d+)?$/);
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    // The owner is listed as a member; someone else sees no membership of their own.
    const members = await t.http().get(`/api/groups/${res.body.slug}/members`).set(reader.auth);
    expect(members.body.items).toEqual([expect.objectContaining({ role: 'owner', user: expect.objectContaining({ id: owner.user.id }) })]);
    expect(members.body.items[0].user).not.toHaveProperty('email');
    const seen = await t.http().get(`/api/groups/${res.body.slug}`).set(reader.auth);
    expect(seen.body.myMembership).toBeNull();
  });

  it('derives unique slugs from near-identical names (accents, case, punctuation)', async () => {
    const word = uniqueWord();
    const names = [`Café Crème ${word}`, `Cafe Creme ${word}`, `CAFÉ  crème — ${word}!`, `café-crème ${word.toUpperCase()}`];
    const slugs: string[] = [];
    for (const name of names) slugs.push((await createGroup(t, owner, { name })).slug);
    const base = `cafe-creme-${word}`;
    expect(slugs).toEqual([base, `${base}-2`, `${base}-3`, `${base}-4`]);
  });

  it('gives every one of several simultaneous creations with the same name its own slug', async () => {
    const name = `Same Name ${uniqueWord()}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.http().post('/api/groups').set(owner.auth).send({ name, conditionSlug: 'asthma', description: 'Breathe.', visibility: 'public' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.slug)).size).toBe(6);
  });

  it('keeps slugs clear of app routes and of names without letters', async () => {
    expect((await createGroup(t, owner, { name: 'New' })).slug).toMatch(/^new-group(-\d+)?$/);
    expect((await createGroup(t, owner, { name: '!!! ???' })).slug).toMatch(/^group(-\d+)?$/);
    const long = await createGroup(t, owner, { name: `${'Long name '.repeat(7)}${uniqueWord()}`.slice(0, 80) });
    expect(long.slug.length).toBeLessThanOrEqual(60);
    expect(long.slug).toMatch(/^[a-z0-9-]+$/);
  });

  it.each([
    ['a name of 2 characters', { name: 'ab' }],
    ['a name of 81 characters', { name: 'x'.repeat(81) }],
    ['a name that is a number', { name: 12345 }],
    ['a blank description', { description: '   ' }],
    ['an unknown condition', { conditionSlug: 'no-such-condition' }],
    ['an unknown visibility', { visibility: 'secret' }],
    ['a control character', { name: 'Bad\u0007name' }],
    ['rules that are not text', { rules: ['be kind'] }],
    ['no visibility', { visibility: undefined }],
  ])('refuses %s with VALIDATION_ERROR and creates nothing', async (_label, override) => {
    const before = await groupCount();
    const body = { name: 'Valid name', conditionSlug: 'asthma', description: 'Fine.', visibility: 'public', ...override };
    expectError(await t.http().post('/api/groups').set(owner.auth).send(body), 400, 'VALIDATION_ERROR');
    expect(await groupCount()).toBe(before);
  });

  it('needs a signed-in user', async () => {
    const res = await t.http().post('/api/groups').send({ name: 'Anon', conditionSlug: 'asthma', description: 'x', visibility: 'public' });
    expectError(res, 401, 'UNAUTHORIZED');
  });
});

describe('GET and PATCH /api/groups/:slug', () => {
  it('answers 404 NOT_FOUND for an unknown slug on every group route', async () => {
    const slug = `missing-${uniqueWord()}`;
    const calls = [
      t.http().get(`/api/groups/${slug}`),
      t.http().patch(`/api/groups/${slug}`).send({ name: 'Whatever' }),
      t.http().post(`/api/groups/${slug}/join`),
      t.http().post(`/api/groups/${slug}/leave`),
      t.http().get(`/api/groups/${slug}/members`),
      t.http().get(`/api/groups/${slug}/requests`),
      t.http().post(`/api/groups/${slug}/requests/${reader.user.id}/approve`),
      t.http().post(`/api/groups/${slug}/requests/${reader.user.id}/deny`),
      t.http().put(`/api/groups/${slug}/members/${reader.user.id}/role`).send({ role: 'member' }),
      t.http().get(`/api/groups/${slug}/settings`),
      t.http().put(`/api/groups/${slug}/settings`).send({ slowModeSeconds: 5 }),
    ];
    for (const call of calls) expectError(await call.set(owner.auth), 404, 'NOT_FOUND');
  });

  it('shows a private group (not its content) to anyone signed in', async () => {
    const g = await createGroup(t, owner, { visibility: 'private', description: 'Only for us.', rules: 'What is said here stays here.' });
    const res = await t.http().get(`/api/groups/${g.slug}`).set(reader.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: g.id, visibility: 'private', description: 'Only for us.', rules: 'What is said here stays here.', myMembership: null });
  });

  it('lets the owner rename and edit a group; the slug stays', async () => {
    const g = await createGroup(t, owner);
    const res = await t.http().patch(`/api/groups/${g.slug}`).set(owner.auth).send({ name: 'A Better Name', description: 'New words.', rules: '' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ slug: g.slug, name: 'A Better Name', description: 'New words.', rules: '' });
    expect((await t.http().get(`/api/groups/${g.slug}`).set(reader.auth)).body.name).toBe('A Better Name');
  });

  it.each([
    ['a short name', { name: 'x' }],
    ['an empty description', { description: '' }],
    ['a numeric visibility', { visibility: 1 }],
    ['rules over 4000 characters', { rules: 'r'.repeat(4001) }],
  ])('refuses %s and changes nothing', async (_label, body) => {
    const g = await createGroup(t, owner);
    expectError(await t.http().patch(`/api/groups/${g.slug}`).set(owner.auth).send(body), 400, 'VALIDATION_ERROR');
    const after = (await t.http().get(`/api/groups/${g.slug}`).set(owner.auth)).body;
    expect({ ...after, myMembership: null }).toEqual({ ...g, myMembership: null });
  });

  it('admits pending requests when a private group becomes public', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const asker = await registerUser(t);
    expect((await t.http().post(`/api/groups/${g.slug}/join`).set(asker.auth)).status).toBe(202);
    const res = await t.http().patch(`/api/groups/${g.slug}`).set(owner.auth).send({ visibility: 'public' });
    expect(res.body).toMatchObject({ visibility: 'public', memberCount: 2 });
    const mine = await t.http().get(`/api/groups/${g.slug}`).set(asker.auth);
    expect(mine.body.myMembership).toEqual({ role: 'member', status: 'active', mutedUntil: null, muteReason: null });
    expect((await t.http().get(`/api/groups/${g.slug}/requests`).set(owner.auth)).body.items).toEqual([]);
  });
});

describe('GET /api/groups: filters', () => {
  it('filters by condition and by category, and lists private groups too', async () => {
    const word = uniqueWord();
    const crohns = await createGroup(t, owner, { name: `Crohns ${word}`, conditionSlug: 'crohns-disease', visibility: 'private' });
    const colitis = await createGroup(t, owner, { name: `Colitis ${word}`, conditionSlug: 'ulcerative-colitis' });
    await createGroup(t, owner, { name: `Asthma ${word}`, conditionSlug: 'asthma' });

    const byCondition = await walk(reader, { condition: 'crohns-disease', limit: 100 });
    expect(byCondition.map((g) => g.id)).toContain(crohns.id);
    expect(byCondition.every((g) => g.condition.slug === 'crohns-disease')).toBe(true);

    const byCategory = await walk(reader, { category: 'Digestive health', q: word });
    expect(byCategory.map((g) => g.id).sort()).toEqual([crohns.id, colitis.id].sort());

    expect((await list(reader, { condition: 'no-such-condition' })).items).toEqual([]);
  });

  it.each([
    ['limit=0', { limit: 0 }],
    ['limit=101', { limit: 101 }],
    ['limit=abc', { limit: 'abc' }],
    ['a garbage cursor', { cursor: 'not-a-cursor' }],
    ['a cursor with a forged id', { cursor: Buffer.from(JSON.stringify({ t: '1', id: "x' or 1=1" })).toString('base64url') }],
  ])('refuses %s with VALIDATION_ERROR', async (_label, query) => {
    expectError(await t.http().get('/api/groups').query(query).set(reader.auth), 400, 'VALIDATION_ERROR');
  });

  it('refuses a cursor from one search for another', async () => {
    const word = uniqueWord();
    for (let i = 0; i < 3; i++) await createGroup(t, owner, { name: `Cursor ${word} ${i}` });
    const first = await list(reader, { q: word, limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    expectError(await t.http().get('/api/groups').query({ q: 'other', cursor: first.nextCursor! }).set(reader.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().get('/api/groups').query({ cursor: first.nextCursor! }).set(reader.auth), 400, 'VALIDATION_ERROR');
  });
});

describe('GET /api/groups?q=: search', () => {
  it('finds a group by a word of its description, whatever the case and accents', async () => {
    const word = uniqueWord();
    const g = await createGroup(t, owner, {
      name: `Thyroid friends ${word}`,
      description: 'Living with Hashimoto’s thyroiditis: fatigue, levothyroxine doses and café chats.',
    });
    for (const q of ['HASHIMOTO', 'Thyroïditis', 'LÉVOTHYROXINE', 'cafe', 'CAFÉ', 'doses', 'dose', `levothyroxine ${word.toUpperCase()}`]) {
      const found = await list(reader, { q });
      expect(found.items.map((x) => x.id), q).toContain(g.id);
    }
  });

  it('matches word prefixes for instant search ("diab" finds "Diabetes")', async () => {
    const word = uniqueWord();
    const g = await createGroup(t, owner, { name: `Diabetes ${word}`, description: 'Sugar talk.' });
    for (const q of ['diab', 'DIAB', 'Diabè', `diabetes ${word.slice(0, 5)}`]) {
      expect((await list(reader, { q })).items.map((x) => x.id), q).toContain(g.id);
    }
    // Every word must match.
    expect((await list(reader, { q: `diab ${word}nomatch` })).items).toEqual([]);
  });

  it('ranks a name match above a description match', async () => {
    const word = uniqueWord();
    const inDescription = await createGroup(t, owner, { name: `Quiet room ${uniqueWord()}`, description: `We talk about ${word} sometimes.` });
    const inName = await createGroup(t, owner, { name: `The ${word} circle`, description: 'Hello.' });
    const found = await list(reader, { q: word });
    expect(found.items.map((x) => x.id)).toEqual([inName.id, inDescription.id]);
  });

  it('treats query syntax and LIKE wildcards as plain text', async () => {
    const word = uniqueWord();
    await createGroup(t, owner, { name: `Syntax ${word}` });
    for (const q of ["a:* | b", "'); drop table groups; --", '!(&)', '%', '_', '\\', word.slice(0, 4) + '%']) {
      const res = await t.http().get('/api/groups').query({ q }).set(reader.auth);
      expect(res.status, q).toBe(200);
    }
    // "%" and "_" are not wildcards: there is nothing to search for, so nothing is found.
    expect((await list(reader, { q: '%' })).items).toEqual([]);
    expect((await list(reader, { q: '_' })).items).toEqual([]);
    expect(await groupCount()).toBeGreaterThan(0);
  });

  it('is answered from the GIN index on groups.search', async () => {
    const db = t.app.deps.db;
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const res = await tx.execute(sql`explain select id from groups where search @@ ${groupSearchQuery(searchWords('Diab type'))}`);
      return (res.rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toMatch(/groups_search_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});

describe('GET /api/groups: keyset pages', () => {
  it('walks every group exactly once while groups are created between pages (newest first)', async () => {
    const word = uniqueWord();
    const before: Group[] = [];
    for (let i = 0; i < 7; i++) before.push(await createGroup(t, owner, { name: `Walk ${word} ${i}`, conditionSlug: 'migraine' }));
    const created: Group[] = [];
    const seen = await walk(reader, { condition: 'migraine', limit: 2 }, async () => {
      created.push(await createGroup(t, owner, { name: `Walk ${word} extra ${created.length}`, conditionSlug: 'migraine' }));
    });
    const ids = seen.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of before) expect(ids.filter((id) => id === g.id)).toHaveLength(1);
    // Newest first: groups created after the first page sort ahead of it and are not served later.
    for (const g of created) expect(ids).not.toContain(g.id);
    const order = seen.map((g) => g.createdAt);
    expect([...order].sort().reverse()).toEqual(order);
  });

  it('walks search results exactly once while matching groups are created between pages', async () => {
    const word = uniqueWord();
    const before: Group[] = [];
    for (let i = 0; i < 5; i++) before.push(await createGroup(t, owner, { name: `Search ${word} ${i}` }));
    for (let i = 0; i < 4; i++) before.push(await createGroup(t, owner, { name: `Other ${i} ${uniqueWord()}`, description: `About ${word}.` }));
    const seen = await walk(reader, { q: word, limit: 2 }, async (page) => {
      await createGroup(t, owner, { name: page % 2 ? `Late ${word} ${page}` : `Late ${uniqueWord()}`, description: `More ${word}.` });
    });
    const ids = seen.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of before) expect(ids.filter((id) => id === g.id)).toHaveLength(1);
    // Name matches first, then description matches.
    const firstDescriptionOnly = seen.findIndex((g) => !g.name.includes(word));
    expect(seen.slice(firstDescriptionOnly).every((g) => !g.name.includes(word))).toBe(true);
  });

  it('breaks ties between groups created in the same instant by id, without losing any', async () => {
    const word = uniqueWord();
    const made: Group[] = [];
    for (let i = 0; i < 6; i++) made.push(await createGroup(t, owner, { name: `Tie ${word} ${i}`, conditionSlug: 'lupus' }));
    await t.app.deps.db
      .update(groups)
      .set({ createdAt: new Date('2020-01-01T00:00:00.123Z') })
      .where(inArray(groups.id, made.map((g) => g.id)));
    for (const query of [{ condition: 'lupus', limit: 1 }, { q: word, limit: 1 }] as Array<Record<string, string | number>>) {
      const seen = await walk(reader, query);
      const ids = seen.map((g) => g.id).filter((id) => made.some((g) => g.id === id));
      expect(ids.sort()).toEqual(made.map((g) => g.id).sort());
      expect(new Set(seen.map((g) => g.id)).size).toBe(seen.length);
    }
  });
});

describe('GET /api/me/groups', () => {
  /** Messages are the chat module's; here they are written directly to check the counts. */
  async function addMessage(groupId: string, authorId: string, deleted = false) {
    const [row] = await t.app.deps.db
      .insert(messages)
      .values({ groupId, authorId, clientId: uniqueSuffix(), body: deleted ? null : 'hello', deletedAt: deleted ? new Date() : null })
      .returning({ id: messages.id });
    // As the chat service does with every send: the group remembers when it last spoke.
    await t.app.deps.db.update(groups).set({ lastMessageAt: new Date() }).where(eq(groups.id, groupId));
    return row!.id;
  }

  it('lists active memberships with unread counts, not pending requests', async () => {
    const me = await registerUser(t);
    const other = await registerUser(t);
    const quiet = await createGroup(t, owner, { name: `Quiet ${uniqueWord()}` });
    const busy = await createGroup(t, owner, { name: `Busy ${uniqueWord()}` });
    const asked = await createGroup(t, owner, { visibility: 'private' });
    await addMessage(busy.id, other.user.id); // before joining: not unread for a newcomer
    await joinGroup(t, me, quiet);
    await joinGroup(t, me, busy);
    expect((await t.http().post(`/api/groups/${asked.slug}/join`).set(me.auth)).status).toBe(202);

    const read = await addMessage(busy.id, other.user.id);
    await addMessage(busy.id, other.user.id);
    await addMessage(busy.id, me.user.id); // my own
    await addMessage(busy.id, other.user.id, true); // deleted
    await addMessage(busy.id, other.user.id);

    let res = await t.http().get('/api/me/groups').set(me.auth);
    expect(res.status).toBe(200);
    expect(res.body.items.map((g: Group) => g.id)).toEqual([busy.id, quiet.id]);
    expect(res.body.items[0]).toMatchObject({ unreadCount: 3, myMembership: { role: 'member', status: 'active' }, memberCount: 2 });
    expect(res.body.items[0].lastMessageAt).toEqual(expect.any(String));
    expect(res.body.items[1]).toMatchObject({ unreadCount: 0, lastMessageAt: null });

    await t.app.deps.db
      .update(memberships)
      .set({ lastReadMessageId: read })
      .where(eq(memberships.userId, me.user.id));
    res = await t.http().get('/api/me/groups').set(me.auth);
    expect(res.body.items[0].unreadCount).toBe(2);
  });

  it('is empty for someone in no group and needs sign-in', async () => {
    const loner = await registerUser(t);
    expect((await t.http().get('/api/me/groups').set(loner.auth)).body).toEqual({ items: [] });
    expectError(await t.http().get('/api/me/groups'), 401, 'UNAUTHORIZED');
  });
});

describe('group settings', () => {
  it('lets a moderator set slow mode and blocked terms; everyone sees slow mode', async () => {
    const g = await createGroup(t, owner);
    const res = await t.http().put(`/api/groups/${g.slug}/settings`).set(owner.auth).send({ slowModeSeconds: 30, blockedTerms: ['Miracle cure', 'miracle CURE', 'spam'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ slowModeSeconds: 30, blockedTerms: ['Miracle cure', 'spam'] });
    expect((await t.http().get(`/api/groups/${g.slug}/settings`).set(owner.auth)).body).toEqual(res.body);
    const seen = await t.http().get(`/api/groups/${g.slug}`).set(reader.auth);
    expect(seen.body.settings).toEqual({ slowModeSeconds: 30 });
    // Partial update keeps the other setting.
    const partial = await t.http().put(`/api/groups/${g.slug}/settings`).set(owner.auth).send({ slowModeSeconds: 0 });
    expect(partial.body).toEqual({ slowModeSeconds: 0, blockedTerms: ['Miracle cure', 'spam'] });
  });

  it.each([
    ['slow mode over an hour', { slowModeSeconds: 3601 }],
    ['negative slow mode', { slowModeSeconds: -1 }],
    ['slow mode as text', { slowModeSeconds: '30' }],
    ['fractional slow mode', { slowModeSeconds: 1.5 }],
    ['blocked terms not a list', { blockedTerms: 'spam' }],
    ['an empty blocked term', { blockedTerms: ['  '] }],
    ['too many blocked terms', { blockedTerms: Array.from({ length: 201 }, (_, i) => `term${i}`) }],
  ])('refuses %s and changes nothing', async (_label, body) => {
    const g = await createGroup(t, owner);
    expectError(await t.http().put(`/api/groups/${g.slug}/settings`).set(owner.auth).send(body), 400, 'VALIDATION_ERROR');
    expect((await t.http().get(`/api/groups/${g.slug}/settings`).set(owner.auth)).body).toEqual({ slowModeSeconds: 0, blockedTerms: [] });
  });
});

describe('unread counts at scale', () => {
  it('stops counting at the cap instead of walking all history', async () => {
    const owner = await registerUser(t);
    const reader = await registerUser(t);
    const group = await createGroup(t, owner);
    await joinGroup(t, reader, group);
    await t.app.deps.db.execute(sql`
      insert into messages (group_id, author_id, client_id, body)
      select ${group.id}::uuid, ${owner.user.id}::uuid, 'bulk-' || n, 'hello'
      from generate_series(1, 1005) n`);
    const res = await t.http().get('/api/me/groups').set(reader.auth);
    expect(res.body.items.find((g: Group) => g.id === group.id).unreadCount).toBe(1000);
  });
});
