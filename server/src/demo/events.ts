/**
 * Demo live events: two coming up, hosted by the demo clinicians, scheduled through the same service
 * the API uses (so their reminders and auto-end are real jobs), with a few questions already waiting.
 */
import type { Actor, Deps } from '../deps.js';
import { askQuestion, setUpvote } from '../modules/liveEvents/questions.js';
import { scheduleEvent, setReminder } from '../modules/liveEvents/service.js';
import { DEMO_GROUP_SLUGS } from './groups.js';
import type { DemoUserIds, DemoUserKey } from './users.js';

const HOUR_MS = 3_600_000;

export async function seedDemoEvents(deps: Deps, users: DemoUserIds): Promise<void> {
  const actor = (key: DemoUserKey): Actor => ({ userId: users[key], sessionId: 'demo-seed', isAdmin: false });
  // On the hour, a day and two days from now: always ahead of whoever starts the demo.
  const at = (hoursAhead: number) => new Date(Math.ceil((deps.clock.now().getTime() + hoursAhead * HOUR_MS) / HOUR_MS) * HOUR_MS);

  const insulin = await scheduleEvent(
    actor('maya'),
    DEMO_GROUP_SLUGS.type1,
    {
      title: 'Ask an endocrinologist: insulin and exercise',
      description: 'Dr. Okafor answers your questions about dosing around sport, lows during and after exercise, and sensors. Not a substitute for your own care team.',
      startsAt: at(24).toISOString(),
      endsAt: new Date(at(24).getTime() + HOUR_MS).toISOString(),
      hostIds: [users.clinician, users.maya],
    },
    deps,
  );
  const { question: q1 } = await askQuestion(actor('tom'), insulin.id, { body: 'Should I lower my basal rate before a long bike ride, or just eat more carbs?' }, deps);
  await askQuestion(actor('grace'), insulin.id, { body: 'Why do I sometimes go high right after a hard workout?' }, deps);
  await setUpvote(actor('ines'), insulin.id, q1.id, true, deps);
  await setReminder(actor('tom'), insulin.id, true, deps);

  await scheduleEvent(
    actor('liam'),
    DEMO_GROUP_SLUGS.asthma,
    {
      title: 'Inhaler technique clinic with a respiratory nurse',
      description: 'Jordan walks through spacers, dry-powder inhalers and action plans. Bring your questions; we will take the most upvoted first.',
      startsAt: at(48).toISOString(),
      endsAt: new Date(at(48).getTime() + 90 * 60_000).toISOString(),
      hostIds: [users.nurse],
    },
    deps,
  );
}
