/**
 * Baseline: the chat hot path written directly on socket.io + pg, the thinnest honest version of what
 * Circles does. Handshake: verify the same HS256 access token. `group:join`: one query (may this user
 * read the group?) then join the room. `message:send`: one statement (membership check + idempotent
 * INSERT ... ON CONFLICT DO NOTHING RETURNING + author name), emit `message:new` to the room, ack.
 *
 * Settings: PORT, HOST, DATABASE_URL, JWT_SECRET, DB_POOL_SIZE.
 */
import http from 'node:http';
import { createVerifier } from 'fast-jwt';
import pg from 'pg';
import { Server } from 'socket.io';
import { EXISTING_MESSAGE, JOINABLE_GROUP, SEND_MESSAGE } from './queries.js';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 20),
  statement_timeout: 15_000,
});
pool.on('error', () => {});
const verify = createVerifier({ key: process.env.JWT_SECRET!, algorithms: ['HS256'] });

const server = http.createServer((req, res) => {
  if (req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"code":"NOT_FOUND"}');
});

const io = new Server(server, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024 });

io.use((socket, next) => {
  try {
    const claims = verify(String((socket.handshake.auth as { token?: unknown }).token ?? '')) as { sub?: unknown };
    if (typeof claims.sub !== 'string') throw new Error('claims');
    socket.data.userId = claims.sub;
    next();
  } catch {
    next(new Error('UNAUTHORIZED'));
  }
});

type Ack = (reply: unknown) => void;
const refuse = (ack: Ack, code: string, message: string) => ack({ ok: false, error: { code, message } });
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

interface MessageRow {
  id: string;
  groupId: string;
  clientId: string;
  body: string;
  createdAt: Date;
  authorId: string;
  displayName: string;
}

const toMessage = (row: MessageRow) => ({
  id: row.id,
  groupId: row.groupId,
  author: { id: row.authorId, displayName: row.displayName },
  body: row.body,
  clientId: row.clientId,
  createdAt: row.createdAt.toISOString(),
});

io.on('connection', (socket) => {
  const userId = socket.data.userId as string;

  socket.on('group:join', async (payload: { slug?: unknown }, ack: Ack) => {
    if (typeof ack !== 'function') return;
    if (typeof payload?.slug !== 'string') return refuse(ack, 'VALIDATION_ERROR', 'slug');
    try {
      const { rows } = await pool.query<{ id: string }>(JOINABLE_GROUP, [payload.slug, userId]);
      if (!rows[0]) return refuse(ack, 'NOT_A_MEMBER', 'not readable');
      await socket.join(`group:${rows[0].id}`);
      ack({ ok: true, online: [] });
    } catch {
      refuse(ack, 'INTERNAL', 'failed');
    }
  });

  socket.on('message:send', async (payload: { slug?: unknown; body?: unknown; clientId?: unknown }, ack: Ack) => {
    if (typeof ack !== 'function') return;
    const body = typeof payload?.body === 'string' ? payload.body.trim() : '';
    if (typeof payload?.slug !== 'string' || body.length < 1 || body.length > 4000 || typeof payload.clientId !== 'string' || !CLIENT_ID.test(payload.clientId)) {
      return refuse(ack, 'VALIDATION_ERROR', 'bad payload');
    }
    try {
      const { rows } = await pool.query<MessageRow>(SEND_MESSAGE, [payload.slug, userId, payload.clientId, body]);
      if (rows[0]) {
        const message = toMessage(rows[0]);
        io.to(`group:${message.groupId}`).emit('message:new', { message });
        return ack({ ok: true, message });
      }
      // Nothing inserted: a retry of a stored message (answer the first copy), or not a member.
      const existing = await pool.query<MessageRow>(EXISTING_MESSAGE, [payload.slug, userId, payload.clientId]);
      if (existing.rows[0]) return ack({ ok: true, message: toMessage(existing.rows[0]) });
      refuse(ack, 'NOT_A_MEMBER', 'join this group to take part');
    } catch {
      refuse(ack, 'INTERNAL', 'failed');
    }
  });
});

server.listen(port, host, () => {
  const address = server.address();
  console.log(`socket baseline listening on ${typeof address === 'object' && address ? address.port : port}`);
});

const shutdown = () => {
  io.close();
  void pool.end().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
