/**
 * Health questions in the browser: a patient asks (anonymously), a moderator pins, a clinician claims
 * it from the queue and answers, the patient accepts the answer. Then clinician verification: apply,
 * admin approval, the queue opens. Every page passes axe; the board works at phone width.
 */
import { describe, expect, it } from 'vitest';
import { createGroup, joinGroup, makeAdmin, makeClinician, registerUser, uniqueSuffix } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();

describe('questions in the browser', () => {
  it('a patient asks, a moderator pins, a clinician answers from the queue, the patient accepts', { timeout: 120_000 }, async () => {
    const moderator = await registerUser(suite.t, { displayName: 'Morgan Moderator' });
    const patient = await registerUser(suite.t, { displayName: 'Pat Patient' });
    const clinician = await makeClinician(suite.t, await registerUser(suite.t, { displayName: 'Dr Quinn Clinician' }), { specialty: 'Endocrinology' });
    const group = await createGroup(suite.t, moderator, { name: `Thyroid Talk ${uniqueSuffix()}`, visibility: 'public' });
    await joinGroup(suite.t, patient, group);
    const title = `Is it normal to feel tired after a dose change? ${uniqueSuffix()}`;

    // ── The patient asks, anonymously.
    const patientPage = await suite.signedInPage(patient);
    await patientPage.goto(`/groups/${group.slug}/questions`);
    await patientPage.getByRole('heading', { name: 'Questions' }).waitFor();
    await checkA11y(patientPage, 'question board (empty)');
    await patientPage.getByRole('link', { name: 'Ask a question' }).click();
    await patientPage.getByRole('heading', { name: 'Ask a question' }).waitFor();
    await patientPage.getByText('Not medical advice.').first().waitFor();
    expect(await patientPage.getByText('In an emergency, call your local emergency number.').count()).toBeGreaterThan(0);
    await checkA11y(patientPage, 'ask form');
    // Too short a title is caught before any request.
    await patientPage.getByLabel('Your question').fill('Tired?');
    await patientPage.getByRole('button', { name: 'Ask a question' }).click();
    await expect.poll(() => patientPage.getByLabel('Your question').getAttribute('aria-invalid')).toBe('true');
    await checkA11y(patientPage, 'ask form with errors');
    // The moderator has the board open: the new question appears there live (question:new).
    const modPage = await suite.signedInPage(moderator);
    await modPage.goto(`/groups/${group.slug}/questions`);
    await modPage.getByText('No questions here yet.').waitFor();
    await patientPage.getByLabel('Your question').fill(title);
    await patientPage.getByLabel('Details').fill('My doctor raised my levothyroxine last week and I have been exhausted since.');
    await patientPage.getByLabel('Ask anonymously').check();
    await patientPage.getByRole('button', { name: 'Ask a question' }).click();
    await patientPage.getByRole('heading', { name: title }).waitFor();
    await patientPage.getByText('Your question (asked anonymously)').waitFor();
    await patientPage.getByText('Anonymous', { exact: true }).waitFor();
    await checkA11y(patientPage, 'question page (asker)');

    // ── The moderator sees who asked, and pins it for clinicians.
    await modPage.getByRole('link', { name: title }).click();
    await modPage.getByRole('heading', { name: title }).waitFor();
    await modPage.getByText('Pat Patient').waitFor();
    await modPage.getByRole('button', { name: 'Pin', exact: true }).click();
    await modPage.getByRole('button', { name: 'Unpin' }).waitFor();
    await checkA11y(modPage, 'question page (moderator)');
    await modPage.goto(`/groups/${group.slug}/questions`);
    await modPage.getByText('Pinned for clinicians').first().waitFor();
    await modPage.getByRole('radio', { name: 'Pinned' }).check();
    await modPage.getByRole('link', { name: title }).waitFor();
    await checkA11y(modPage, 'question board (pinned filter)');

    // ── The clinician finds it in the queue, claims it and answers.
    const clinicianPage = await suite.signedInPage(clinician);
    await clinicianPage.getByRole('link', { name: 'Clinician queue' }).click();
    await clinicianPage.getByRole('heading', { name: 'Clinician queue' }).waitFor();
    const card = clinicianPage.getByRole('listitem').filter({ hasText: title });
    await card.getByText(/Waiting \d+ min/).waitFor();
    // The queue does not reveal the anonymous asker.
    expect(await card.getByText('Pat Patient').count()).toBe(0);
    await card.getByText('Anonymous').waitFor();
    await checkA11y(clinicianPage, 'clinician queue');
    await card.getByRole('button', { name: /^Claim/ }).click();
    await card.getByText('Claimed by you').waitFor();
    await checkA11y(clinicianPage, 'clinician queue (claimed)');
    await card.getByRole('link', { name: 'Answer' }).click();
    await clinicianPage.getByRole('heading', { name: title }).waitFor();
    await clinicianPage.getByLabel('Answer', { exact: true }).fill(
      'Fatigue in the first weeks after a dose change is common; if it persists beyond six weeks, ask for a TSH check.',
    );
    await clinicianPage.getByRole('button', { name: 'Post answer' }).click();
    await clinicianPage.getByText('Clinician answer').waitFor();
    await clinicianPage.getByText('Verified clinician · Endocrinology').first().waitFor();
    await checkA11y(clinicianPage, 'question page (clinician answered)');
    // Answered by a clinician: it has left the queue.
    await clinicianPage.getByRole('link', { name: 'Clinician queue' }).click();
    await clinicianPage.getByRole('heading', { name: 'Clinician queue' }).waitFor();
    await expect.poll(() => clinicianPage.getByRole('link', { name: title }).count()).toBe(0);

    // ── The patient accepts the answer; the moderator finds it helpful.
    await patientPage.reload();
    await patientPage.getByText('Clinician answer').waitFor();
    await patientPage.getByRole('button', { name: 'Accept answer' }).click();
    await patientPage.getByText('Accepted answer').waitFor();
    await expect.poll(() => patientPage.getByText('Answered', { exact: true }).count()).toBeGreaterThan(0);
    await checkA11y(patientPage, 'question page (accepted)');

    await modPage.goto(`/groups/${group.slug}/questions`);
    await modPage.getByRole('link', { name: title }).click();
    await modPage.getByRole('button', { name: 'Helpful' }).click();
    await modPage.getByText('1 person found this helpful').waitFor();
    expect(await modPage.getByRole('button', { name: 'Helpful' }).getAttribute('aria-pressed')).toBe('true');

    // The board's "answered" filter now shows it.
    await patientPage.goto(`/groups/${group.slug}/questions`);
    await patientPage.getByRole('radio', { name: 'Answered' }).check();
    await patientPage.getByRole('link', { name: title }).waitFor();
    await patientPage.getByLabel('Search questions').fill('levothyroxine');
    await patientPage.getByRole('button', { name: 'Search', exact: true }).click();
    await patientPage.getByText(/1 question matches/).waitFor();
    await checkA11y(patientPage, 'question board (search)');
  });

  it('the board and a question work at phone width, by keyboard', { timeout: 120_000 }, async () => {
    const owner = await registerUser(suite.t, { displayName: 'Owen Owner' });
    const group = await createGroup(suite.t, owner, { name: `Migraine Mornings ${uniqueSuffix()}` });
    const page = await suite.signedInPage(owner, { mobile: true });
    await page.goto(`/groups/${group.slug}/questions/ask`);
    await page.getByRole('heading', { name: 'Ask a question' }).waitFor();
    await page.getByLabel('Your question').focus();
    await page.keyboard.type('Does caffeine help or hurt your migraines?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Asking before I try it.');
    await page.getByLabel('Ask anonymously').focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Ask anonymously').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Ask a question' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Does caffeine help or hurt your migraines?' }).waitFor();
    await checkA11y(page, 'question page (mobile)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto(`/groups/${group.slug}/questions`);
    await page.getByRole('link', { name: 'Does caffeine help or hurt your migraines?' }).waitFor();
    await checkA11y(page, 'question board (mobile)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});

describe('clinician verification in the browser', () => {
  it('a user applies, an admin approves with a note, the queue opens for them', { timeout: 120_000 }, async () => {
    const applicant = await registerUser(suite.t, { displayName: 'Sam Applicant' });
    const admin = await makeAdmin(suite.t, await registerUser(suite.t, { displayName: 'Avery Admin' }));

    const page = await suite.signedInPage(applicant);
    await page.goto('/clinician/queue');
    await page.getByText('The queue is for verified clinicians.').waitFor();
    await checkA11y(page, 'clinician queue (closed)');
    await page.getByRole('link', { name: 'Apply as a clinician' }).click();
    await page.getByRole('heading', { name: 'Apply as a clinician' }).waitFor();
    await checkA11y(page, 'apply form');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect.poll(() => page.getByLabel('Licence or registration number').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Licence or registration number').fill('CPSO-998877');
    await page.getByLabel('Jurisdiction').fill('Ontario, CA');
    await page.getByLabel('Specialty').fill('Family medicine');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByText('Your application was sent').waitFor();
    await page.getByText('Waiting for review').first().waitFor();
    await checkA11y(page, 'apply form (sent)');

    const adminPage = await suite.signedInPage(admin);
    await adminPage.getByRole('link', { name: 'Verify clinicians' }).click();
    await adminPage.getByRole('heading', { name: 'Verify clinicians' }).waitFor();
    await adminPage.getByRole('heading', { name: 'Sam Applicant' }).waitFor();
    await checkA11y(adminPage, 'admin verification queue');
    await adminPage.getByLabel('Review note for Sam Applicant (optional)').fill('Licence confirmed with the CPSO register.');
    await adminPage.getByRole('button', { name: 'Approve Sam Applicant' }).click();
    await adminPage.getByText('No applications here.').waitFor();
    await adminPage.getByLabel('Show').selectOption('approved');
    await adminPage.getByRole('heading', { name: 'Sam Applicant' }).waitFor();
    await adminPage.getByText(/Licence confirmed with the CPSO register/).waitFor();
    await checkA11y(adminPage, 'admin verification queue (approved)');

    // After signing in again the applicant carries the badge and the queue is open.
    await page.reload();
    await page.getByRole('link', { name: 'Clinician queue' }).click();
    await page.getByRole('heading', { name: 'Clinician queue' }).waitFor();
    await page.getByText(/Your verification \(Family medicine, Ontario, CA\)/).waitFor();
  });
});
