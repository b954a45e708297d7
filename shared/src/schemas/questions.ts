import { z } from 'zod';
import { acknowledgePersonalData, isoDate, limitQuery, listOf, nameText, optionalText, plainText, queryBoolean, safetyInfo } from './common.js';
import { publicUser } from './users.js';

export const questionStatus = z.enum(['open', 'answered']);
export const question = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  body: z.string(),
  author: publicUser.nullable(),
  anonymous: z.boolean(),
  status: questionStatus,
  pinned: z.boolean(),
  acceptedAnswerId: z.string().nullable(),
  answerCount: z.number().int(),
  createdAt: z.string(),
  /**
   * Whether the caller asked this question. Present in REST answers only (never in room broadcasts),
   * so an anonymous asker can still accept answers without their name being shown to anyone.
   */
  mine: z.boolean().optional(),
});
export type Question = z.infer<typeof question>;

export const answer = z.object({
  id: z.string(),
  questionId: z.string(),
  author: publicUser,
  body: z.string(),
  byClinician: z.boolean(),
  helpfulCount: z.number().int(),
  votedHelpful: z.boolean(),
  createdAt: z.string(),
  /**
   * Whether the caller wrote this answer. When an anonymous asker answers their own question, viewers
   * who may not see the asker get a stand-in author (id "anonymous-asker") instead of the person.
   */
  mine: z.boolean().optional(),
});
export type Answer = z.infer<typeof answer>;

export const askQuestionBody = z.object({
  title: plainText(10, 200),
  body: plainText(1, 10000),
  anonymous: z.boolean().optional(),
  acknowledgePersonalData,
});
export type AskQuestionBody = z.infer<typeof askQuestionBody>;

export const answerBody = z.object({ body: plainText(1, 10000), acknowledgePersonalData });
export type AnswerBody = z.infer<typeof answerBody>;

export const listQuestionsQuery = z.object({
  status: questionStatus.optional(),
  pinned: queryBoolean.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['new', 'top']).default('new'),
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type ListQuestionsQuery = z.infer<typeof listQuestionsQuery>;

export const questionList = listOf(question);
export type QuestionList = z.infer<typeof questionList>;

/**
 * The contract's `{ question, answers }` plus two extras for clients: the group the question lives
 * in (to link back to its board) and what the caller may do here, so a UI shows only allowed actions.
 */
export const questionDetail = z.object({
  question: question,
  answers: z.array(answer),
  group: z.object({ id: z.string(), slug: z.string(), name: z.string(), visibility: z.enum(['public', 'private']) }),
  abilities: z.object({ answer: z.boolean(), pin: z.boolean() }),
});
export type QuestionDetail = z.infer<typeof questionDetail>;

export const askQuestionResponse = question.extend({ safety: safetyInfo.optional() });
export const answerResponse = answer.extend({ safety: safetyInfo.optional() });

export const acceptBody = z.object({ answerId: z.string().min(1).max(64) });
export const helpfulResponse = z.object({ helpfulCount: z.number().int() });

export const queueItem = question.extend({
  waitingSince: z.string(),
  claim: z.object({ by: publicUser, until: z.string() }).nullable(),
  group: z.object({ slug: z.string(), name: z.string() }),
});
export type QueueItem = z.infer<typeof queueItem>;
export const queueList = listOf(queueItem);
export type QueueList = z.infer<typeof queueList>;

// Clinician verification
export const applicationStatus = z.enum(['pending', 'approved', 'rejected']);
export const clinicianApplicationBody = z.object({
  licenseNumber: nameText(3, 64),
  jurisdiction: nameText(2, 100),
  specialty: nameText(2, 100),
  note: optionalText(2000).optional(),
});
export type ClinicianApplicationBody = z.infer<typeof clinicianApplicationBody>;

export const clinicianApplication = z.object({
  id: z.string(),
  status: applicationStatus,
  user: publicUser,
  licenseNumber: z.string(),
  jurisdiction: z.string(),
  specialty: z.string(),
  note: z.string(),
  reviewNote: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type ClinicianApplication = z.infer<typeof clinicianApplication>;

export const reviewApplicationBody = z.object({
  note: optionalText(2000).optional(),
  expiresAt: isoDate.pipe(z.iso.datetime({ offset: true })).optional(),
});
export type ReviewApplicationBody = z.infer<typeof reviewApplicationBody>;

export const clinicianApplicationList = listOf(clinicianApplication);
export type ClinicianApplicationList = z.infer<typeof clinicianApplicationList>;

export const queueQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const listApplicationsQuery = z.object({
  status: applicationStatus.optional(),
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;
