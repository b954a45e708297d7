/**
 * Clinician verification: applying, the admins' review queue, approval (badge + expiry + renewal),
 * rejection, and the privacy of applications.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicianApplications, clinicianCredentials } from '../../server/src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { makeAdmin, registerUser, type TestUser } from '../helpers/factories.js';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  admin = await makeAdmin(t, await registerUser(t));
});
afterAll(() => t?.close());

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code });
};

const validApplication = { licenseNumber: 'CPSO-12345', jurisdiction: 'Ontario, CA', specialty: 'Endocrinology', note: 'Happy to help.' };

async function apply(user: TestUser, body: object = validApplication) {
  return t.http().post('/api/clinician-applications').set(user.auth).send(body);
}

async function countApplications(userId: string) {
  return (await t.app.deps.db.select().from(clinicianApplications).where(eq(clinicianApplications.userId, userId))).length;
}

async function badgeOf(user: TestUser) {
  const res = await t.http().get(`/api/users/${user.user.id}`).set(admin.auth);
  expect(res.status).toBe(200);
  return res.body.clinician;
}

describe('POST /api/clinician-applications', () => {
  it('needs a signed-in user (401)', async () => {
    expectError(await t.http().post('/api/clinician-applications').send(validApplication), 401, 'UNAUTHORIZED');
  });

  it('creates a pending application (201 { id, status: "pending" })', async () => {
    const u = await registerUser(t);
    const res = await apply(u);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'pending', licenseNumber: 'CPSO-12345', specialty: 'Endocrinology' });
    expect(res.body.user.id).toBe(u.user.id);
    expect(res.body.user).not.toHaveProperty('email');
  });

  it('allows only one pending application per user (409 CONFLICT), even when two race', async () => {
    const u = await registerUser(t);
    const [a, b] = await Promise.all([apply(u), apply(u)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expectError(await apply(u), 409, 'CONFLICT');
    expect(await countApplications(u.user.id)).toBe(1);
  });

  it.each([
    ['a wrong type', { ...validApplication, licenseNumber: 12345 }],
    ['a missing specialty', { licenseNumber: 'X-123', jurisdiction: 'Ontario' }],
    ['a control character', { ...validApplication, jurisdiction: 'Ont\u0007ario' }],
    ['a too-long note', { ...validApplication, note: 'x'.repeat(2001) }],
  ])('refuses %s with VALIDATION_ERROR and stores nothing', async (_label, body) => {
    const u = await registerUser(t);
    expectError(await apply(u, body), 400, 'VALIDATION_ERROR');
    expect(await countApplications(u.user.id)).toBe(0);
  });
});

describe('reading applications', () => {
  it('lets the applicant read their own application and list theirs', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    const one = await t.http().get(`/api/clinician-applications/${created.id}`).set(u.auth);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: created.id, status: 'pending' });
    const mine = await t.http().get('/api/clinician-applications').set(u.auth);
    expect(mine.body.items.map((a: any) => a.id)).toEqual([created.id]);
  });

  it("answers another user's application with 404, exactly like an unknown id", async () => {
    const owner = await registerUser(t);
    const other = await registerUser(t);
    const created = (await apply(owner)).body;
    const theirs = await t.http().get(`/api/clinician-applications/${created.id}`).set(other.auth);
    const unknown = await t.http().get('/api/clinician-applications/00000000-0000-4000-8000-000000000000').set(other.auth);
    expectError(theirs, 404, 'NOT_FOUND');
    expect(theirs.body).toEqual(unknown.body);
    expectError(await t.http().get('/api/clinician-applications/not-a-uuid').set(other.auth), 404, 'NOT_FOUND');
    const list = await t.http().get('/api/clinician-applications').set(other.auth);
    expect(list.body.items).toEqual([]);
    // Admins may read any application.
    expect((await t.http().get(`/api/clinician-applications/${created.id}`).set(admin.auth)).status).toBe(200);
  });
});

describe('GET /api/admin/clinician-applications', () => {
  it('is for site admins only: 401 signed out, 403 FORBIDDEN for everyone else', async () => {
    const u = await registerUser(t);
    expectError(await t.http().get('/api/admin/clinician-applications'), 401, 'UNAUTHORIZED');
    expectError(await t.http().get('/api/admin/clinician-applications?status=pending').set(u.auth), 403, 'FORBIDDEN');
  });

  it('lists by status, oldest first, with cursor pages', async () => {
    const people = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const ids: string[] = [];
    for (const p of people) ids.push((await apply(p)).body.id);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t
        .http()
        .get(`/api/admin/clinician-applications?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(admin.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) expect(item.status).toBe('pending');
      all.push(...res.body.items.map((a: any) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    // Ours appear in the order they were made.
    const ours = all.filter((id) => ids.includes(id));
    expect(ours).toEqual(ids);
  });

  it('refuses a bad status or cursor with VALIDATION_ERROR', async () => {
    expectError(await t.http().get('/api/admin/clinician-applications?status=maybe').set(admin.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().get('/api/admin/clinician-applications?cursor=nonsense').set(admin.auth), 400, 'VALIDATION_ERROR');
  });
});

describe('approve / reject', () => {
  it('only admins review (403 FORBIDDEN), and nothing changes on a refusal', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    expectError(await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).send({}), 401, 'UNAUTHORIZED');
    // Not even the applicant may approve themselves.
    expectError(await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).set(u.auth).send({}), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/admin/clinician-applications/${created.id}/reject`).set(u.auth).send({}), 403, 'FORBIDDEN');
    expect(await badgeOf(u)).toBeNull();
    const again = await t.http().get(`/api/clinician-applications/${created.id}`).set(u.auth);
    expect(again.body.status).toBe('pending');
  });

  it('approving sets the badge for one year by default, visible on the PublicUser', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    const res = await t
      .http()
      .post(`/api/admin/clinician-applications/${created.id}/approve`)
      .set(admin.auth)
      .send({ note: 'Licence checked with the college.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', reviewNote: 'Licence checked with the college.', reviewedAt: expect.any(String) });
    const badge = await badgeOf(u);
    expect(badge).toMatchObject({ specialty: 'Endocrinology', jurisdiction: 'Ontario, CA' });
    const days = (Date.parse(badge.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);
    const me = await t.http().get('/api/me').set(u.auth);
    expect(me.body.clinician).toMatchObject({ specialty: 'Endocrinology' });
    // A new application is possible again once none is pending (e.g. to renew later).
    expect((await apply(u)).status).toBe(201);
  });

  it('approving with expiresAt uses it; a past expiresAt is a VALIDATION_ERROR that changes nothing', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    const past = await t
      .http()
      .post(`/api/admin/clinician-applications/${created.id}/approve`)
      .set(admin.auth)
      .send({ expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expectError(past, 400, 'VALIDATION_ERROR');
    expectError(
      await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).set(admin.auth).send({ expiresAt: 'next week' }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(
      await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).set(admin.auth).send({ note: 42 }),
      400,
      'VALIDATION_ERROR',
    );
    expect(await badgeOf(u)).toBeNull();
    const expiresAt = new Date(Date.now() + 90 * 86_400_000).toISOString();
    const ok = await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).set(admin.auth).send({ expiresAt });
    expect(ok.status).toBe(200);
    expect(Date.parse((await badgeOf(u)).expiresAt)).toBe(Date.parse(expiresAt));
  });

  it('the badge disappears after expiry and comes back when an admin renews it', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).set(admin.auth).send({});
    await t.app.deps.db
      .update(clinicianCredentials)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(clinicianCredentials.userId, u.user.id));
    expect(await badgeOf(u)).toBeNull();
    expect((await t.http().get('/api/me').set(u.auth)).body.clinician).toBeNull();
    // Renewal: a re-approval (here of a new application) restores the badge.
    const renewal = (await apply(u)).body;
    expect((await t.http().post(`/api/admin/clinician-applications/${renewal.id}/approve`).set(admin.auth).send({})).status).toBe(200);
    expect(await badgeOf(u)).not.toBeNull();
  });

  it('rejecting leaves no badge and records the note', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    const res = await t
      .http()
      .post(`/api/admin/clinician-applications/${created.id}/reject`)
      .set(admin.auth)
      .send({ note: 'We could not verify this licence number.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', reviewNote: 'We could not verify this licence number.' });
    expect(await badgeOf(u)).toBeNull();
    const pending = await t.http().get('/api/admin/clinician-applications?status=pending').set(admin.auth);
    expect(pending.body.items.map((a: any) => a.id)).not.toContain(created.id);
    const rejected = await t.http().get('/api/admin/clinician-applications?status=rejected').set(admin.auth);
    expect(rejected.body.items.map((a: any) => a.id)).toContain(created.id);
  });

  it('rejecting an approved application withdraws the badge it granted', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).set(admin.auth).send({});
    expect(await badgeOf(u)).not.toBeNull();
    await t.http().post(`/api/admin/clinician-applications/${created.id}/reject`).set(admin.auth).send({ note: 'Licence revoked' });
    expect(await badgeOf(u)).toBeNull();
  });

  it('accepts an approval with no body at all (defaults apply)', async () => {
    const u = await registerUser(t);
    const created = (await apply(u)).body;
    const res = await t.http().post(`/api/admin/clinician-applications/${created.id}/approve`).set(admin.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', reviewNote: null });
    expect(await badgeOf(u)).not.toBeNull();
  });

  it('answers an unknown application with 404', async () => {
    expectError(
      await t.http().post('/api/admin/clinician-applications/00000000-0000-4000-8000-000000000000/approve').set(admin.auth).send({}),
      404,
      'NOT_FOUND',
    );
    expectError(await t.http().post('/api/admin/clinician-applications/nope/reject').set(admin.auth).send({}), 404, 'NOT_FOUND');
  });
});
