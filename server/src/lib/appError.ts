import { errorStatus, type AckError, type ErrorCode } from '@circles/shared';

/**
 * The one error type services throw. It carries a stable contract code; the REST error handler and
 * the socket ack wrapper both turn it into the wire shape, so a rule never answers differently by transport.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;
  /** Seconds, for RATE_LIMITED / SLOW_MODE / UNAVAILABLE (sent as Retry-After). */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; retryAfter?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = errorStatus[code];
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  toAck(): AckError {
    const ack: AckError = { code: this.code, message: this.message };
    if (this.details !== undefined) ack.details = this.details;
    if (this.retryAfter !== undefined) ack.retryAfter = this.retryAfter;
    return ack;
  }
}

export const notFound = (what = 'Not found') => new AppError('NOT_FOUND', what);
export const forbidden = (message = 'You are not allowed to do that') => new AppError('FORBIDDEN', message);

/** PostgreSQL error codes we translate instead of answering 500. */
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';
const PG_INVALID_TEXT = '22P02';
const PG_OUT_OF_RANGE = '22003';
/** Network errors and PostgreSQL's "cannot serve you right now" states: shutdown, too many connections, gone. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300', '3D000',
]);

/**
 * Turns anything thrown into an AppError. Database errors become contract codes; connection loss is
 * UNAVAILABLE; everything else is INTERNAL with a generic message, never the original text.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: unknown; cause?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code === PG_UNIQUE_VIOLATION) return new AppError('CONFLICT', 'That already exists');
  if (code === PG_FOREIGN_KEY_VIOLATION) return new AppError('NOT_FOUND', 'Something this refers to does not exist');
  // A malformed id (not a uuid, out of range) names nothing that exists.
  if (code === PG_INVALID_TEXT || code === PG_OUT_OF_RANGE) return new AppError('NOT_FOUND', 'Not found');
  if (code === PG_CHECK_VIOLATION) return new AppError('VALIDATION_ERROR', 'A value is out of range');
  if (code && CONNECTION_ERROR_CODES.has(code)) {
    return new AppError('UNAVAILABLE', 'The service is briefly unavailable; try again shortly', { retryAfter: 5 });
  }
  if (
    typeof e?.message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not currently accepting connections|Connection is closed|MaxRetriesPerRequest/i.test(e.message)
  ) {
    return new AppError('UNAVAILABLE', 'The service is briefly unavailable; try again shortly', { retryAfter: 5 });
  }
  // drizzle wraps driver errors; look one level down.
  if (e?.cause && e.cause !== err) {
    const inner = toAppError(e.cause);
    if (inner.code !== 'INTERNAL') return inner;
  }
  return new AppError('INTERNAL', 'Something went wrong on our side');
}
