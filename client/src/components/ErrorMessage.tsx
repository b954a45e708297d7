import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';

/** Shows what went wrong and what to do about it, announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : t('errors.generic');
  return (
    <div className="error-box" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('errors.tryAgain')}
        </button>
      )}
    </div>
  );
}
