/**
 * "Edit or post anyway": shown before a post leaves when the text seems to hold personal data (found
 * here, or by the server's 422 PERSONAL_DATA), with each span highlighted. Focus moves to it, so a
 * keyboard or screen reader user meets it at once; Escape means "edit".
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { HighlightedText, useKindsLabel } from './HighlightedText';
import type { PersonalDataSpan } from './personalData';
import '../styles/safety.css';

export interface PromptPart {
  /** A label when a form has several texts (a question's title and details). */
  label?: string;
  text: string;
  spans: PersonalDataSpan[];
}

interface Props {
  parts: PromptPart[];
  busy?: boolean;
  onEdit(): void;
  onPostAnyway(): void;
}

export function PersonalDataPrompt({ parts, busy = false, onEdit, onPostAnyway }: Props) {
  const { t } = useTranslation('safety');
  const titleId = useId();
  const textId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const kinds = useKindsLabel(parts.flatMap((p) => p.spans));
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const shown = parts.filter((p) => p.spans.length > 0);
  return (
    <div
      ref={ref}
      className="personal-data-prompt"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={textId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onEdit();
        }
      }}
    >
      <h3 id={titleId}>{t('personal.title')}</h3>
      <p id={textId}>{t('personal.text', { kinds })}</p>
      {shown.map((p, i) => (
        <div key={i} className="personal-data-preview">
          {p.label && <p className="personal-data-label">{p.label}</p>}
          <p className="prewrap">
            <HighlightedText text={p.text} spans={p.spans} />
          </p>
        </div>
      ))}
      <div className="inline-actions">
        <button type="button" className="button primary" onClick={onEdit}>
          {t('personal.edit')}
        </button>
        <button type="button" className="button secondary" onClick={onPostAnyway} disabled={busy}>
          {t('personal.postAnyway')}
        </button>
      </div>
    </div>
  );
}
