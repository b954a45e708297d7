/**
 * Stable, machine-readable error codes of the API contract and the HTTP status each maps to.
 * The server throws `AppError(code, ...)`; REST answers `{ statusCode, error, code, message }`
 * and socket acks answer `{ ok: false, error: { code, message } }` from the same table.
 */
export const errorStatus = {
  VALIDATION_ERROR: 400,
  BLOCKED_TERM: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_A_MEMBER: 403,
  BANNED: 403,
  MUTED: 403,
  SUSPENDED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** An invite or emailed link that expired, was revoked or was used up. */
  EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  /** A request address longer than the server reads (MAX_URL_LENGTH, or a path segment past its limit). */
  URI_TOO_LONG: 414,
  PERSONAL_DATA: 422,
  RATE_LIMITED: 429,
  SLOW_MODE: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The reason phrase that goes in the `error` field for each status we emit. */
export const statusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface WireError {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export interface AckError {
  code: ErrorCode;
  message: string;
  details?: unknown;
  retryAfter?: number;
}
