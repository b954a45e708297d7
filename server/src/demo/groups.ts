/**
 * Demo groups: a dozen believable circles across conditions, public and private, with owners,
 * moderators, members and a few pending requests, made through the same service functions the API
 * uses (so member counts, owners and notifications are exactly what real use would leave).
 * The conversations and questions seeders find the groups through DEMO_GROUP_SLUGS.
 */
import { and, eq, sql } from 'drizzle-orm';
import { groups, memberships } from '../db/schema.js';
import type { Actor, Deps } from '../deps.js';
import { joinGroup, setMemberRole } from '../modules/groups/membership.js';
import { approveJoinRequest } from '../modules/groups/requests.js';
import { createGroup } from '../modules/groups/service.js';
import type { DemoUserIds, DemoUserKey } from './users.js';

/** Demo groups by slug → id. */
export type DemoGroupIds = Record<string, string>;

/** The demo groups' slugs, by a short name other seeders can use: `groupIds[DEMO_GROUP_SLUGS.type1]`. */
export const DEMO_GROUP_SLUGS = {
  type1: 'type-1-diabetes-circle',
  type2: 'type-2-diabetes-support',
  type1Parents: 'parents-of-kids-with-type-1',
  asthma: 'asthma-support-circle',
  crohns: 'crohns-and-colitis-companions',
  ms: 'living-with-ms',
  dementia: 'dementia-caregivers-circle',
  anxiety: 'anxiety-safe-space',
  depression: 'depression-small-steps',
  longCovid: 'long-covid-recovery',
  migraine: 'migraine-warriors',
  endometriosis: 'endometriosis-support-network',
  heartFailure: 'heart-failure-family-and-friends',
} as const;
export type DemoGroupKey = keyof typeof DEMO_GROUP_SLUGS;
export type DemoGroupSlug = (typeof DEMO_GROUP_SLUGS)[DemoGroupKey];

const COMMON_RULES = [
  'Be kind. Everyone here is carrying something.',
  'Share experience, not prescriptions: talk to your own care team before changing treatment.',
  'Keep personal details (phone numbers, addresses, record numbers) out of posts.',
  'No selling, no miracle cures, no recruiting for studies without a moderator’s OK.',
];
const rules = (...extra: string[]) => [...COMMON_RULES, ...extra].map((r, i) => `${i + 1}. ${r}`).join('\n');

interface DemoGroup {
  key: DemoGroupKey;
  name: string;
  conditionSlug: string;
  visibility: 'public' | 'private';
  description: string;
  rules: string;
  owner: DemoUserKey;
  moderators: DemoUserKey[];
  members: DemoUserKey[];
  pending?: DemoUserKey[];
  /** How long ago the group started, for believable dates. */
  ageDays: number;
}

const DEMO_GROUPS: DemoGroup[] = [
  {
    key: 'type1',
    name: 'Type 1 Diabetes Circle',
    conditionSlug: 'type-1-diabetes',
    visibility: 'public',
    description:
      'Adults living with type 1 diabetes swapping what actually works: insulin pumps and pens, CGM alarms at 3 a.m., carb counting, exercise lows, sick days and the emotional side of a condition that never takes a day off. Newly diagnosed or 30 years in, you are welcome.',
    rules: rules('Numbers are personal: no judging anyone’s A1c or time in range.'),
    owner: 'maya',
    moderators: ['sofia'],
    members: ['clinician', 'tom', 'grace', 'ines'],
    ageDays: 412,
  },
  {
    key: 'type2',
    name: 'Type 2 Diabetes Support',
    conditionSlug: 'type-2-diabetes',
    visibility: 'public',
    description:
      'For anyone managing type 2 diabetes: new diagnoses, metformin side effects, starting insulin or GLP-1 medicines, meal ideas that don’t feel like punishment, walking groups and the ups and downs of blood sugar. Partners and family welcome too.',
    rules: rules('Diet debates stay friendly: what works for one body may not work for another.'),
    owner: 'tom',
    moderators: ['maya'],
    members: ['clinician', 'omar', 'liam'],
    ageDays: 298,
  },
  {
    key: 'type1Parents',
    name: 'Parents of Kids with Type 1',
    conditionSlug: 'type-1-diabetes',
    visibility: 'private',
    description:
      'A private room for parents and carers of children with type 1 diabetes: school plans, night checks, birthday-party carbs, teenagers and independence, and the exhaustion nobody else quite understands.',
    rules: rules('Never post photos or names of children.'),
    owner: 'liam',
    moderators: ['maya'],
    members: ['clinician'],
    pending: ['omar'],
    ageDays: 187,
  },
  {
    key: 'asthma',
    name: 'Asthma Support Circle',
    conditionSlug: 'asthma',
    visibility: 'public',
    description:
      'Living well with asthma at any age: inhaler technique, spacers for little ones, peak flow diaries, triggers like pollen, smoke and cold air, action plans and getting back to running. A respiratory nurse drops in regularly.',
    rules: rules('If you are struggling to breathe right now, call your local emergency number first.'),
    owner: 'liam',
    moderators: ['nurse'],
    members: ['ines', 'sofia', 'tom'],
    ageDays: 356,
  },
  {
    key: 'crohns',
    name: 'Crohn’s and Colitis Companions',
    conditionSlug: 'crohns-disease',
    visibility: 'public',
    description:
      'Crohn’s disease and ulcerative colitis, honestly: flares, biologics and infusions, ostomies, fatigue, food diaries, travelling with IBD and telling your boss. Laughter about bathroom maps encouraged.',
    rules: rules('Photos of surgical sites only behind a content warning.'),
    owner: 'sofia',
    moderators: ['grace'],
    members: ['tom', 'maya'],
    ageDays: 521,
  },
  {
    key: 'ms',
    name: 'Living with MS',
    conditionSlug: 'multiple-sclerosis',
    visibility: 'public',
    description:
      'Multiple sclerosis from diagnosis onwards: relapses, MRI results, disease-modifying therapies, fatigue and heat, mobility aids, work and family. Gardeners, walkers and wheelchair users all here.',
    rules: rules(),
    owner: 'grace',
    moderators: ['sofia'],
    members: ['ines', 'omar'],
    ageDays: 240,
  },
  {
    key: 'dementia',
    name: 'Dementia Caregivers Circle',
    conditionSlug: 'alzheimers-caregivers',
    visibility: 'private',
    description:
      'A private space for people caring for a parent, partner or friend with Alzheimer’s or another dementia: sundowning, appointments, care homes, guilt, grief before loss and finding a moment for yourself.',
    rules: rules('What is shared here stays here. Vent freely; no one will judge you.'),
    owner: 'omar',
    moderators: ['grace'],
    members: ['maya'],
    pending: ['tom'],
    ageDays: 150,
  },
  {
    key: 'anxiety',
    name: 'Anxiety Safe Space',
    conditionSlug: 'anxiety',
    visibility: 'private',
    description:
      'A gentle, private group for living with anxiety and panic: grounding tricks that help, therapy and medication experiences, work stress, health anxiety and celebrating small wins.',
    rules: rules('If you are in crisis, reach a crisis line now; moderators will point you to one.'),
    owner: 'ines',
    moderators: ['maya'],
    members: ['sofia', 'liam'],
    pending: ['grace'],
    ageDays: 133,
  },
  {
    key: 'depression',
    name: 'Depression: Small Steps',
    conditionSlug: 'depression',
    visibility: 'private',
    description:
      'Private peer support for depression, one small step at a time: getting out of bed, daily check-ins, antidepressant experiences, therapy waiting lists and the people who help.',
    rules: rules('Check-ins are welcome every day, even if it is just one word.'),
    owner: 'ines',
    moderators: ['omar'],
    members: ['tom'],
    pending: ['liam'],
    ageDays: 96,
  },
  {
    key: 'longCovid',
    name: 'Long COVID Recovery',
    conditionSlug: 'long-covid',
    visibility: 'public',
    description:
      'Months after the infection and still not yourself? Breathlessness, brain fog, post-exertional malaise, pacing, heart rate, returning to work and being believed. Share what helps and what to ask your doctor.',
    rules: rules('Pacing comes first: it is fine to read and not post.'),
    owner: 'grace',
    moderators: ['nurse'],
    members: ['omar', 'liam'],
    ageDays: 205,
  },
  {
    key: 'migraine',
    name: 'Migraine Warriors',
    conditionSlug: 'migraine',
    visibility: 'public',
    description:
      'Chronic and episodic migraine: aura, triggers, headache diaries, preventives, triptans and newer treatments, dark-room survival kits and explaining to people that it is not “just a headache”.',
    rules: rules('Dark mode friendly: keep posts short when someone is mid-attack.'),
    owner: 'ines',
    moderators: [],
    members: ['grace', 'sofia', 'maya'],
    ageDays: 318,
  },
  {
    key: 'endometriosis',
    name: 'Endometriosis Support Network',
    conditionSlug: 'endometriosis',
    visibility: 'public',
    description:
      'Endometriosis and adenomyosis: the long road to diagnosis, pelvic pain, laparoscopy, hormonal treatment, fertility questions and being taken seriously by doctors.',
    rules: rules(),
    owner: 'sofia',
    moderators: ['ines'],
    members: ['grace', 'maya'],
    ageDays: 174,
  },
  {
    key: 'heartFailure',
    name: 'Heart Failure Family and Friends',
    conditionSlug: 'heart-failure',
    visibility: 'public',
    description:
      'For people living with heart failure and those who care for them: fluid and salt limits, daily weights, water tablets, cardiac rehab, devices and keeping life as full as possible.',
    rules: rules(),
    owner: 'omar',
    moderators: [],
    members: ['tom', 'admin'],
    ageDays: 64,
  },
];

const DAY_MS = 86_400_000;

/** Creates the demo groups and their members; returns slug → id. */
export async function seedDemoGroups(deps: Deps, users: DemoUserIds): Promise<DemoGroupIds> {
  const actor = (key: DemoUserKey): Actor => ({ userId: users[key], sessionId: 'demo-seed', isAdmin: false });
  const ids: DemoGroupIds = {};
  for (const demo of DEMO_GROUPS) {
    const slug = DEMO_GROUP_SLUGS[demo.key];
    const owner = actor(demo.owner);
    const created = await createGroup(
      owner,
      { name: demo.name, conditionSlug: demo.conditionSlug, description: demo.description, rules: demo.rules, visibility: demo.visibility },
      deps,
    );
    if (created.slug !== slug) throw new Error(`demo group "${demo.name}" got slug ${created.slug}, expected ${slug}`);
    ids[slug] = created.id;
    for (const key of [...demo.moderators, ...demo.members]) {
      const joined = await joinGroup(actor(key), slug, deps);
      if (joined.membership.status === 'pending') await approveJoinRequest(owner, slug, users[key], deps);
    }
    for (const key of demo.moderators) await setMemberRole(owner, slug, users[key], 'moderator', deps);
    for (const key of demo.pending ?? []) await joinGroup(actor(key), slug, deps);

    // Believable history: the group started `ageDays` ago and people arrived over the following weeks.
    const started = new Date(Date.now() - demo.ageDays * DAY_MS);
    await deps.db.update(groups).set({ createdAt: started }).where(eq(groups.id, created.id));
    const arrivals: DemoUserKey[] = [demo.owner, ...demo.moderators, ...demo.members];
    for (const [i, key] of arrivals.entries()) {
      const at = new Date(started.getTime() + i * Math.min(9, demo.ageDays / (arrivals.length + 1)) * DAY_MS);
      await deps.db
        .update(memberships)
        .set({ joinedAt: at, requestedAt: at })
        .where(and(eq(memberships.groupId, created.id), eq(memberships.userId, users[key])));
    }
    for (const [i, key] of (demo.pending ?? []).entries()) {
      await deps.db
        .update(memberships)
        .set({ requestedAt: sql`now() - ${`${i + 1} days`}::interval` })
        .where(and(eq(memberships.groupId, created.id), eq(memberships.userId, users[key])));
    }
  }
  return ids;
}
