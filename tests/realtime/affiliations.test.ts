/**
 * A human face in every conversation: a staff member's messages, questions and answers carry their
 * affiliation, live over sockets as in history; it begins with the acceptance and ends with the
 * removal; a clinician badge and an affiliation stand side by side; an anonymous question never
 * shows one; and an affiliation never carries an email.
 */
import type { Message } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { history, joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeClinician, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { addStaff, createOrganization, verifyOrganization } from '../helpers/organizations.js';
import { connected, emitAck, nextEvent } from '../helpers/sockets.js';
import { makeAdmin } from '../helpers/factories.js';

let t: TestApp;
let admin: TestUser;
let siteAdmin: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await registerUser(t, { displayName: 'Org Admin' });
  siteAdmin = await makeAdmin(t, await registerUser(t));
});
afterAll(() => t?.close());

describe('affiliations beside names', () => {
  it('show on the next message live and in history, with the clinician badge, and end with the removal', async () => {
    const org = await createOrganization(t, admin, { name: `Riverside Children’s ${uniqueSuffix()}`, kind: 'hospital' });
    await verifyOrganization(t, siteAdmin, org);
    const owner = await registerUser(t);
    const group = await createGroup(t, owner);
    const amira = await makeClinician(t, await registerUser(t, { displayName: 'Amira Haddad' }), { specialty: 'Pediatric nursing' });
    const reader = await registerUser(t);
    await joinGroup(t, amira, group);
    await joinGroup(t, reader, group);

    const before = await postMessage(t, amira, group, 'Hello before joining the staff');
    expect(before.author.affiliations).toEqual([]);

    await addStaff(t, admin, org, amira, 'Nurse educator');
    const socket = await connected(t, reader.token);
    expect((await joinRoom(socket, group.slug)).ok).toBe(true);
    const live = nextEvent<{ message: Message }>(socket, 'message:new');
    const sender = await connected(t, amira.token);
    const ack = await emitAck(sender, 'message:send', { slug: group.slug, body: 'Happy to answer questions about asthma plans', clientId: newClientId() });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    const expected = [{ orgSlug: org.slug, orgName: org.name, title: 'Nurse educator', verified: true }];
    const pushed = (await live).message;
    expect(pushed.author.affiliations).toEqual(expected);
    expect(pushed.author.clinician).toMatchObject({ specialty: 'Pediatric nursing' });
    expect(ack.message.author.affiliations).toEqual(expected);

    const page = await history(t, reader, group);
    // History reads them now: the earlier message shows them too (an affiliation is who the person is).
    expect(page.items.map((m) => m.author.affiliations)).toEqual([expected, expected]);
    expect(JSON.stringify(page)).not.toContain(amira.email);
    expect(JSON.stringify(pushed)).not.toContain(amira.email);

    // Presence carries them as well.
    const presence = await joinRoom(sender, group.slug);
    expect(presence.online.find((u: { id: string }) => u.id === amira.user.id)?.affiliations).toEqual(expected);

    await t.http().delete(`/api/organizations/${org.slug}/staff/${amira.user.id}`).set(admin.auth).expect(204);
    const afterRemoval = nextEvent<{ message: Message }>(socket, 'message:new');
    await postMessage(t, amira, group, 'Still here as myself');
    expect((await afterRemoval).message.author.affiliations).toEqual([]);
    expect((await history(t, reader, group)).items.every((m) => m.author.affiliations.length === 0)).toBe(true);
    socket.disconnect();
    sender.disconnect();
  });

  it('show on questions and answers, never on an anonymous question', async () => {
    const org = await createOrganization(t, admin);
    const owner = await registerUser(t);
    const group = await createGroup(t, owner);
    const staffer = await registerUser(t);
    await joinGroup(t, staffer, group);
    await addStaff(t, admin, org, staffer, 'Pharmacist');
    const asked = await t
      .http()
      .post(`/api/groups/${group.slug}/questions`)
      .set(staffer.auth)
      .send({ title: 'How do you store insulin when travelling?', body: 'Asking for the clinic’s travel sheet.' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body.author.affiliations).toEqual([expect.objectContaining({ orgSlug: org.slug, title: 'Pharmacist', verified: false })]);
    const answer = await t.http().post(`/api/questions/${asked.body.id}/answers`).set(staffer.auth).send({ body: 'A cool bag works well.' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.author.affiliations).toHaveLength(1);

    const anonymous = await t
      .http()
      .post(`/api/groups/${group.slug}/questions`)
      .set(staffer.auth)
      .send({ title: 'A private worry about my own health', body: 'Asking anonymously.', anonymous: true });
    expect(anonymous.status).toBe(201);
    const reader = await registerUser(t);
    const seen = await t.http().get(`/api/questions/${anonymous.body.id}`).set(reader.auth);
    expect(seen.body.question.author).toBeNull();
    expect(JSON.stringify(seen.body)).not.toContain(org.slug);
  });
});
