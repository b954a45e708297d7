/**
 * Invite links: made by moderators (defaults, limits), listed with their uses, revoked, printed as a
 * QR code; looked at signed out; accepted (private groups included; existing members use no use;
 * banned users refused); 404 / 410 EXPIRED for unknown, expired, revoked and used-up links; parallel
 * accepts never exceed maxUses; register with inviteCode joins in one step.
 */
import type { Group, Invite, InviteCard } from '@circles/shared';
import QRCode from 'qrcode';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { ban } from '../helpers/moderation.js';
import { createOrganization } from '../helpers/organizations.js';

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let member: TestUser;
let outsider: TestUser;
let group: Group;

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t);
  moderator = await registerUser(t);
  member = await registerUser(t);
  outsider = await registerUser(t);
  group = await createGroup(t, owner, { visibility: 'private', name: `Invited circle ${uniqueSuffix()}` });
  await joinGroup(t, moderator, group, owner);
  await joinGroup(t, member, group, owner);
  await setRole(t, owner, group, moderator, 'moderator');
});
afterAll(() => t?.close());

async function makeInvite(by: TestUser, body: Record<string, unknown> = {}, target: Pick<Group, 'slug'> = group): Promise<Invite> {
  const res = await t.http().post(`/api/groups/${target.slug}/invites`).set(by.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Invite;
}
const accept = (user: TestUser, code: string) => t.http().post(`/api/invites/${code}/accept`).set(user.auth);
const memberCount = async () => ((await t.http().get(`/api/groups/${group.slug}`)).body as Group).memberCount;

describe('making invites', () => {
  it('defaults to 7 days and unlimited uses; codes carry at least 128 bits', async () => {
    const invite = await makeInvite(moderator);
    expect(invite).toMatchObject({ groupSlug: group.slug, maxUses: null, uses: 0, revokedAt: null, createdBy: { id: moderator.user.id } });
    expect(invite.url).toBe(`http://localhost:3000/invite/${invite.code}`);
    const days = (Date.parse(invite.expiresAt) - t.clock.now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // base64url of at least 16 random bytes, and never the same twice.
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(invite.code, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const codes = await Promise.all(Array.from({ length: 20 }, async () => (await makeInvite(owner)).code));
    expect(new Set(codes).size).toBe(20);
    const bytes = Buffer.concat(codes.map((c) => Buffer.from(c, 'base64url')));
    // Random bytes: every byte value is about as likely (no constant prefix, no counter).
    expect(new Set(bytes).size).toBeGreaterThan(150);
  });

  it('takes a use limit and an expiry within a year; refuses the past and wrong types', async () => {
    const expiresAt = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString();
    const invite = await makeInvite(owner, { maxUses: 25, expiresAt, note: 'Waiting room poster' });
    expect(invite).toMatchObject({ maxUses: 25, expiresAt, note: 'Waiting room poster' });
    const past = await t.http().post(`/api/groups/${group.slug}/invites`).set(owner.auth).send({ expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() });
    expectError(past, 400, 'VALIDATION_ERROR');
    expect(past.body.details[0].field).toBe('body.expiresAt');
    const far = new Date(t.clock.now().getTime() + 400 * 86_400_000).toISOString();
    expectError(await t.http().post(`/api/groups/${group.slug}/invites`).set(owner.auth).send({ expiresAt: far }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post(`/api/groups/${group.slug}/invites`).set(owner.auth).send({ maxUses: 0 }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post(`/api/groups/${group.slug}/invites`).set(owner.auth).send({ maxUses: '5' }), 400, 'VALIDATION_ERROR');
  });

  it('is for moderators: members 403, outsiders of a private group NOT_A_MEMBER, signed out 401', async () => {
    expectError(await t.http().post(`/api/groups/${group.slug}/invites`).set(member.auth).send({}), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/groups/${group.slug}/invites`).set(outsider.auth).send({}), 403, 'NOT_A_MEMBER');
    expectError(await t.http().post(`/api/groups/${group.slug}/invites`).send({}), 401, 'UNAUTHORIZED');
    expectError(await t.http().get(`/api/groups/${group.slug}/invites`).set(member.auth), 403, 'FORBIDDEN');
    expectError(await t.http().get(`/api/groups/${group.slug}/invites`), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/groups/no-such-group/invites').set(owner.auth).send({}), 404, 'NOT_FOUND');
    const admin = await makeAdmin(t, await registerUser(t));
    await makeInvite(admin);
  });
});

describe('looking at an invite', () => {
  it('shows the group card signed out, and 404 / 410 for unknown, expired, revoked and used-up links', async () => {
    const org = await createOrganization(t, owner);
    const hosted = (
      await t
        .http()
        .post('/api/groups')
        .set(owner.auth)
        .send({ name: `Hosted invite ${uniqueSuffix()}`, conditionSlug: 'asthma', description: 'Hosted.', rules: 'Be kind.', visibility: 'private', organizationSlug: org.slug })
    ).body as Group;
    const invite = await makeInvite(owner, { maxUses: 1 }, hosted);
    const res = await t.http().get(`/api/invites/${invite.code}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const card = res.body as InviteCard;
    expect(card.expiresAt).toBe(invite.expiresAt);
    expect(card.group).toMatchObject({
      slug: hosted.slug,
      name: hosted.name,
      rules: 'Be kind.',
      memberCount: 1,
      condition: { slug: 'asthma' },
      organization: { slug: org.slug, name: org.name, verified: false },
      myMembership: null,
    });
    expect(JSON.stringify(card)).not.toContain(invite.code);

    expectError(await t.http().get('/api/invites/AAAAAAAAAAAAAAAAAAAAAAAA'), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/invites/x'), 404, 'NOT_FOUND');

    // Used up.
    expect((await accept(outsider, invite.code)).status).toBe(200);
    expectError(await t.http().get(`/api/invites/${invite.code}`), 410, 'EXPIRED');
    expectError(await accept(member, invite.code), 410, 'EXPIRED');

    // Revoked, at once.
    const revoked = await makeInvite(moderator);
    expectError(await t.http().delete(`/api/invites/${revoked.code}`).set(member.auth), 403, 'FORBIDDEN');
    expectError(await t.http().delete(`/api/invites/${revoked.code}`), 401, 'UNAUTHORIZED');
    await t.http().delete(`/api/invites/${revoked.code}`).set(moderator.auth).expect(204);
    await t.http().delete(`/api/invites/${revoked.code}`).set(owner.auth).expect(204);
    expectError(await t.http().get(`/api/invites/${revoked.code}`), 410, 'EXPIRED');
    expectError(await accept(outsider, revoked.code), 410, 'EXPIRED');
    expectError(await t.http().delete('/api/invites/AAAAAAAAAAAAAAAAAAAAAAAA').set(owner.auth), 404, 'NOT_FOUND');

    // Expired, by the clock.
    const shortLived = await makeInvite(owner, { expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString() });
    expect((await t.http().get(`/api/invites/${shortLived.code}`)).status).toBe(200);
    t.clock.advanceMinutes(2);
    const expired = await t.http().get(`/api/invites/${shortLived.code}`);
    expectError(expired, 410, 'EXPIRED');
    expect(expired.body.message).toMatch(/expired/i);
    expectError(await accept(outsider, shortLived.code), 410, 'EXPIRED');
  });
});

describe('accepting an invite', () => {
  it('admits to a private group at once, turns a pending request active, and costs an existing member nothing', async () => {
    const invite = await makeInvite(owner, { maxUses: 5 });
    const before = await memberCount();
    const newcomer = await registerUser(t);
    const res = await accept(newcomer, invite.code);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.group).toMatchObject({ slug: group.slug, myMembership: { role: 'member', status: 'active' }, memberCount: before + 1 });
    // Now a member: reads the private group's chat.
    expect((await t.http().get(`/api/groups/${group.slug}/messages`).set(newcomer.auth)).status).toBe(200);

    const requester = await registerUser(t);
    expect((await t.http().post(`/api/groups/${group.slug}/join`).set(requester.auth)).status).toBe(202);
    expect((await accept(requester, invite.code)).body.group.myMembership.status).toBe('active');
    expect((await t.http().get(`/api/groups/${group.slug}/requests`).set(owner.auth)).body.items.map((r: { user: { id: string } }) => r.user.id)).not.toContain(
      requester.user.id,
    );

    expect((await accept(member, invite.code)).status).toBe(200);
    const listed = (await t.http().get(`/api/groups/${group.slug}/invites`).set(moderator.auth)).body.items as Invite[];
    expect(listed.find((i) => i.code === invite.code)?.uses).toBe(2);
    expect(await memberCount()).toBe(before + 2);
    expectError(await t.http().post(`/api/invites/${invite.code}/accept`), 401, 'UNAUTHORIZED');
  });

  it('refuses a banned user with 403 BANNED and spends no use', async () => {
    const invite = await makeInvite(owner, { maxUses: 3 });
    const troll = await registerUser(t);
    await joinGroup(t, troll, group, owner);
    await ban(t, owner, group, troll, { reason: 'Spam' });
    expectError(await accept(troll, invite.code), 403, 'BANNED');
    const listed = (await t.http().get(`/api/groups/${group.slug}/invites`).set(owner.auth)).body.items as Invite[];
    expect(listed.find((i) => i.code === invite.code)?.uses).toBe(0);
  });

  it('never exceeds maxUses under parallel accepts', async () => {
    const invite = await makeInvite(owner, { maxUses: 3 });
    const people = await Promise.all(Array.from({ length: 10 }, () => registerUser(t)));
    const before = await memberCount();
    const results = await Promise.all(people.map((p) => accept(p, invite.code)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 410, 410, 410, 410, 410, 410, 410]);
    expect(results.filter((r) => r.status === 410).every((r) => r.body.code === 'EXPIRED')).toBe(true);
    const listed = (await t.http().get(`/api/groups/${group.slug}/invites`).set(owner.auth)).body.items as Invite[];
    expect(listed.find((i) => i.code === invite.code)?.uses).toBe(3);
    expect(await memberCount()).toBe(before + 3);
    // The database itself refuses more uses than allowed, whatever the code would do.
    await expect(t.app.deps.db.execute(sql`update invites set uses = uses + 1 where code = ${invite.code}`)).rejects.toThrow();
  });
});

describe('the QR code', () => {
  it('is the invite URL as SVG, for the group’s moderators', async () => {
    const invite = await makeInvite(moderator);
    const res = await t.http().get(`/api/invites/${invite.code}/qr.svg`).set(moderator.auth).buffer(true).parse((r, done) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (data += chunk));
      r.on('end', () => done(null, data));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body).toBe(await QRCode.toString(invite.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    expect(res.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expectError(await t.http().get(`/api/invites/${invite.code}/qr.svg`).set(member.auth), 403, 'FORBIDDEN');
    expectError(await t.http().get(`/api/invites/${invite.code}/qr.svg`), 401, 'UNAUTHORIZED');
    expectError(await t.http().get('/api/invites/AAAAAAAAAAAAAAAAAAAAAAAA/qr.svg').set(owner.auth), 404, 'NOT_FOUND');
  });

  it('uses PUBLIC_ORIGIN for the link, never the request’s Host', async () => {
    const other = await startTestApp({ PUBLIC_ORIGIN: 'https://circles.example.org' });
    try {
      const boss = await registerUser(other);
      const g = await createGroup(other, boss);
      const res = await other.http().post(`/api/groups/${g.slug}/invites`).set(boss.auth).set('Host', 'evil.example').send({});
      expect(res.body.url).toBe(`https://circles.example.org/invite/${res.body.code}`);
    } finally {
      await other.close();
    }
  });
});

describe('register with an invite code', () => {
  it('registers and joins in one step; a bad code refuses only the join', async () => {
    const invite = await makeInvite(owner);
    const email = `joiner-${uniqueSuffix()}@example.test`;
    const res = await t.http().post('/api/auth/register').send({ email, password: 'correct horse battery', displayName: 'Joiner', inviteCode: invite.code });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.invite).toEqual({ joined: true, groupSlug: group.slug });
    const mine = await t.http().get('/api/me/groups').set({ Authorization: `Bearer ${res.body.accessToken}` });
    expect(mine.body.items.map((g: Group) => g.slug)).toContain(group.slug);

    const bad = await t
      .http()
      .post('/api/auth/register')
      .set('Accept-Language', 'fr-CA')
      .send({ email: `late-${uniqueSuffix()}@example.test`, password: 'correct horse battery', displayName: 'Late', inviteCode: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(bad.status).toBe(201);
    expect(bad.body.invite).toEqual({ joined: false, error: { code: 'NOT_FOUND', message: 'Aucun lien d’invitation de ce type' } });
    expect(bad.body.accessToken).toEqual(expect.any(String));

    await t.http().delete(`/api/invites/${invite.code}`).set(owner.auth).expect(204);
    const revoked = await t
      .http()
      .post('/api/auth/register')
      .send({ email: `rev-${uniqueSuffix()}@example.test`, password: 'correct horse battery', displayName: 'Rev', inviteCode: invite.code });
    expect(revoked.body.invite).toMatchObject({ joined: false, error: { code: 'EXPIRED' } });
    // Without a code, no `invite` at all.
    const plain = await registerUser(t);
    expect(plain.user).toBeDefined();
  });
});
