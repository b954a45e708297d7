/**
 * Where to turn right now: shown to the author of a post the server read as a crisis (the REST answer's
 * or the socket ack's `safety`), in the chat and the question and answer forms alike. Phone numbers are
 * `tel:` links (one tap on a phone), text lines `sms:` links.
 */
import type { CrisisResource, SafetyInfo } from '@circles/shared';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/safety.css';

const DIALABLE = /^[+\d][\d\s().-]*$/;
const dial = (number: string) => number.replace(/[^\d+]/g, '');

function Resource({ resource }: { resource: CrisisResource }) {
  const { t } = useTranslation('safety');
  return (
    <li>
      <p className="crisis-name">
        <strong>{resource.name}</strong>
        {resource.region && <span className="muted"> · {resource.region.split(',').map((r) => r.trim()).join(', ')}</span>}
      </p>
      <p className="crisis-ways">
        {resource.phone && (
          <a className="button primary" href={`tel:${dial(resource.phone)}`}>
            {t('crisis.call', { number: resource.phone })}
          </a>
        )}
        {resource.text &&
          (DIALABLE.test(resource.text) ? (
            <a className="button secondary" href={`sms:${dial(resource.text)}`}>
              {t('crisis.text', { number: resource.text })}
            </a>
          ) : (
            <span>{resource.text}</span>
          ))}
        {resource.url && /^https?:\/\//i.test(resource.url) && (
          <a href={resource.url} target="_blank" rel="noopener noreferrer">
            {t('crisis.website', { name: resource.name })}
          </a>
        )}
      </p>
    </li>
  );
}

/** `takeFocus`: move focus to the panel (after a form is sent); the chat leaves it in the message box and lets role="alert" speak. */
export function CrisisPanel({ safety, onClose, takeFocus = true }: { safety: SafetyInfo; onClose?: () => void; takeFocus?: boolean }) {
  const { t } = useTranslation('safety');
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus]);
  if (!safety.crisis) return null;
  return (
    <section ref={ref} className="crisis-panel" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId}>{t('crisis.title')}</h2>
      <p>{t('crisis.intro')}</p>
      <ul className="crisis-resources">
        {safety.resources.map((r) => (
          <Resource key={`${r.name}-${r.region}`} resource={r} />
        ))}
      </ul>
      <p>{t('crisis.emergency')}</p>
      <p className="muted">{t('crisis.moderators')}</p>
      {onClose && (
        <button type="button" className="button secondary" onClick={onClose}>
          {t('crisis.close')}
        </button>
      )}
    </section>
  );
}
