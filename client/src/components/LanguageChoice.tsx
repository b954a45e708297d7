/** The language setting on the profile page: English or French, saved on the account. */
import type { Locale } from '@circles/shared';
import { LOCALES } from '@circles/shared/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLocale } from '../i18n/language';

export function LanguageChoice() {
  const { t, i18n } = useTranslation('common');
  const [status, setStatus] = useState('');
  const choose = async (locale: Locale) => {
    setStatus('');
    try {
      await chooseLocale(locale);
      setStatus(i18n.t('common:language.saved'));
    } catch {
      setStatus(i18n.t('common:language.notSaved'));
    }
  };
  return (
    <fieldset className="card language-choice">
      <legend>
        <h2>{t('language.legend')}</h2>
      </legend>
      <p className="hint">{t('language.hint')}</p>
      {LOCALES.map((locale) => (
        <label key={locale} className="radio" lang={locale}>
          <input type="radio" name="locale" value={locale} checked={i18n.language === locale} onChange={() => void choose(locale)} />{' '}
          {t(`language.${locale}`)}
        </label>
      ))}
      <p role="status" aria-live="polite">
        {status}
      </p>
    </fieldset>
  );
}
