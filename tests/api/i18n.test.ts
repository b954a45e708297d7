/**
 * Server texts in the reader's language: the person's saved `locale`, else Accept-Language, else
 * English. Over REST (errors, validation details) and socket acks alike; codes never change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, registerUser } from '../helpers/factories.js';
import { connectSocket, emitAck, waitForConnect } from '../helpers/sockets.js';
import { io } from 'socket.io-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('Accept-Language', () => {
  it('answers an error in Canadian French for fr-CA, and in English otherwise', async () => {
    const user = await registerUser(t);
    const fr = await t.http().get('/api/groups/no-such-group').set(user.auth).set('Accept-Language', 'fr-CA,fr;q=0.9,en;q=0.8');
    expect(fr.status).toBe(404);
    expect(fr.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Ce groupe est introuvable' });

    const en = await t.http().get('/api/groups/no-such-group').set(user.auth).set('Accept-Language', 'de-DE,en;q=0.5');
    expect(en.body.message).toBe('No such group');
    const none = await t.http().get('/api/groups/no-such-group').set(user.auth);
    expect(none.body.message).toBe('No such group');
  });

  it('translates errors raised before anyone is known (no token) and unknown routes', async () => {
    const res = await t.http().get('/api/me').set('Accept-Language', 'fr');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'Connectez-vous pour continuer' });
    const login = await t.http().post('/api/auth/login').set('Accept-Language', 'fr-CA').send({ email: 'nobody@example.test', password: 'wrong password' });
    expect(login.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'Courriel ou mot de passe incorrect' });
    const route = await t.http().get('/api/nowhere').set('Accept-Language', 'fr');
    expect(route.body).toMatchObject({ code: 'NOT_FOUND', message: 'Aucune route pour GET /api/nowhere' });
  });

  it('words validation errors and their field details in French, plural included', async () => {
    const res = await t
      .http()
      .post('/api/auth/register')
      .set('Accept-Language', 'fr-CA')
      .send({ email: 'pas-un-courriel', password: 'court', displayName: 'Zoé' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.message).toBe('body.email\u00a0: doit être une adresse courriel valide');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'body.email', message: 'doit être une adresse courriel valide' },
        { field: 'body.password', message: 'doit contenir au moins 10 caractères' },
      ]),
    );
    const missing = await t.http().post('/api/auth/register').set('Accept-Language', 'fr').send({ email: 'a@example.test', password: 'long enough pass' });
    expect(missing.body.details).toEqual([{ field: 'body.displayName', message: 'est obligatoire' }]);
    const english = await t.http().post('/api/auth/register').send({ email: 'a@example.test', password: 'short', displayName: 'Zoé' });
    expect(english.body.message).toBe('body.password must be at least 10 characters');
  });

  it('Me.locale follows the browser until the person chooses', async () => {
    const user = await registerUser(t);
    expect(user.user.locale).toBe('en');
    const me = await t.http().get('/api/me').set(user.auth).set('Accept-Language', 'fr-CA');
    expect(me.body.locale).toBe('fr');
  });
});

describe('the saved locale', () => {
  it('PATCH /api/me { locale } is validated, saved, and wins over Accept-Language', async () => {
    const user = await registerUser(t);
    const bad = await t.http().patch('/api/me').set(user.auth).send({ locale: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_ERROR');
    expect(bad.body.details[0]).toMatchObject({ field: 'body.locale', message: 'must be one of: en, fr' });
    const wrongType = await t.http().patch('/api/me').set(user.auth).send({ locale: 1 });
    expect(wrongType.status).toBe(400);

    const saved = await t.http().patch('/api/me').set(user.auth).set('Accept-Language', 'en').send({ locale: 'fr' });
    expect(saved.status).toBe(200);
    expect(saved.body.locale).toBe('fr');
    expect((await t.http().get('/api/me').set(user.auth).set('Accept-Language', 'en-US')).body.locale).toBe('fr');

    // The very next request after the change is answered in French, even with an English browser.
    const err = await t.http().get('/api/groups/no-such-group').set(user.auth).set('Accept-Language', 'en-US');
    expect(err.body.message).toBe('Ce groupe est introuvable');
    const val = await t.http().patch('/api/me').set(user.auth).send({ displayName: 'x' });
    expect(val.body.message).toBe('body.displayName\u00a0: doit contenir au moins 2 caractères');

    // A new sign-in carries it too.
    const login = await t.http().post('/api/auth/login').set('Accept-Language', 'en').send({ email: user.email, password: user.password });
    expect(login.body.user.locale).toBe('fr');

    // null: follow the browser again.
    const cleared = await t.http().patch('/api/me').set(user.auth).set('Accept-Language', 'en-CA').send({ locale: null });
    expect(cleared.body.locale).toBe('en');
    const after = await t.http().get('/api/groups/no-such-group').set(user.auth).set('Accept-Language', 'en-CA');
    expect(after.body.message).toBe('No such group');
  });

  it('other fields are untouched by a locale change, and nothing else changes the locale', async () => {
    const user = await registerUser(t, { displayName: 'Mireille' });
    await t.http().patch('/api/me').set(user.auth).send({ locale: 'fr' });
    const res = await t.http().patch('/api/me').set(user.auth).send({ bio: 'Bonjour' });
    expect(res.body).toMatchObject({ displayName: 'Mireille', bio: 'Bonjour', locale: 'fr' });
  });
});

describe('socket acks', () => {
  it('answer in the saved locale', async () => {
    const owner = await registerUser(t);
    const group = await createGroup(t, owner, { visibility: 'private' });
    const user = await registerUser(t);
    await t.http().patch('/api/me').set(user.auth).send({ locale: 'fr' });
    const socket = connectSocket(t, user.token);
    await waitForConnect(socket);
    try {
      const ack = await emitAck(socket, 'message:send', { slug: group.slug, body: 'Bonjour', clientId: 'c-1' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER', message: 'Joignez-vous à ce groupe pour participer' } });
      const invalid = await emitAck(socket, 'message:send', { slug: group.slug, body: '', clientId: 'c-2' });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', message: 'body\u00a0: doit contenir au moins 1 caractère' } });
    } finally {
      socket.disconnect();
    }
  });

  it('answer in the handshake’s Accept-Language when nothing is saved', async () => {
    const owner = await registerUser(t);
    const group = await createGroup(t, owner, { visibility: 'private' });
    const user = await registerUser(t);
    const socket = io(t.url, {
      path: '/socket.io',
      auth: { token: user.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { 'Accept-Language': 'fr-CA,fr;q=0.9' },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    try {
      const ack = await (socket.timeout(5_000) as any).emitWithAck('message:send', { slug: group.slug, body: 'Salut', clientId: 'c-3' });
      expect(ack.error).toMatchObject({ code: 'NOT_A_MEMBER', message: 'Joignez-vous à ce groupe pour participer' });
      const english = connectSocket(t, user.token);
      await waitForConnect(english);
      const ack2 = await emitAck(english, 'message:send', { slug: group.slug, body: 'Hi', clientId: 'c-4' });
      expect(ack2.error.message).toBe('Join this group to take part');
      english.disconnect();
    } finally {
      socket.disconnect();
    }
  });
});
