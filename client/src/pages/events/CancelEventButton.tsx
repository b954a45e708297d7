/** "Cancel event" with an inline confirmation (moderators, before it starts). */
import type { LiveEvent } from '@circles/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi } from '../../api/events';
import { ErrorState } from '../../components/ErrorState';

export function CancelEventButton({ event, onCancelled }: { event: LiveEvent; onCancelled(event: LiveEvent): void }) {
  const { t } = useTranslation('events');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector('button')?.focus();
  }, [confirming]);

  const close = () => {
    setConfirming(false);
    requestAnimationFrame(() => openerRef.current?.focus());
  };

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      onCancelled(await eventsApi.cancel(event.id));
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <button
        type="button"
        className="button secondary small"
        ref={openerRef}
        aria-label={t('actions.cancelNamed', { title: event.title })}
        onClick={() => setConfirming(true)}
      >
        {t('actions.cancel')}
      </button>
    );
  }
  return (
    <div
      className="event-confirm"
      role="group"
      aria-label={t('actions.confirmCancel')}
      ref={confirmRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <p>{t('actions.cancelQuestion')}</p>
      <button type="button" className="button danger small" onClick={() => void cancel()} disabled={busy}>
        {t('actions.cancelConfirm')}
      </button>{' '}
      <button type="button" className="button secondary small" onClick={close}>
        {t('actions.keep')}
      </button>
      {error ? <ErrorState error={error} groupSlug={event.group.slug} /> : null}
    </div>
  );
}
