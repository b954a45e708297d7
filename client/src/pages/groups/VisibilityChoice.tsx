import type { GroupVisibility } from '@circles/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Public or private, each with what it means for the people in the group. */
export function VisibilityChoice({ value, onChange }: { value: GroupVisibility; onChange(v: GroupVisibility): void }) {
  const { t } = useTranslation('groups');
  const id = useId();
  const options: Array<{ value: GroupVisibility; label: string; hint: string }> = [
    { value: 'public', label: t('visibility.public'), hint: t('visibility.publicHint') },
    { value: 'private', label: t('visibility.private'), hint: t('visibility.privateHint') },
  ];
  return (
    <fieldset className="field visibility-choice">
      <legend>{t('visibility.legend')}</legend>
      {options.map((o) => (
        <div key={o.value} className="choice">
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={`${id}-visibility`}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            aria-describedby={`${id}-${o.value}-hint`}
          />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          <p id={`${id}-${o.value}-hint`} className="hint">
            {o.hint}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
