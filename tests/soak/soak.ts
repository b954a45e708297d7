/**
 * `npm run soak`: SOAK_MINUTES (default 10) of mixed traffic on two nodes behind nginx, the world of the
 * fault suites (private PostgreSQL and Redis, tests/faults/helpers): chat senders on both nodes, readers
 * on both, history reads, questions, joins and leaves, and a reader that drops its transport every
 * 20 s. At the end: 0 errors, every acknowledged message stored exactly once and held by every reader
 * after catch-up, and each node's RSS and open file descriptors within the stated bounds (growth from
 * the first minute's reading to the end: RSS ≤ SOAK_RSS_GROWTH_MB, default 64; descriptors ≤ 50).
 * Prints the figures as JSON; exits 1 on any failure. Not part of `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ClusterClient, ClusterSocket, ClusterUser } from '../helpers/cluster.js';
import { ack, history, makeGroup, reader, sender, sleep, startFaultWorld, type Reader, type Sender } from '../faults/helpers/world.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const rssGrowthBoundMb = Number(process.env.SOAK_RSS_GROWTH_MB ?? 64);
const fdGrowthBound = 50;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}
const openFds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

async function main() {
  const world = await startFaultWorld();
  const errors: string[] = [];
  const sockets: ClusterSocket[] = [];
  let ok = false;
  try {
    const onA = await world.cluster.clientOn('a');
    const onB = await world.cluster.clientOn('b');
    const owner = await onA.register({ displayName: 'Soak Owner' });
    const member = await onB.register({ displayName: 'Soak Member' });
    const visitor = await onB.register({ displayName: 'Soak Visitor' });
    const { slug } = await makeGroup(onA, owner, [{ client: onB, user: member }]);
    const open = async (client: ClusterClient, user: ClusterUser) => {
      const s = await client.socket(user.token);
      sockets.push(s);
      const joined = await ack(s, 'group:join', { slug });
      if (!joined.ok) throw new Error(`join: ${JSON.stringify(joined)}`);
      return s;
    };
    const readers: Reader[] = [reader(onA, owner, await open(onA, owner), slug), reader(onB, member, await open(onB, member), slug)];
    const dropper = await open(onB, member);
    readers.push(reader(onB, member, dropper, slug));
    const senders: Sender[] = [sender(await open(onA, owner), slug, 'soak A', 250), sender(await open(onB, member), slug, 'soak B', 250)];

    let stop = false;
    let reads = 0;
    let questions = 0;
    let joins = 0;
    let drops = 0;
    const mixed = (async () => {
      for (let i = 0; !stop; i++) {
        const h = await onA.api('GET', `/api/groups/${slug}/messages?limit=50`, { token: owner.token });
        if (h.status !== 200) errors.push(`history ${h.status}`);
        reads++;
        if (i % 5 === 0) {
          const q = await onB.api('POST', `/api/groups/${slug}/questions`, { token: member.token, body: { title: `Soak question ${i}`, body: 'How do others manage this during long days?' } });
          if (q.status !== 201) errors.push(`question ${q.status} ${JSON.stringify(q.body)}`);
          else questions++;
          const list = await onA.api('GET', `/api/groups/${slug}/questions`, { token: owner.token });
          if (list.status !== 200) errors.push(`questions ${list.status}`);
        }
        if (i % 3 === 0) {
          const j = await onB.api('POST', `/api/groups/${slug}/join`, { token: visitor.token });
          const l = await onB.api('POST', `/api/groups/${slug}/leave`, { token: visitor.token });
          if (j.status !== 200 || l.status !== 204) errors.push(`join/leave ${j.status}/${l.status}`);
          else joins++;
        }
        if (i % 40 === 39) {
          dropper.io.engine.close();
          drops++;
        }
        await sleep(500);
      }
    })();

    const samples: Array<{ at: number; node: string; rssMb: number; fds: number }> = [];
    const sample = () => {
      for (const n of world.cluster.nodes) samples.push({ at: Date.now(), node: n.name, rssMb: rssMb(n.pid!), fds: openFds(n.pid!) });
    };
    const started = Date.now();
    await sleep(60_000);
    sample();
    const baseline = samples.slice();
    while (Date.now() - started < minutes * 60_000) {
      await sleep(30_000);
      sample();
    }
    stop = true;
    await mixed;
    for (const s of senders) await s.stop();
    await sleep(1_000);
    for (const r of readers) await r.caughtUp();
    for (const r of readers) await r.catchUp();

    const stored = await history(onA, owner.token, slug);
    const byClientId = new Map<string, number>();
    for (const m of stored) byClientId.set(m.clientId, (byClientId.get(m.clientId) ?? 0) + 1);
    const duplicates = [...byClientId.values()].filter((n) => n > 1).length;
    let lost = 0;
    let acked = 0;
    for (const s of senders)
      for (const [clientId, id] of s.acked) {
        acked++;
        if (byClientId.get(clientId) !== 1 || !stored.some((m) => m.id === id)) lost++;
      }
    const missingInViews = readers.map((r) => stored.filter((m) => !r.seen.has(m.id)).length);
    const last = samples.slice(-world.cluster.nodes.length);
    const growth = world.cluster.nodes.map((n) => {
      const b = baseline.find((s) => s.node === n.name)!;
      const l = last.find((s) => s.node === n.name)!;
      return { node: n.name, rssStartMb: +b.rssMb.toFixed(1), rssEndMb: +l.rssMb.toFixed(1), rssMaxMb: +Math.max(...samples.filter((s) => s.node === n.name).map((s) => s.rssMb)).toFixed(1), fdsStart: b.fds, fdsEnd: l.fds };
    });
    const sendFailures = senders.reduce((n, s) => n + s.failures, 0);
    if (sendFailures > 0) errors.push(`${sendFailures} send attempts failed`);
    const figures = {
      minutes,
      acked,
      stored: stored.length,
      lost,
      duplicates,
      missingInViews,
      reads,
      questions,
      joinLeaveCycles: joins,
      transportDrops: drops,
      readerReconnections: readers.map((r) => r.reconnections),
      errors: errors.slice(0, 20),
      errorCount: errors.length,
      nodes: growth,
      bounds: { rssGrowthMb: rssGrowthBoundMb, fdGrowth: fdGrowthBound },
    };
    console.log(JSON.stringify(figures, null, 2));
    ok =
      errors.length === 0 &&
      lost === 0 &&
      duplicates === 0 &&
      missingInViews.every((n) => n === 0) &&
      growth.every((g) => g.rssEndMb - g.rssStartMb <= rssGrowthBoundMb && g.fdsEnd - g.fdsStart <= fdGrowthBound);
  } finally {
    for (const s of sockets) s.disconnect();
    await world.close();
  }
  console.log(ok ? 'soak: passed' : 'soak: FAILED');
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
