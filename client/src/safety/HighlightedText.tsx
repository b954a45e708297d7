/** Text with the personal-data spans marked (<mark>), each followed by what it seems to be for screen readers. */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatList } from '../i18n/format';
import type { PersonalDataSpan } from './personalData';

export function HighlightedText({ text, spans }: { text: string; spans: PersonalDataSpan[] }) {
  const { t } = useTranslation('safety');
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: Array<{ text: string; span?: PersonalDataSpan }> = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue; // overlapping: the first one wins
    if (span.start > at) parts.push({ text: text.slice(at, span.start) });
    parts.push({ text: text.slice(span.start, span.end), span });
    at = span.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return (
    <>
      {parts.map((p, i) =>
        p.span ? (
          <Fragment key={i}>
            <mark className="personal-data-mark">{p.text}</mark>
            <span className="visually-hidden"> ({t(`personal.kind.${p.span.kind}`)})</span>
          </Fragment>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

/** "a phone number and an email address" for the kinds found. */
export function useKindsLabel(spans: PersonalDataSpan[]): string {
  const { t } = useTranslation('safety');
  const kinds = [...new Set(spans.map((s) => s.kind))];
  const names = kinds.map((k) => t(`personal.kind.${k}`));
  return formatList(names);
}
