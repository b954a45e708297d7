import { errorStatus, type AckError, type ErrorCode } from '@circles/shared';
import { translate, type Locale, type MessageKey, type MessageParams, type Msg } from '../i18n/index.js';

/** One field's problem, sent as `details: [{ field, message }]` in the reader's language. */
export interface FieldProblem {
  /** Where, as the wire names it: `body.expiresAt`, `querystring.cursor`. */
  field: string;
  problem: Msg;
}

export interface AppErrorOptions {
  params?: MessageParams;
  /** Extra machine-readable facts (`{ term }`, `{ until }`); sent as they are. */
  details?: unknown;
  /** Field problems (VALIDATION_ERROR); they become `details`, translated. */
  fields?: FieldProblem[];
  /** Seconds, for RATE_LIMITED / SLOW_MODE / UNAVAILABLE (sent as Retry-After). */
  retryAfter?: number;
}

/**
 * The one error type services throw. It carries a stable contract code and a message key
 * (`new AppError('NOT_FOUND', 'groups.notFound')`); the REST error handler and the socket ack
 * wrapper translate it into the reader's language and the wire shape, so a rule never answers
 * differently by transport. `message` (for logs) is the English text.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly key: MessageKey;
  readonly params: MessageParams | undefined;
  readonly details: unknown;
  readonly fields: FieldProblem[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, key: MessageKey, options: AppErrorOptions = {}) {
    super(translate('en', key, options.params));
    this.name = 'AppError';
    this.code = code;
    this.statusCode = errorStatus[code];
    this.key = key;
    this.params = options.params;
    this.details = options.details;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }

  /** The message and details in `locale`. */
  localize(locale: Locale): { message: string; details: unknown } {
    const details = this.fields
      ? this.fields.map((f) => ({ field: f.field, message: translate(locale, f.problem.key, f.problem.params) }))
      : this.details;
    return { message: translate(locale, this.key, this.params), details };
  }

  toAck(locale: Locale): AckError {
    const { message, details } = this.localize(locale);
    const ack: AckError = { code: this.code, message };
    if (details !== undefined) ack.details = details;
    if (this.retryAfter !== undefined) ack.retryAfter = this.retryAfter;
    return ack;
  }
}

/** A VALIDATION_ERROR about fields; its message names the first one ("body.expiresAt must be in the future"). */
export function validationError(fields: FieldProblem[]): AppError {
  const first = fields[0];
  if (!first) return new AppError('VALIDATION_ERROR', 'errors.invalidRequest');
  return new AppError('VALIDATION_ERROR', 'validation.field', { params: { field: first.field, problem: first.problem }, fields });
}

export const notFound = (key: MessageKey = 'errors.notFound') => new AppError('NOT_FOUND', key);
export const forbidden = (key: MessageKey = 'errors.forbidden') => new AppError('FORBIDDEN', key);

/** PostgreSQL error codes we translate instead of answering 500. */
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';
const PG_INVALID_TEXT = '22P02';
/** A NUL byte (or another sequence PostgreSQL cannot store) in a value looked up: it names nothing. */
const PG_INVALID_BYTES = '22021';
const PG_OUT_OF_RANGE = '22003';
/** Network errors and PostgreSQL's "cannot serve you right now" states: shutdown, too many connections, gone. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300', '3D000',
  // statement_timeout: the database is too slow to answer now; the same request later may pass.
  '57014',
]);

/** A unique-constraint violation, however deep the driver wrapped it (a race for a slug: pick again). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === PG_UNIQUE_VIOLATION) return true;
  }
  return false;
}

/**
 * Turns anything thrown into an AppError. Database errors become contract codes; connection loss is
 * UNAVAILABLE; everything else is INTERNAL with a generic message, never the original text.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: unknown; cause?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code === PG_UNIQUE_VIOLATION) return new AppError('CONFLICT', 'errors.alreadyExists');
  if (code === PG_FOREIGN_KEY_VIOLATION) return new AppError('NOT_FOUND', 'errors.referenceMissing');
  // A malformed id (not a uuid, out of range) names nothing that exists.
  if (code === PG_INVALID_TEXT || code === PG_OUT_OF_RANGE || code === PG_INVALID_BYTES) return new AppError('NOT_FOUND', 'errors.notFound');
  if (code === PG_CHECK_VIOLATION) return new AppError('VALIDATION_ERROR', 'errors.outOfRange');
  if (code && CONNECTION_ERROR_CODES.has(code)) {
    return new AppError('UNAVAILABLE', 'errors.unavailable', { retryAfter: 5 });
  }
  if (
    typeof e?.message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not currently accepting connections|Connection is closed|MaxRetriesPerRequest|Query read timeout|Command timed out/i.test(e.message)
  ) {
    return new AppError('UNAVAILABLE', 'errors.unavailable', { retryAfter: 5 });
  }
  // drizzle wraps driver errors; look one level down.
  if (e?.cause && e.cause !== err) {
    const inner = toAppError(e.cause);
    if (inner.code !== 'INTERNAL') return inner;
  }
  return new AppError('INTERNAL', 'errors.internal');
}
