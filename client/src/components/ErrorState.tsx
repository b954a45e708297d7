/**
 * The one error state every screen shows: what went wrong (by the error's contract `code`, in the
 * reader's language), the server's own explanation when it has one, and what to do next. Only
 * errors a retry can fix (network, 5xx, 429) offer "Try again"; for the rest (401, 403, 404, 410, and
 * refusals such as validation) it says what to do instead: sign in, join the group, go back to your
 * groups, ask for a new invite link.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/http';

type Remedy = 'retry' | 'signIn' | 'joinGroup' | 'home' | 'none';

/** What each code means for the reader: a retry helps, or something else does. */
const REMEDY: Record<string, Remedy> = {
  NETWORK_ERROR: 'retry',
  INTERNAL: 'retry',
  UNAVAILABLE: 'retry',
  RATE_LIMITED: 'retry',
  SLOW_MODE: 'retry',
  UNAUTHORIZED: 'signIn',
  NOT_A_MEMBER: 'joinGroup',
  BANNED: 'home',
  FORBIDDEN: 'home',
  SUSPENDED: 'home',
  NOT_FOUND: 'home',
  EXPIRED: 'home',
};

/** Codes with their own title and advice in the catalogue (`common:errorState.<code>.*`). */
const KNOWN = new Set([...Object.keys(REMEDY), 'VALIDATION_ERROR', 'CONFLICT', 'MUTED', 'PAYLOAD_TOO_LARGE', 'PERSONAL_DATA', 'BLOCKED_TERM']);

function errorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return 'NETWORK_ERROR';
}

interface Props {
  error: unknown;
  /** Offered only when a retry can help. */
  onRetry?: () => void;
  /** The group the screen belongs to: NOT_A_MEMBER then points to its page (where "Join" is). */
  groupSlug?: string;
  /** The screen's own next step, instead of the generic advice and link (never instead of "Try again"). */
  advice?: ReactNode;
}

export function ErrorState({ error, onRetry, groupSlug, advice }: Props) {
  const { t } = useTranslation('common');
  if (!error) return null;
  const code = errorCode(error);
  const known = KNOWN.has(code) ? code : error instanceof ApiError && error.status >= 500 ? 'INTERNAL' : 'GENERIC';
  const remedy = REMEDY[known] ?? 'none';
  const key = known as 'GENERIC';
  const title = t(`errorState.${key}.title`);
  const detail = error instanceof Error && error.message && error.message !== title ? error.message : null;
  const retryAfter = error instanceof ApiError ? error.retryAfter : null;
  return (
    <div className="error-box error-state" role="alert" data-code={code}>
      <p className="error-title">
        <strong>{title}</strong>
      </p>
      {detail && <p>{detail}</p>}
      {advice ?? <p>{t(`errorState.${key}.advice`)}</p>}
      {remedy === 'retry' && onRetry && (
        <p>
          <button type="button" className="button secondary" onClick={onRetry}>
            {t('errors.tryAgain')}
          </button>
          {retryAfter ? <span className="muted"> {t('errors.retryIn', { count: retryAfter })}</span> : null}
        </p>
      )}
      {remedy === 'signIn' && !advice && (
        <p>
          <Link className="button primary" to="/login">
            {t('errorState.signIn')}
          </Link>
        </p>
      )}
      {remedy === 'joinGroup' && !advice && (
        <p>
          <Link className="button primary" to={groupSlug ? `/groups/${encodeURIComponent(groupSlug)}` : '/groups'}>
            {groupSlug ? t('errorState.toGroup') : t('errorState.findGroups')}
          </Link>
        </p>
      )}
      {remedy === 'home' && !advice && (
        <p>
          <Link to="/">{t('errorState.home')}</Link>
        </p>
      )}
    </div>
  );
}
