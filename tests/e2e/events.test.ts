/**
 * Live events in the browser: a moderator (in Toronto) schedules an event with a clinician host in
 * their own time zone and starts it; two members (one on a 390×844 phone in Paris) ask and upvote
 * questions, live on every screen; the host features one, everyone sees it at once; hosts' messages
 * are marked and spared slow mode; after the end the transcript shows the conversation and the
 * answered question. Every state of the event page passes axe.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeClinician, registerUser, uniqueSuffix } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();

/** `date` as a datetime-local value in `timeZone` ("2026-03-03T14:05"), as a person there would type it. */
function localInputValue(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** "2:05" — the clock reading of `date` in `timeZone` on a 12-hour clock (as en-US shows it). */
function clockIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' }).format(date).replace(/\s*[AP]M$/i, '');
}

const question = (page: Page, text: string) => page.locator('li.event-question').filter({ hasText: text });
const messageArticle = (page: Page, text: string) => page.locator('article.msg').filter({ hasText: text });

describe('live events in the browser', () => {
  it('schedule, start, ask, upvote, feature, slow mode, end: everyone sees it live, the transcript keeps it', { timeout: 300_000 }, async () => {
    const moderator = await registerUser(suite.t, { displayName: 'Morgan Moderator' });
    const clinician = await makeClinician(suite.t, await registerUser(suite.t, { displayName: 'Dr Nadia Okafor' }), { specialty: 'Diabetes education' });
    const ana = await registerUser(suite.t, { displayName: 'Ana Member' });
    const ben = await registerUser(suite.t, { displayName: 'Ben Member' });
    const group = await createGroup(suite.t, moderator, { name: `Type 1 Together ${uniqueSuffix()}` });
    for (const person of [clinician, ana, ben]) await joinGroup(suite.t, person, group);
    // Said before the event: it is not part of its transcript.
    await postMessage(suite.t, ana, group, 'Said before the event started');

    // ── The moderator, in Toronto, schedules it from the group's events tab.
    const mod = await suite.signedInPage(moderator, { timezoneId: 'America/Toronto' });
    await mod.goto(`/groups/${group.slug}/events`);
    await mod.getByRole('heading', { name: 'Events', level: 2 }).waitFor();
    await mod.getByText(/No events are planned yet/).waitFor();
    await checkA11y(mod, 'events tab (empty)');
    await mod.getByRole('button', { name: 'Schedule an event' }).click();
    await mod.getByRole('heading', { name: 'Schedule an event' }).waitFor();
    await mod.getByText('Times are in your time zone (America/Toronto).', { exact: false }).waitFor();

    const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 10 * 60_000);
    const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
    await mod.getByLabel('Title', { exact: true }).fill('Ask a diabetes nurse');
    await mod.getByLabel('Description (optional)').fill('Bring your questions about lows, exercise and pumps.');
    // Ends before it starts, and no host yet: both caught before anything is sent.
    await mod.getByLabel('Starts', { exact: true }).fill(localInputValue(startsAt, 'America/Toronto'));
    await mod.getByLabel('Ends', { exact: true }).fill(localInputValue(new Date(startsAt.getTime() - 30 * 60_000), 'America/Toronto'));
    await mod.getByRole('button', { name: 'Schedule event' }).click();
    await mod.getByText('It must end after it starts.').waitFor();
    await mod.getByText('Choose at least one host.').waitFor();
    expect(await mod.getByLabel('Ends', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkA11y(mod, 'schedule form with errors');
    await mod.getByLabel('Ends', { exact: true }).fill(localInputValue(endsAt, 'America/Toronto'));
    await mod.getByRole('checkbox', { name: /Dr Nadia Okafor/ }).check();
    await mod.getByRole('button', { name: 'Schedule event' }).click();

    // The event page: times in Toronto, a countdown, host controls for the moderator.
    await mod.getByRole('heading', { name: 'Ask a diabetes nurse', level: 2 }).waitFor();
    const scheduled = await suite.t.http().get(`/api/groups/${group.slug}/events`).set(moderator.auth);
    expect(scheduled.body.items).toHaveLength(1);
    const event = scheduled.body.items[0];
    // What was typed in Toronto is the instant the server keeps.
    expect(Date.parse(event.startsAt)).toBe(startsAt.getTime());
    expect(Date.parse(event.endsAt)).toBe(endsAt.getTime());
    expect(event.hosts.map((h: { displayName: string }) => h.displayName)).toEqual(['Dr Nadia Okafor']);
    expect(await mod.locator('time.event-when').textContent()).toContain(clockIn(startsAt, 'America/Toronto'));
    await mod.getByRole('timer').getByText(/^Starts in \d+ minutes? and \d+ seconds?$/).waitFor();
    await mod.getByText('Hosted by Dr Nadia Okafor (verified clinician)').waitFor();
    await mod.getByRole('button', { name: 'Start event' }).waitFor();
    await checkA11y(mod, 'event page (scheduled, moderator)');

    // ── Ana finds it on her home page, asks for a reminder, adds it to her calendar, asks ahead.
    const a = await suite.signedInPage(ana);
    await a.getByRole('heading', { name: 'Upcoming events' }).waitFor();
    await a.getByRole('list', { name: 'Upcoming events' }).getByText(`In ${group.name}`).waitFor();
    await checkA11y(a, 'home page with upcoming events');
    await a.getByRole('link', { name: 'Ask a diabetes nurse' }).click();
    await a.getByRole('heading', { name: 'Ask a diabetes nurse', level: 2 }).waitFor();
    expect(await a.getByRole('button', { name: 'Start event' }).count()).toBe(0);
    const remind = a.getByRole('button', { name: 'Remind me' });
    expect(await remind.getAttribute('aria-pressed')).toBe('false');
    await remind.click();
    await expect.poll(() => remind.getAttribute('aria-pressed')).toBe('true');
    await a.getByText('We will remind you 15 minutes before it starts, and when it starts.').waitFor();
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: 'Add to calendar' }).click()]);
    expect(download.suggestedFilename()).toBe('ask-a-diabetes-nurse.ics');
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Ask a diabetes nurse');
    const anaQuestion = 'Can I exercise right after a bolus?';
    await a.getByLabel('Your question for the hosts').fill(anaQuestion);
    await a.getByRole('button', { name: 'Ask', exact: true }).click();
    await question(a, anaQuestion).waitFor();
    // Live on the moderator's screen.
    await question(mod, anaQuestion).waitFor();
    await checkA11y(a, 'event page (scheduled, member)');

    // ── The clinician host opens it; the moderator starts it; it goes live on every screen.
    const doc = await suite.signedInPage(clinician);
    await doc.goto(`/groups/${group.slug}/events/${event.id}`);
    await doc.getByText('You are a host').waitFor();
    await mod.getByRole('button', { name: 'Start event' }).click();
    for (const page of [mod, a, doc]) {
      await page.getByText('Live now').first().waitFor();
      await page.getByRole('heading', { name: 'Live chat' }).waitFor();
    }

    // ── Ben joins on a phone in Paris: the same event, in his own time.
    const b = await suite.signedInPage(ben, { viewport: { width: 390, height: 844 }, timezoneId: 'Europe/Paris' });
    await b.goto(`/events/${event.id}`); // the address calendar files link to
    await b.getByRole('heading', { name: 'Ask a diabetes nurse', level: 2 }).waitFor();
    expect(await b.locator('time.event-when').textContent()).toContain(clockIn(startsAt, 'Europe/Paris'));
    await b.getByRole('heading', { name: 'Live chat' }).waitFor();
    const benQuestion = 'What should I keep in my bag for lows?';
    await b.getByLabel('Your question for the hosts').fill(benQuestion);
    await b.getByRole('button', { name: 'Ask', exact: true }).click();
    for (const page of [mod, a, doc, b]) await question(page, benQuestion).waitFor();

    // ── Upvotes: Ben upvotes Ana's; Ana (by keyboard) and the moderator upvote Ben's, which moves to the top.
    await question(b, anaQuestion).getByRole('button', { name: 'Upvote' }).click();
    await question(a, anaQuestion).getByText('1 upvote').waitFor();
    expect(await question(b, anaQuestion).getByRole('button', { name: 'Upvote' }).getAttribute('aria-pressed')).toBe('true');
    await question(a, benQuestion).getByRole('button', { name: 'Upvote' }).focus();
    await a.keyboard.press('Space');
    await question(mod, benQuestion).getByRole('button', { name: 'Upvote' }).click();
    for (const page of [a, b, doc]) {
      await question(page, benQuestion).getByText('2 upvotes').waitFor();
      await expect.poll(() => page.locator('ol.event-question-list').first().locator('li.event-question').first().textContent()).toContain(benQuestion);
    }

    // ── The host features Ben's question: everyone sees it on top, at once.
    await question(doc, benQuestion).getByRole('button', { name: 'Feature' }).click();
    for (const page of [mod, a, doc, b]) {
      await page.getByRole('region', { name: 'Now answering' }).getByText(benQuestion).waitFor();
    }
    await checkA11y(a, 'event page (live, featured question)');

    // ── The conversation: the host's messages are marked, and slow mode spares hosts.
    const hostReply = 'Glucose tabs and a small snack, Ben.';
    await doc.getByLabel('Message').fill(hostReply);
    await doc.getByLabel('Message').press('Enter');
    await messageArticle(a, hostReply).getByText('Host', { exact: true }).waitFor();
    const anaReply = 'Thanks, that really helps!';
    await a.getByLabel('Message').fill(anaReply);
    await a.getByLabel('Message').press('Enter');
    await messageArticle(b, anaReply).waitFor();
    expect(await messageArticle(b, anaReply).getByText('Host', { exact: true }).count()).toBe(0);

    const slowMode = mod.getByRole('button', { name: 'Slow mode' });
    await slowMode.click();
    await expect.poll(() => slowMode.getAttribute('aria-pressed')).toBe('true');
    for (const page of [a, b, doc]) await page.getByText(/^Slow mode is on: one message every 30 seconds per member/).waitFor();
    const hostFollowUp = 'And check your glucose before you drive.';
    await doc.getByLabel('Message').fill(hostFollowUp);
    await doc.getByLabel('Message').press('Enter');
    await messageArticle(doc, hostFollowUp).getByText('✓ Sent').waitFor();
    await messageArticle(a, hostFollowUp).waitFor();
    await slowMode.click();
    await expect.poll(() => slowMode.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => a.getByText(/^Slow mode is on/).count()).toBe(0);

    // The phone stacks the chat above the queue, with nothing wider than the screen.
    const chatBox = await b.getByRole('heading', { name: 'Live chat' }).boundingBox();
    const queueBox = await b.getByRole('heading', { name: 'Questions', level: 2 }).boundingBox();
    expect(queueBox!.y).toBeGreaterThan(chatBox!.y);
    expect(Math.abs(queueBox!.x - chatBox!.x)).toBeLessThan(40);
    expect(await b.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await checkA11y(b, 'event page (live, phone)');

    // ── Answered: it leaves the queue for the record, and the featured banner goes.
    await question(doc, benQuestion).getByRole('button', { name: 'Mark answered' }).click();
    for (const page of [a, b]) {
      await page.getByRole('heading', { name: 'Answered (1)' }).waitFor();
      await expect.poll(() => page.getByRole('region', { name: 'Now answering' }).count()).toBe(0);
    }
    await checkA11y(doc, 'event page (live, host)');

    // ── The host ends it; everyone gets the transcript and the answered question.
    await doc.getByRole('button', { name: 'End event' }).click();
    await doc.getByRole('button', { name: 'Yes, end it' }).click();
    for (const page of [mod, a, doc, b]) {
      await page.getByText('Ended', { exact: true }).first().waitFor();
      const transcript = page.getByRole('list', { name: 'Messages sent during Ask a diabetes nurse' });
      await transcript.getByText(hostReply).waitFor();
      await transcript.getByText(anaReply).waitFor();
      await transcript.getByText(hostFollowUp).waitFor();
      expect(await transcript.getByText('Said before the event started').count()).toBe(0);
      expect(await messageArticle(page, hostReply).getByText('Host', { exact: true }).count()).toBe(1);
      await page.getByRole('list', { name: 'Answered (1)' }).getByText(benQuestion).waitFor();
    }
    await checkA11y(a, 'event page (ended)');

    // The group's tab lists it among past events.
    await a.getByRole('link', { name: 'All events of this group' }).click();
    await a.getByRole('heading', { name: 'Past' }).waitFor();
    await a.getByRole('list', { name: 'Past' }).getByRole('link', { name: 'Ask a diabetes nurse' }).waitFor();
    await checkA11y(a, 'events tab (past)');
  });

  it('moderators edit and cancel before the start; the form and the event page work by keyboard, in French too', { timeout: 180_000 }, async () => {
    const moderator = await registerUser(suite.t, { displayName: 'Chloé Modératrice' });
    const member = await registerUser(suite.t, { displayName: 'Paul Membre' });
    const group = await createGroup(suite.t, moderator, { name: `Migraine Montréal ${uniqueSuffix()}` });
    await joinGroup(suite.t, member, group);

    // Her account is in French: the SPA follows it once she has signed in.
    expect((await suite.t.http().patch('/api/me').set(moderator.auth).send({ locale: 'fr' })).status).toBe(200);
    const page = await suite.signedInPage(moderator, { timezoneId: 'America/Montreal' });
    await page.goto(`/groups/${group.slug}/events`);
    await page.getByRole('heading', { name: 'Événements', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Planifier un événement' }).click();
    // The title field has focus: the whole form by keyboard.
    await page.keyboard.type('Nouveau diagnostic? Rencontrons-nous');
    await page.getByRole('checkbox', { name: /Paul Membre/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Planifier l’événement' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Nouveau diagnostic? Rencontrons-nous', level: 2 }).waitFor();
    await page.getByRole('timer').getByText(/^Commence dans/).waitFor();
    await checkA11y(page, 'event page in French');

    // Edit: move it an hour later, worked out in the page's own time zone (Montréal).
    await page.getByRole('button', { name: /^Modifier l’événement/ }).click();
    const before = await page.getByLabel('Début', { exact: true }).inputValue();
    const moved = await page.evaluate((value) => {
      const p = (n: number) => String(n).padStart(2, '0');
      const local = (d: Date) => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      const start = new Date(new Date(value).getTime() + 3_600_000);
      return { start: local(start), end: local(new Date(start.getTime() + 2 * 3_600_000)), iso: start.toISOString() };
    }, before);
    await page.getByLabel('Fin', { exact: true }).fill(moved.end);
    await page.getByLabel('Début', { exact: true }).fill(moved.start);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(async () => {
      const res = await suite.t.http().get(`/api/groups/${group.slug}/events`).set(moderator.auth);
      return Date.parse(res.body.items[0]?.startsAt ?? '');
    }).toBe(Date.parse(moved.iso));

    // The member sees it upcoming, without the moderators' controls.
    const m = await suite.signedInPage(member);
    await m.goto(`/groups/${group.slug}/events`);
    await m.getByRole('link', { name: 'Nouveau diagnostic? Rencontrons-nous' }).waitFor();
    expect(await m.getByRole('button', { name: 'Schedule an event' }).count()).toBe(0);
    await checkA11y(m, 'events tab (upcoming, member)');

    // The moderator cancels it from its card in the tab; the member's tab moves it to the past, live.
    await page.getByRole('link', { name: 'Tous les événements de ce groupe' }).click();
    await page.getByRole('heading', { name: 'À venir', level: 3 }).waitFor();
    await page.getByRole('button', { name: /^Annuler l’événement/ }).click();
    await page.getByRole('button', { name: 'Oui, l’annuler' }).waitFor();
    await checkA11y(page, 'events tab, confirming a cancellation (fr)');
    await page.getByRole('button', { name: 'Oui, l’annuler' }).click();
    await page.getByRole('list', { name: 'Passés' }).getByText('Annulé').waitFor();
    await m.getByRole('list', { name: 'Past' }).getByText('Cancelled').waitFor();
    await m.getByRole('link', { name: 'Nouveau diagnostic? Rencontrons-nous' }).click();
    await m.getByText('This event was cancelled.').first().waitFor();
    expect(await m.getByRole('button', { name: 'Remind me' }).count()).toBe(0);
    await checkA11y(m, 'event page (cancelled)');
  });
});
