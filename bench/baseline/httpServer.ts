/**
 * Baseline: bare Fastify + pg serving the same reads as Circles, each as one query: the keyset history
 * page (S3), my groups with unread counts and group search (S4). Every /api route except health verifies
 * the same HS256 access token first, so the baseline pays for authentication as Circles does.
 *
 * Settings: PORT, HOST, DATABASE_URL, JWT_SECRET, DB_POOL_SIZE.
 */
import { createVerifier } from 'fast-jwt';
import Fastify from 'fastify';
import pg from 'pg';
import { HISTORY_PAGE, LATEST, MY_GROUPS, searchGroupsQuery } from './queries.js';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 20),
  statement_timeout: 15_000,
});
pool.on('error', () => {});
const verify = createVerifier({ key: process.env.JWT_SECRET!, algorithms: ['HS256'] });

const app = Fastify({ logger: false });

app.decorateRequest('userId', '');
declare module 'fastify' {
  interface FastifyRequest {
    userId: string;
  }
}

app.addHook('onRequest', async (request, reply) => {
  if (request.url === '/api/health') return;
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  try {
    const claims = verify(match?.[1] ?? '') as { sub?: unknown };
    if (typeof claims.sub !== 'string') throw new Error('claims');
    request.userId = claims.sub;
  } catch {
    return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHORIZED', message: 'Sign in' });
  }
});

app.get('/api/health', async () => ({ status: 'ok' }));

const MESSAGE_ID = /^\d{1,19}$/;

app.get<{ Params: { slug: string }; Querystring: { before?: string; limit?: string } }>('/api/groups/:slug/messages', async (request, reply) => {
  const limit = Math.min(100, Math.max(1, Number(request.query.limit ?? 50) || 50));
  const { before } = request.query;
  if (before !== undefined && !MESSAGE_ID.test(before)) return reply.code(400).send({ code: 'VALIDATION_ERROR' });
  const { rows } = await pool.query(HISTORY_PAGE, [request.params.slug, request.userId, limit + 1, before ?? LATEST]);
  const hasMore = rows.length > limit;
  const page = (hasMore ? rows.slice(0, limit) : rows).reverse();
  return {
    items: page.map((r) => ({
      id: r.id,
      groupId: r.groupId,
      author: { id: r.authorId, displayName: r.displayName, bio: r.bio, isAdmin: r.isAdmin, clinician: null, createdAt: r.authorCreatedAt },
      body: r.body,
      clientId: r.clientId,
      replyToId: r.replyToId,
      mentions: r.mentions,
      reactions: [],
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      deletedAt: r.deletedAt,
    })),
    hasMore,
  };
});

const toGroup = (r: Record<string, any>) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  rules: r.rules,
  condition: { slug: r.conditionSlug, name: r.conditionName, category: r.category },
  visibility: r.visibility,
  memberCount: r.memberCount,
  createdAt: r.createdAt,
  myMembership: r.role ? { role: r.role, status: r.status } : null,
  settings: { slowModeSeconds: r.slowModeSeconds },
});

app.get('/api/me/groups', async (request) => {
  const { rows } = await pool.query(MY_GROUPS, [request.userId]);
  return { items: rows.map((r) => ({ ...toGroup(r), unreadCount: r.unreadCount, lastMessageAt: r.lastMessageAt })) };
});

app.get<{ Querystring: { q?: string; limit?: string } }>('/api/groups', async (request) => {
  const limit = Math.min(100, Math.max(1, Number(request.query.limit ?? 50) || 50));
  const words = [...new Set((request.query.q ?? '').normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’`]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, 8);
  if (words.length === 0) return { items: [], nextCursor: null };
  const { rows } = await pool.query(searchGroupsQuery(words.length), [request.userId, limit + 1, ...words]);
  const hasMore = rows.length > limit;
  return { items: (hasMore ? rows.slice(0, limit) : rows).map(toGroup), nextCursor: hasMore ? 'more' : null };
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });

const shutdown = () => {
  void app.close().then(() => pool.end()).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
