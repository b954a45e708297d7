/**
 * History pages stay one short range scan of messages(group_id, id) whatever the statistics say.
 * The trap (issue 6): a group goes quiet, other groups write thousands of newer messages, and with
 * statistics from before them PostgreSQL may walk the primary key backwards from the newest id,
 * filtering out every message of the other groups to find the quiet group's latest page.
 */
import type { Group } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyStatement, type PageDirection } from '../../server/src/modules/messages/history.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { history } from '../helpers/chat.js';
import { createGroup, registerUser, type TestUser } from '../helpers/factories.js';

let t: TestApp;
let owner: TestUser;
let quiet: Group;
let quietIds: string[];

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t);
  quiet = await createGroup(t, owner);
  const busy = await createGroup(t, owner);
  const db = t.app.deps.db;
  const insert = (group: Group, prefix: string, count: number) =>
    db.execute(sql`insert into messages (group_id, author_id, client_id, body)
                   select ${group.id}::uuid, ${owner.user.id}::uuid, ${prefix} || n, 'message ' || n from generate_series(1, ${count}::int) n`);
  await insert(quiet, 'quiet-', 400);
  await db.execute(sql`analyze messages`);
  // Newer than every quiet message, and not in the statistics.
  await insert(busy, 'busy-', 4000);
  const rows = (await db.execute(sql`select id::text as id from messages where group_id = ${quiet.id}::uuid order by id`)) as unknown as {
    rows: Array<{ id: string }>;
  };
  quietIds = rows.rows.map((r) => r.id);
});
afterAll(() => t?.close());

interface PlanNode {
  'Node Type': string;
  'Subplan Name'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap((child) => nodes(child))];
}

describe('history plan', () => {
  it.each<[PageDirection, number | null]>([
    ['latest', null],
    ['before', 300],
    ['after', 100],
  ])('the %s page reads the (group_id, id) index, never the primary key', async (direction, cursorIndex) => {
    const cursor = cursorIndex === null ? '0' : quietIds[cursorIndex]!;
    const [explained] = (await t.app.deps.db.transaction(async (tx) => {
      // Only index plans are left, so the choice is the trap's: the primary key or the group's range.
      await tx.execute(sql`set local enable_seqscan = off`);
      return historyStatement({ direction, take: 51 }).explain(tx, { slug: quiet.slug, viewerId: owner.user.id, cursor });
    })) as Array<{ Plan: PlanNode }>;
    const page = nodes(explained!.Plan).find((n) => n['Subplan Name'] === 'CTE page');
    expect(page, 'the page is its own CTE').toBeDefined();
    const scans = nodes(page!).filter((n) => n['Relation Name'] === 'messages');
    expect(scans.map((n) => [n['Node Type'], n['Index Name']])).toEqual([[expect.stringMatching(/^Index Scan/), 'messages_group_id_idx']]);
  });

  it('reads the authors’ affiliations once per page through their partial index, never a scan of the staff', async () => {
    const [explained] = (await t.app.deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return historyStatement({ direction: 'latest', take: 51 }).explain(tx, { slug: quiet.slug, viewerId: owner.user.id, cursor: '0' });
    })) as Array<{ Plan: PlanNode }>;
    const affiliations = nodes(explained!.Plan).find((n) => n['Subplan Name'] === 'CTE affiliations');
    expect(affiliations, 'the affiliations are their own CTE, computed once for the page').toBeDefined();
    const inside = nodes(affiliations!);
    const staffScans = inside.filter((n) => n['Relation Name'] === 'organization_staff');
    expect(staffScans.map((n) => n['Node Type'])).toEqual([expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/)]);
    // An index scan names its index; a bitmap heap scan reads it through its Bitmap Index Scan child.
    expect(inside.map((n) => n['Index Name']).filter(Boolean)).toContain('organization_staff_affiliation_idx');
  });

  it('serves the quiet group its own pages', async () => {
    const latest = await history(t, owner, quiet, { limit: 50 });
    expect(latest.items.map((m) => m.id)).toEqual(quietIds.slice(-50));
    expect(latest.hasMore).toBe(true);
    const before = await history(t, owner, quiet, { before: quietIds[300]!, limit: 50 });
    expect(before.items.map((m) => m.id)).toEqual(quietIds.slice(250, 300));
    const after = await history(t, owner, quiet, { after: quietIds[100]!, limit: 50 });
    expect(after.items.map((m) => m.id)).toEqual(quietIds.slice(101, 151));
  });
});
