/**
 * Demo chat: a believable recent conversation in each demo group (replies, @mentions, reactions),
 * spread over the last week, written straight into the tables in time order so that ids ascend with
 * time as real sends would leave them. Mentions are resolved with the same code as live sends, the
 * mention and reply notifications exist (older ones already read), and read markers leave a few
 * messages unread so "My groups" shows real unread counts.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { groups, memberships, messageReactions, messages, notifications, users } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { resolveMentions } from '../modules/messages/mentions.js';
import { excerpt } from '../modules/messages/shaping.js';
import { DEMO_GROUP_SLUGS, type DemoGroupIds, type DemoGroupKey } from './groups.js';
import type { DemoUserIds, DemoUserKey } from './users.js';

type Emoji = '❤️' | '🙏' | '👍' | '🤗' | '💪' | '🌟';

interface Line {
  /** Hours before now. */
  at: number;
  by: DemoUserKey;
  text: string;
  /** Index (in this conversation) of the line this one replies to. */
  re?: number;
  react?: Array<[DemoUserKey, Emoji]>;
}

const CONVERSATIONS: Partial<Record<DemoGroupKey, Line[]>> = {
  type1: [
    { at: 101, by: 'maya', text: 'Morning all ☀️ My CGM woke me three times last night with lows that weren’t real. Anyone else get compression lows when they sleep on the sensor arm?' },
    { at: 100.5, by: 'grace', re: 0, text: 'All the time! I moved my sensor to the arm I don’t sleep on and it made a huge difference.', react: [['maya', '🙏'], ['ines', '👍']] },
    { at: 100, by: 'ines', text: 'Same here. I also put an over-patch on it, it seems to shift less at night.' },
    { at: 99.5, by: 'maya', text: '@Grace Mensah trying the other arm tonight, thank you!' },
    { at: 76, by: 'tom', text: 'Question from the newbie: how do you all handle exercise? I went for a long walk yesterday and dropped much lower than I expected.' },
    { at: 75.5, by: 'sofia', re: 4, text: 'Welcome Tom! Walks get me too. I keep glucose tabs in every jacket pocket now, and it’s worth asking your care team about planning for longer walks.', react: [['tom', '🙏']] },
    { at: 74, by: 'clinician', text: 'Good advice from Sofía. @Tom Becker activity can keep lowering glucose for hours afterwards, sometimes into the night. Bring it up with your diabetes team so they can help you plan doses and snacks around exercise.', react: [['tom', '❤️'], ['maya', '👍'], ['sofia', '🌟']] },
    { at: 73, by: 'tom', re: 6, text: 'Thank you, I have an appointment next week and I’ll ask about it.' },
    { at: 50, by: 'ines', text: 'Small win: my first week above 70% time in range since the new pump settings 🎉', react: [['maya', '💪'], ['grace', '❤️'], ['sofia', '🌟'], ['tom', '💪']] },
    { at: 49, by: 'grace', re: 8, text: 'That’s brilliant, Inès! All that patience paid off.' },
    { at: 26, by: 'maya', text: 'Does anyone have a good routine for sick days? I caught a cold and my numbers are all over the place.' },
    { at: 25, by: 'sofia', re: 10, text: 'Sick days are the worst. I check more often, keep drinking water and follow the sick-day plan my clinic gave me. If you don’t have one, it’s worth asking for.', react: [['maya', '🙏']] },
    { at: 24, by: 'clinician', text: 'Seconding a written sick-day plan. And please contact your care team if you can’t keep fluids down or if you see ketones.', react: [['maya', '🙏'], ['ines', '👍']] },
    { at: 3, by: 'maya', text: 'Feeling much better today, thanks everyone. This group is the best 💙', react: [['grace', '🤗'], ['ines', '❤️']] },
    { at: 2.5, by: 'tom', text: 'Glad to hear it @Maya Patel!' },
  ],
  type2: [
    { at: 120, by: 'tom', text: 'Three months since my diagnosis. The metformin tummy trouble is finally settling down. Did it take long for anyone else?' },
    { at: 119, by: 'maya', re: 0, text: 'For lots of people it eases after a few weeks. The extended-release version was gentler for my dad, might be worth asking your doctor about.', react: [['tom', '🙏']] },
    { at: 118, by: 'omar', text: 'My father had the same. Taking it with food helped him a lot.' },
    { at: 74, by: 'liam', text: 'Anyone have breakfast ideas that aren’t eggs every single day? 😅' },
    { at: 73.5, by: 'tom', re: 3, text: 'Greek yogurt with berries and a handful of nuts is my go-to.', react: [['liam', '👍'], ['maya', '👍']] },
    { at: 73, by: 'omar', text: 'Overnight oats with chia seeds. Ready when you wake up, and my father loves them.' },
    { at: 72, by: 'liam', text: '@Tom Becker @Omar Haddad both on the shopping list, thanks!' },
    { at: 30, by: 'clinician', text: 'Lovely ideas here. Everyone’s response to foods differs, so checking your glucose after trying a new breakfast can show what works for you.', react: [['tom', '🌟'], ['liam', '👍']] },
    { at: 6, by: 'tom', text: 'Walked 5 km today without stopping. Six weeks ago I could barely do one. Slowly getting there.', react: [['maya', '💪'], ['omar', '💪'], ['liam', '❤️'], ['clinician', '🌟']] },
  ],
  type1Parents: [
    { at: 70, by: 'liam', text: 'School trip next week and I’m nervous about her CGM alerts. How do other parents handle trips?' },
    { at: 69, by: 'maya', re: 0, text: 'A one-page care plan for the teachers, remote following on your phone, and a spare kit in her bag. You’ve got this.', react: [['liam', '🙏']] },
    { at: 44, by: 'clinician', text: 'A written plan agreed with her diabetes team and the school is a great idea. Many teams have templates for trips, so ask yours.', react: [['liam', '👍'], ['maya', '👍']] },
    { at: 5, by: 'liam', text: 'Update: the trip went fine! One low, handled by her teacher exactly as planned. @Maya Patel thank you for the care plan idea.', react: [['maya', '🤗'], ['clinician', '🌟']] },
  ],
  asthma: [
    { at: 98, by: 'liam', text: 'Pollen season has started and I’m reaching for my inhaler twice as often this week. How do you all cope?' },
    { at: 97, by: 'ines', re: 0, text: 'I shower and change clothes as soon as I’m home, and keep the windows shut on high pollen days.', react: [['liam', '👍']] },
    { at: 95, by: 'nurse', text: '@Liam Chen needing your reliever more often than usual is a sign to book a review with your GP or asthma nurse. Your action plan may need adjusting for the season.', react: [['liam', '🙏'], ['sofia', '👍']] },
    { at: 94, by: 'liam', re: 2, text: 'Booked for Thursday. Thanks Jordan.' },
    { at: 47, by: 'sofia', text: 'Does anyone else find cold morning air a trigger? My runs are getting harder.' },
    { at: 46, by: 'tom', re: 4, text: 'A scarf over my mouth and nose helps me a lot in winter.' },
    { at: 45, by: 'nurse', text: 'Warming up gradually indoors first can help too. And have your inhaler technique checked at your next review, it makes a bigger difference than people expect.', react: [['sofia', '🙏'], ['tom', '👍']] },
    { at: 5, by: 'liam', text: 'Review went well, new preventer plan. My toddler hid my spacer in the toy box this morning though 😂', react: [['ines', '🤗'], ['sofia', '❤️'], ['tom', '🤗']] },
  ],
  crohns: [
    { at: 140, by: 'sofia', text: 'Twelve years in and flares still catch me off guard. I started a food and symptom diary this month. Anyone else track things?' },
    { at: 139, by: 'maya', text: 'I use a simple app for it. Seeing patterns over weeks helped me more than looking day to day.' },
    { at: 138, by: 'grace', re: 0, text: 'Paper notebook here! I also note sleep and stress, both seem to matter for me.', react: [['sofia', '👍']] },
    { at: 71, by: 'tom', text: 'My brother was just diagnosed with Crohn’s. Any advice on how I can support him?' },
    { at: 70, by: 'sofia', re: 3, text: 'That’s kind of you to ask. Believe him when he says he’s exhausted, and never make a fuss about bathroom stops. Just being there matters most.', react: [['tom', '🙏'], ['grace', '❤️'], ['maya', '❤️']] },
    { at: 69, by: 'grace', text: '@Tom Becker he’s welcome to join us here too, whenever he feels ready.' },
    { at: 8, by: 'sofia', text: 'Infusion day today. Bringing a good book and a big scarf 📚', react: [['grace', '💪'], ['maya', '🤗']] },
  ],
  ms: [
    { at: 118, by: 'grace', text: 'Fatigue has been heavy this week. I’ve started pacing my garden work in 20-minute blocks.' },
    { at: 117, by: 'ines', re: 0, text: 'Pacing changed everything for me with migraines too. Do you use timers?' },
    { at: 116, by: 'grace', re: 1, text: 'Yes, a kitchen timer by the back door. Feels silly, but it works!', react: [['ines', '👍']] },
    { at: 52, by: 'omar', text: 'My sister has MS and asked me how people here manage heat sensitivity in summer.' },
    { at: 51, by: 'sofia', re: 3, text: 'Cooling vests, cold drinks and planning outings for the mornings. Tell her she’s very welcome here.', react: [['omar', '🙏']] },
    { at: 10, by: 'grace', text: 'Garden update: the tomatoes are in 🍅 Took three days of short sessions, but I did it.', react: [['sofia', '💪'], ['ines', '🌟'], ['omar', '❤️']] },
  ],
  dementia: [
    { at: 50, by: 'omar', text: 'Dad asked for my mother again today. I never know whether to remind him or just go along with it.' },
    { at: 49, by: 'grace', re: 0, text: 'Many caregivers find gentle redirection kinder than correcting. Ask him to tell you about her. That advice helped me most with my aunt.', react: [['omar', '❤️'], ['maya', '🤗']] },
    { at: 48, by: 'maya', text: 'Thinking of you @Omar Haddad. Please look after yourself too.' },
    { at: 7, by: 'omar', text: 'I tried it this morning. He told me about their first dance for twenty minutes and smiled the whole time.', react: [['grace', '❤️'], ['maya', '❤️']] },
  ],
  anxiety: [
    { at: 28, by: 'sofia', text: 'Big presentation tomorrow. Box breathing on repeat.' },
    { at: 27.5, by: 'ines', re: 0, text: 'You’ve prepared, you know this. Four in, hold four, four out 💙', react: [['sofia', '🙏']] },
    { at: 27, by: 'liam', text: 'Good luck @Sofía Ramírez!' },
    { at: 4, by: 'sofia', text: 'It went fine! My hands shook a bit but nobody noticed.', react: [['ines', '🌟'], ['liam', '💪'], ['maya', '❤️']] },
  ],
  depression: [
    { at: 46, by: 'tom', text: 'Small step today: went outside for ten minutes.' },
    { at: 45, by: 'omar', re: 0, text: 'That counts. Well done, Tom.', react: [['tom', '🙏'], ['ines', '❤️']] },
    { at: 44, by: 'ines', text: 'Small steps add up. Proud of you.' },
    { at: 9, by: 'tom', text: 'Twenty minutes today, and I called my sister. 🌱', react: [['omar', '💪'], ['ines', '🌟']] },
  ],
  longCovid: [
    { at: 96, by: 'omar', text: 'Eight months on and brain fog is still my biggest problem. Lists everywhere.' },
    { at: 95, by: 'liam', re: 0, text: 'Same. I do the hard tasks in the morning now, when my head is clearest.' },
    { at: 93, by: 'nurse', text: 'Planning around your best hours is really sensible. If symptoms change or get worse, keep your GP in the loop; some areas now have dedicated long COVID clinics.', react: [['omar', '🙏'], ['grace', '👍']] },
    { at: 22, by: 'grace', text: 'Managed a whole afternoon out with friends without crashing the next day. First time since autumn.', react: [['omar', '💪'], ['liam', '🌟'], ['nurse', '❤️']] },
    { at: 21, by: 'omar', text: '@Grace Mensah that’s wonderful news!' },
  ],
  migraine: [
    { at: 75, by: 'ines', text: 'Weather-change migraine today. Dark room, cold pack, and this group on the lowest brightness 🙃' },
    { at: 74, by: 'maya', re: 0, text: 'Sending gentle thoughts. Hope it passes quickly.', react: [['ines', '🤗']] },
    { at: 73, by: 'sofia', text: 'Pressure-change migraines are the worst. I use a weather app that warns me now, so I can prepare.' },
    { at: 26, by: 'ines', re: 2, text: '@Sofía Ramírez which app? That sounds really useful.' },
    { at: 25, by: 'sofia', re: 3, text: 'Any app with a pressure graph works, nothing fancy! I look at it with my morning coffee.', react: [['ines', '👍'], ['grace', '👍']] },
  ],
  endometriosis: [
    { at: 52, by: 'maya', text: 'Finally got a diagnosis after seven years. Relieved and angry at the same time.' },
    { at: 51, by: 'sofia', re: 0, text: 'Both feelings are completely valid. Welcome, you’re not alone here.', react: [['maya', '❤️'], ['ines', '❤️'], ['grace', '🤗']] },
    { at: 50, by: 'ines', text: 'Heat pads and a good pelvic physio have helped me most. Happy to share more if it’s useful.' },
  ],
  heartFailure: [
    { at: 72, by: 'omar', text: 'My uncle came home from hospital yesterday. We’re learning about daily weights and fluid limits. It’s a lot.' },
    { at: 71, by: 'tom', re: 0, text: 'It gets easier once it’s routine. A notebook by the scales helped us.', react: [['omar', '🙏']] },
    { at: 12, by: 'omar', text: 'One week in and we have a routine. Thank you for the notebook tip @Tom Becker.', react: [['tom', '🤗']] },
  ],
};

const HOUR_MS = 3_600_000;

export async function seedDemoConversations(deps: Deps, userIds: DemoUserIds, groupIds: DemoGroupIds): Promise<void> {
  const now = Date.now();
  for (const [key, lines] of Object.entries(CONVERSATIONS) as Array<[DemoGroupKey, Line[]]>) {
    const slug = DEMO_GROUP_SLUGS[key];
    const groupId = groupIds[slug];
    if (!groupId) continue;
    const members = await deps.db
      .select({ id: users.id, displayName: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'active')));
    const memberIds = new Set(members.map((m) => m.id));
    const nameOf = new Map(members.map((m) => [m.id, m.displayName]));
    const [group] = await deps.db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId));

    await deps.db.transaction(async (tx) => {
      const ids: number[] = [];
      const authors: string[] = [];
      for (const [i, line] of lines.entries()) {
        const authorId = userIds[line.by];
        // A script line by someone who is not (or no longer) in the group would not be believable.
        if (!memberIds.has(authorId)) throw new Error(`demo conversation ${key}: ${line.by} is not a member`);
        const createdAt = new Date(now - line.at * HOUR_MS);
        const replyToId = line.re === undefined ? null : ids[line.re]!;
        const mentions = resolveMentions(line.text, members);
        const [row] = await tx
          .insert(messages)
          .values({ groupId, authorId, clientId: `demo-${key}-${i}`, body: line.text, replyToId, mentions, createdAt })
          .returning({ id: messages.id });
        ids.push(row!.id);
        authors.push(authorId);

        for (const [j, [who, emoji]] of (line.react ?? []).entries()) {
          if (!memberIds.has(userIds[who])) continue;
          await tx
            .insert(messageReactions)
            .values({ messageId: row!.id, userId: userIds[who], emoji, createdAt: new Date(createdAt.getTime() + (j + 1) * 7 * 60_000) })
            .onConflictDoNothing();
        }

        const parentAuthor = line.re === undefined ? null : authors[line.re]!;
        const recipients = [
          ...(parentAuthor && parentAuthor !== authorId ? [{ userId: parentAuthor, type: 'reply' as const }] : []),
          ...mentions.filter((id) => id !== authorId && id !== parentAuthor).map((userId) => ({ userId, type: 'mention' as const })),
        ];
        if (recipients.length > 0) {
          // Older notifications were seen long ago; the last day's are still new.
          const readAt = line.at > 24 ? new Date(createdAt.getTime() + HOUR_MS) : null;
          await tx.insert(notifications).values(
            recipients.map((r) => ({
              userId: r.userId,
              type: r.type,
              readAt,
              createdAt,
              data: {
                groupId,
                groupSlug: slug,
                groupName: group?.name ?? slug,
                messageId: String(row!.id),
                by: { id: authorId, displayName: nameOf.get(authorId) ?? '' },
                excerpt: excerpt(line.text),
              },
            })),
          );
        }
      }

      const lastAt = new Date(now - lines[lines.length - 1]!.at * HOUR_MS);
      await tx.update(groups).set({ lastMessageAt: lastAt }).where(eq(groups.id, groupId));
      // Read markers: most members are a message or two behind, so unread counts show.
      for (const [i, member] of members.entries()) {
        const behind = i % 3;
        const marker = ids[Math.max(0, ids.length - 1 - behind)]!;
        await tx
          .update(memberships)
          .set({ lastReadMessageId: marker })
          .where(and(eq(memberships.groupId, groupId), inArray(memberships.userId, [member.id])));
      }
    });
  }
}
