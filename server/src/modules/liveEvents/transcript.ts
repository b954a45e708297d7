/**
 * The transcript of a live event: the group's messages sent while it was live, read from the group's
 * history between the two message-id bounds taken at its start and end (see lifecycle.ts). While it
 * is live the upper bound is open; before it starts, or when it never started, the transcript is empty.
 */
import type { TranscriptList, TranscriptQuery } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../deps.js';
import { messageColumns, rowsOf, type MessageRow } from '../messages/rows.js';
import { shapeMessages } from '../messages/shaping.js';
import { loadReadableEvent } from './service.js';

/**
 * A page of an event's transcript, oldest first, as the same Messages history shows (deleted ones
 * keep their place as tombstones, hosts' messages carry `eventHost`). Readers of the group
 * (NOT_A_MEMBER for outsiders of a private group, NOT_FOUND).
 */
export async function getTranscript(actor: Actor, eventId: string, query: TranscriptQuery, deps: Deps): Promise<TranscriptList> {
  const { event } = await loadReadableEvent(deps.db, actor, eventId);
  if (event.transcriptAfterId === null) return { items: [], nextCursor: null };
  const from = query.cursor && BigInt(query.cursor) > BigInt(event.transcriptAfterId) ? query.cursor : event.transcriptAfterId;
  const rows = await rowsOf<MessageRow>(
    deps.db,
    // `group_id = any(array[...])` keeps the (group_id, id) index range scan, as history.ts explains.
    sql`select ${messageColumns} from messages m
        where m.group_id = any(array[${event.groupId}::uuid]) and m.id > ${from}::bigint
          ${event.transcriptUntilId === null ? sql`` : sql`and m.id <= ${event.transcriptUntilId}::bigint`}
        order by m.group_id, m.id
        limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: await shapeMessages(deps.db, event.groupId, page, actor.userId),
    nextCursor: rows.length > query.limit && page.length > 0 ? page[page.length - 1]!.id : null,
  };
}
