/**
 * The header's language switch: one button naming the other language in that language
 * ("Français" / "English", marked with its `lang` so screen readers pronounce it right).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLocale } from '../i18n/language';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const [busy, setBusy] = useState(false);
  const other = i18n.language === 'fr' ? 'en' : 'fr';
  const choose = async () => {
    setBusy(true);
    try {
      await chooseLocale(other);
    } catch {
      // Shown already; only saving it on the account failed. The next switch or the profile page retries.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="link-button language-switch" lang={other} onClick={() => void choose()} disabled={busy}>
      {t('language.switchTo')}
    </button>
  );
}
