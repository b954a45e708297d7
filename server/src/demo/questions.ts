/**
 * Demo health questions: answered and open questions in the demo groups, made through the same
 * service functions the API uses (so counters, clinician flags and notifications are exactly what real
 * use leaves), then dated into the recent past. Some are pinned; several pinned ones still wait for a
 * clinician, so the demo clinician's queue is not empty; two are anonymous; clinician answers have
 * been accepted.
 */
import { and, eq, sql } from 'drizzle-orm';
import { answers, notifications, questions } from '../db/schema.js';
import type { Actor, Deps } from '../deps.js';
import { markHelpful, postAnswer } from '../modules/questions/answers.js';
import { acceptAnswer, askQuestion, setPinned } from '../modules/questions/service.js';
import { DEMO_GROUP_SLUGS, type DemoGroupIds, type DemoGroupKey } from './groups.js';
import type { DemoUserIds, DemoUserKey } from './users.js';

interface DemoAnswer {
  by: DemoUserKey;
  /** Hours before now. */
  at: number;
  text: string;
  helpful?: DemoUserKey[];
  accepted?: boolean;
}

interface DemoQuestion {
  group: DemoGroupKey;
  by: DemoUserKey;
  at: number;
  title: string;
  body: string;
  anonymous?: boolean;
  /** The moderator who pinned it for clinicians. */
  pinnedBy?: DemoUserKey;
  answers?: DemoAnswer[];
}

const DEMO_QUESTIONS: DemoQuestion[] = [
  {
    group: 'type1',
    by: 'tom',
    at: 140,
    title: 'How should I plan insulin around a long walk after lunch?',
    body: 'I dropped quite low two hours into a long walk last weekend, even though my lunch dose was the same as always. Is there a general way people plan for longer exercise, or is it trial and error?',
    pinnedBy: 'sofia',
    answers: [
      {
        by: 'maya',
        at: 138,
        text: 'Not a doctor, but I carry fast sugar and check every 30–45 minutes on long walks. Some of us reduce the meal dose before planned exercise — your team can tell you by how much.',
        helpful: ['tom', 'grace'],
      },
      {
        by: 'clinician',
        at: 120,
        text: 'Activity increases insulin sensitivity for hours, so a usual lunch dose can act more strongly. Many people agree a reduced pre-meal dose with their team for planned activity, check glucose before and during, and carry 15–20 g of fast-acting carbohydrate. Watch for delayed lows that night too. Please work out the exact adjustments with your diabetes team.',
        helpful: ['tom', 'maya', 'grace', 'ines'],
        accepted: true,
      },
    ],
  },
  {
    group: 'type1',
    by: 'ines',
    at: 96,
    anonymous: true,
    title: 'Is it normal to feel completely burnt out by diabetes after years?',
    body: 'I have had type 1 for 15 years and lately I just cannot face checking my numbers. I feel guilty and exhausted. Has anyone else been through this?',
    answers: [
      {
        by: 'grace',
        at: 94,
        text: 'Yes, and you are not alone. There is even a name for it: diabetes distress. Talking to my care team about it (and lowering my own expectations for a while) helped a lot.',
        helpful: ['maya', 'sofia'],
      },
      { by: 'maya', at: 90, text: 'Sending a hug. Small steps count — even one check a day is a step. 💙', helpful: ['grace'] },
    ],
  },
  {
    group: 'type1',
    by: 'grace',
    at: 20,
    title: 'My CGM and finger-prick readings differ by 2 mmol/L — which should I trust?',
    body: 'Since I started a new sensor yesterday, my CGM reads about 2 mmol/L higher than my meter. Should I dose from the meter until it settles?',
    pinnedBy: 'sofia',
    answers: [{ by: 'tom', at: 18, text: 'Mine is often off on day one of a new sensor and settles by day two.' }],
  },
  {
    group: 'type2',
    by: 'omar',
    at: 52,
    title: 'Dad was switched to extended-release metformin — does the timing change?',
    body: 'His doctor switched him from twice-daily metformin to the extended-release kind. Should he take it in the morning or the evening, and with food?',
    pinnedBy: 'maya',
  },
  {
    group: 'type2',
    by: 'liam',
    at: 30,
    title: 'Is it okay to eat fruit every day with type 2 diabetes?',
    body: 'Someone told me to cut out fruit completely. That seems extreme — what do others do?',
    answers: [
      { by: 'tom', at: 28, text: 'I still eat berries daily, with yogurt. Whole fruit with some protein works better for me than juice.', helpful: ['liam'] },
      { by: 'omar', at: 27, text: 'My father eats an apple a day; his dietitian said portion and timing matter more than cutting it out.' },
    ],
  },
  {
    group: 'type1Parents',
    by: 'liam',
    at: 36,
    title: 'Night-time lows after swimming lessons: what should we ask the team?',
    body: 'My daughter (8) goes low around 2 a.m. after her evening swimming lessons. We treat it, but I would like to prevent it. What should we ask her diabetes team?',
    pinnedBy: 'maya',
    answers: [{ by: 'maya', at: 34, text: 'We had the same with football. A bedtime snack plan from our team made a big difference.' }],
  },
  {
    group: 'asthma',
    by: 'liam',
    at: 160,
    title: 'Spacer for a three-year-old: mask or mouthpiece?',
    body: 'Our son was just prescribed a blue inhaler with a spacer. The pharmacy gave us one with a mask, but he hates it. Could he use the mouthpiece instead?',
    pinnedBy: 'nurse',
    answers: [
      {
        by: 'nurse',
        at: 150,
        text: 'At three, most children still need the mask to get a good seal; the mouthpiece usually works from around four or five, once they can seal their lips around it and breathe steadily. Making it a game (letting him “puff” a teddy first) helps a lot. Ask his nurse or pharmacist to check his technique at the next visit.',
        helpful: ['liam', 'ines', 'sofia'],
        accepted: true,
      },
    ],
  },
  {
    group: 'asthma',
    by: 'sofia',
    at: 44,
    title: 'Cold air sets off my asthma when I run — any tips?',
    body: 'Every winter my runs end with coughing and a tight chest. I would love to keep running outside. What has worked for others?',
    pinnedBy: 'nurse',
    answers: [{ by: 'ines', at: 40, text: 'A buff over my mouth and nose warms the air a lot. Also a longer warm-up indoors.' }],
  },
  {
    group: 'crohns',
    by: 'tom',
    at: 70,
    anonymous: true,
    title: 'Is deep fatigue between flares part of Crohn’s?',
    body: 'My gut is calm for now but I am exhausted all the time. Is that normal, or should I push for tests?',
    answers: [
      {
        by: 'sofia',
        at: 66,
        text: 'Very common in my experience. It is still worth asking for bloods — low iron and B12 were behind mine.',
        helpful: ['maya'],
      },
    ],
  },
  {
    group: 'migraine',
    by: 'grace',
    at: 110,
    title: 'Has anyone tried magnesium for migraine prevention?',
    body: 'My neurologist mentioned magnesium as an option. Curious about others’ experience before I start.',
    answers: [
      { by: 'sofia', at: 100, text: 'I take it nightly; fewer attacks after about two months, but it upset my stomach at first.', helpful: ['grace'] },
      { by: 'maya', at: 98, text: 'Did nothing for me sadly, but it is cheap and worth a try with your doctor’s OK.' },
    ],
  },
  {
    group: 'longCovid',
    by: 'omar',
    at: 8,
    title: 'Heart rate jumps when I stand up — what should I ask my doctor?',
    body: 'Since COVID in spring my heart rate goes from 70 to 120 when I stand. I have an appointment next week. What should I ask about?',
    pinnedBy: 'nurse',
  },
];

const HOUR_MS = 3_600_000;

/** Seeds the demo questions in order of time, so ids, counters and notifications tell a consistent story. */
export async function seedDemoQuestions(deps: Deps, users: DemoUserIds, groupIds: DemoGroupIds): Promise<void> {
  const actor = (key: DemoUserKey): Actor => ({ userId: users[key], sessionId: 'demo-seed', isAdmin: false });
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR_MS);

  for (const demo of DEMO_QUESTIONS) {
    const slug = DEMO_GROUP_SLUGS[demo.group];
    if (!groupIds[slug]) continue; // the groups seeder did not make this group
    const { question } = await askQuestion(actor(demo.by), slug, { title: demo.title, body: demo.body, anonymous: demo.anonymous ?? false }, deps);
    await deps.db.update(questions).set({ createdAt: at(demo.at) }).where(eq(questions.id, question.id));
    if (demo.pinnedBy) {
      await setPinned(actor(demo.pinnedBy), question.id, true, deps);
      await deps.db.update(questions).set({ pinnedAt: at(demo.at - 1) }).where(eq(questions.id, question.id));
    }
    for (const reply of demo.answers ?? []) {
      const { answer } = await postAnswer(actor(reply.by), question.id, { body: reply.text }, deps);
      await deps.db.update(answers).set({ createdAt: at(reply.at) }).where(eq(answers.id, answer.id));
      for (const voter of reply.helpful ?? []) await markHelpful(actor(voter), answer.id, deps);
      if (reply.accepted) await acceptAnswer(actor(demo.by), question.id, answer.id, deps);
      // Notifications about this answer happened when it did; those older than a day were read.
      await deps.db
        .update(notifications)
        .set({
          createdAt: at(reply.at - (reply.accepted ? 1 : 0)),
          readAt: reply.at > 24 ? at(reply.at - 2) : null,
        })
        .where(and(sql`${notifications.data}->>'answerId' = ${answer.id}`, sql`${notifications.type} in ('answer', 'accepted')`));
    }
  }
}
