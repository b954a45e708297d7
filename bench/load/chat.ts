/**
 * Real-time load: many socket.io-client connections in one process, an open-loop sender (messages go
 * out on a fixed schedule whether or not earlier ones were answered, so a slow server cannot slow the
 * clock that measures it), and per-message bookkeeping of every ack and every delivery.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { round, summarize } from '../lib/stats.js';
import type { ChatCommand, ChatResult, ConnectCommand, ConnectResult, Member } from './protocol.js';

interface Conn {
  member: Member;
  socket: Socket;
  groupIndex: number;
  /** Still connected (a drop during a step is counted and its expected deliveries are not). */
  live: boolean;
  closing: boolean;
}

interface Sent {
  clientId: string;
  sender: number;
  groupIndex: number;
  tSend: number;
  /** 0 pending, 1 acknowledged, 2 refused, 3 no ack in time. */
  state: 0 | 1 | 2 | 3;
  messageId: string | null;
  receivedBy: Set<number>;
  selfCopies: number;
}

// Supportive, plain sentences: no digits (they could read as a phone or record number), no @ mentions,
// nothing a crisis or personal-data filter would stop.
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

const now = () => performance.now();

export class ChatLoad {
  private conns: Conn[] = [];
  private groups: number[][] = [];
  private inFlight = new Map<string, Sent>();
  private deliveryLatencies: number[] = [];
  private deliveries = 0;
  private duplicates = 0;
  private misrouted = 0;
  private disconnects = 0;
  private lastDeliveryAt = 0;

  async connect(command: ConnectCommand): Promise<ConnectResult> {
    const started = now();
    const failures: Record<string, number> = {};
    let joinUnanswered = 0;
    const slugIndex = new Map<string, number>();
    for (const member of command.members) {
      if (!slugIndex.has(member.slug)) {
        slugIndex.set(member.slug, this.groups.length);
        this.groups.push([]);
      }
    }
    const fail = (reason: string) => (failures[reason] = (failures[reason] ?? 0) + 1);

    for (let offset = 0; offset < command.members.length; offset += command.batch) {
      const batch = command.members.slice(offset, offset + command.batch);
      await Promise.all(
        batch.map(async (member) => {
          const socket = io(command.url, {
            path: '/socket.io',
            transports: ['websocket'],
            auth: { token: member.token },
            forceNew: true,
            reconnection: false,
            timeout: command.timeoutMs,
            // engine.io passes it to the WebSocket: the client's address, which nginx hashes on.
            ...(member.localAddress ? { localAddress: member.localAddress } : {}),
          } as Parameters<typeof io>[1]);
          try {
            await new Promise<void>((resolve, reject) => {
              socket.once('connect', () => resolve());
              socket.once('connect_error', (err) => reject(err));
            });
          } catch (err) {
            fail(`connect: ${(err as Error).message}`);
            socket.close();
            return;
          }
          if (command.join) {
            try {
              const ack = (await socket.timeout(command.timeoutMs).emitWithAck('group:join', { slug: member.slug })) as {
                ok: boolean;
                error?: { code: string };
              };
              if (!ack?.ok) {
                fail(`group:join ${ack?.error?.code ?? 'bad ack'}`);
                socket.close();
                return;
              }
            } catch {
              joinUnanswered++;
              fail('group:join unanswered');
              socket.close();
              return;
            }
          }
          this.adopt(member, socket, slugIndex.get(member.slug)!);
        }),
      );
    }
    const failed = Object.values(failures).reduce((a, b) => a + b, 0);
    return { connected: this.conns.length, failed, failures, joinUnanswered, durationMs: round(now() - started) };
  }

  private adopt(member: Member, socket: Socket, groupIndex: number) {
    const index = this.conns.length;
    const conn: Conn = { member, socket, groupIndex, live: true, closing: false };
    this.conns.push(conn);
    this.groups[groupIndex]!.push(index);
    socket.on('disconnect', () => {
      conn.live = false;
      if (!conn.closing) this.disconnects++;
    });
    socket.on('message:new', (payload: { message?: { clientId?: string; groupId?: string; id?: string } }) =>
      this.onDelivery(index, payload),
    );
  }

  private onDelivery(recipient: number, payload: { message?: { clientId?: string } }) {
    const received = now();
    const clientId = payload?.message?.clientId;
    if (!clientId) return;
    const sent = this.inFlight.get(clientId);
    if (!sent) return; // from an earlier step, or someone else's message
    if (this.conns[recipient]!.groupIndex !== sent.groupIndex) {
      this.misrouted++;
      return;
    }
    if (recipient === sent.sender) {
      if (++sent.selfCopies > 1) this.duplicates++;
      return;
    }
    if (sent.receivedBy.has(recipient)) {
      this.duplicates++;
      return;
    }
    sent.receivedBy.add(recipient);
    this.deliveries++;
    this.lastDeliveryAt = received;
    this.deliveryLatencies.push(received - sent.tSend);
  }

  /** Senders taken round-robin across groups, so consecutive messages land in different rooms. */
  private senderOrder(): number[] {
    const order: number[] = [];
    const longest = Math.max(0, ...this.groups.map((g) => g.length));
    for (let k = 0; k < longest; k++) for (const group of this.groups) if (group[k] !== undefined) order.push(group[k]!);
    return order;
  }

  async chat(command: ChatCommand): Promise<ChatResult> {
    this.inFlight = new Map();
    this.deliveryLatencies = [];
    this.deliveries = 0;
    this.duplicates = 0;
    this.misrouted = 0;
    this.disconnects = 0;
    this.lastDeliveryAt = 0;
    const ackLatencies: number[] = [];
    const ackErrors: Record<string, number> = {};
    let ackTimeouts = 0;
    let acked = 0;
    let lastAck = 0;
    const idToClientId = new Map<string, string>();
    let idCollisions = 0;

    const order = this.senderOrder().filter((i) => this.conns[i]!.live);
    if (order.length === 0) throw new Error('no connected sockets to send from');
    const total = Math.max(1, Math.round((command.rate * command.durationMs) / 1000));
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();

    const sendOne = (k: number) => {
      const sender = order[k % order.length]!;
      const conn = this.conns[sender]!;
      const clientId = `${command.tag}-${k}`;
      const record: Sent = {
        clientId,
        sender,
        groupIndex: conn.groupIndex,
        tSend: now(),
        state: 0,
        messageId: null,
        receivedBy: new Set(),
        selfCopies: 0,
      };
      this.inFlight.set(clientId, record);
      conn.socket
        .timeout(command.ackTimeoutMs)
        .emit(
          'message:send',
          { slug: conn.member.slug, body: BODIES[k % BODIES.length], clientId },
          (err: Error | null, ack: { ok: boolean; message?: { id?: string; clientId?: string }; error?: { code?: string } }) => {
            if (err) {
              record.state = 3;
              ackTimeouts++;
              return;
            }
            if (!ack?.ok) {
              record.state = 2;
              const code = ack?.error?.code ?? 'BAD_ACK';
              ackErrors[code] = (ackErrors[code] ?? 0) + 1;
              return;
            }
            const t = now();
            record.state = 1;
            acked++;
            lastAck = t;
            ackLatencies.push(t - record.tSend);
            const id = ack.message?.id ?? null;
            record.messageId = id;
            if (id) {
              const other = idToClientId.get(id);
              if (other && other !== clientId) idCollisions++;
              idToClientId.set(id, clientId);
            }
          },
        );
    };

    const start = now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((now() - start) * command.rate) / 1000) + 1);
        while (sent < due) sendOne(sent++);
        if (sent >= total) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    const sendEnd = now();

    // Drain: every send answered, and every acknowledged message at every other live member.
    const expectedFor = (s: Sent) => this.groups[s.groupIndex]!.filter((i) => i !== s.sender && this.conns[i]!.live).length;
    const settled = () => {
      for (const s of this.inFlight.values()) {
        if (s.state === 0) return false;
        if (s.state === 1 && s.receivedBy.size < expectedFor(s)) return false;
      }
      return true;
    };
    const drainDeadline = sendEnd + command.drainMs;
    while (!settled() && now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
    lag.disable();

    let lostMessages = 0;
    let missingDeliveries = 0;
    let expectedDeliveries = 0;
    const ackedClientIds: string[] = [];
    for (const s of this.inFlight.values()) {
      if (s.state !== 1) continue;
      ackedClientIds.push(s.clientId);
      const expected = this.groups[s.groupIndex]!.filter((i) => i !== s.sender && this.conns[i]!.live);
      expectedDeliveries += expected.length;
      const missing = expected.filter((i) => !s.receivedBy.has(i)).length;
      if (missing > 0) {
        lostMessages++;
        missingDeliveries += missing;
      }
    }
    const sendSeconds = Math.max(0.001, (sendEnd - start) / 1000);
    const result: ChatResult = {
      targetRate: command.rate,
      durationMs: round(sendEnd - start),
      sent,
      acked,
      ackErrors,
      ackTimeouts,
      ack: summarize(ackLatencies),
      delivery: summarize(this.deliveryLatencies),
      deliveries: this.deliveries,
      expectedDeliveries,
      deliveriesPerSec: round(this.deliveries / Math.max(sendSeconds, (this.lastDeliveryAt - start) / 1000), 1),
      achievedSendRate: round(sent / sendSeconds, 1),
      ackedPerSec: round(acked / Math.max(sendSeconds, (lastAck - start) / 1000), 1),
      lostMessages,
      missingDeliveries,
      duplicates: this.duplicates,
      misrouted: this.misrouted,
      idCollisions,
      disconnects: this.disconnects,
      clientLagP99Ms: round(lag.percentile(99) / 1e6),
      ackedClientIds,
    };
    // Late copies after the drain are not counted again; forget this step.
    this.inFlight = new Map();
    return result;
  }

  async disconnect(): Promise<void> {
    for (const conn of this.conns) {
      conn.closing = true;
      conn.socket.close();
    }
    this.conns = [];
    this.groups = [];
    await new Promise((r) => setTimeout(r, 50));
  }
}
