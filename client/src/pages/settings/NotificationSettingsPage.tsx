/**
 * Notification settings: what reaches the bell from each group (everything, mentions and replies, or
 * nothing) and what reaches the inbox (no emails, mentions right away, a daily digest). One form, saved
 * with one PUT of what changed.
 */
import type { EmailNotificationLevel, GroupNotificationLevel, NotificationSettings } from '@circles/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notificationsApi } from '../../api/notifications';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useGroups } from '../../stores/groups';
import { SettingsNav } from './SettingsLayout';
import '../../styles/notifications.css';

const EMAIL_LEVELS: EmailNotificationLevel[] = ['mentions', 'daily', 'off'];
const GROUP_LEVELS: GroupNotificationLevel[] = ['all', 'mentions', 'none'];

export default function NotificationSettingsPage() {
  const { t } = useTranslation(['notifications', 'common']);
  useDocumentTitle(t('settings.title'));
  const id = useId();
  const myGroups = useGroups((s) => s.myGroups);
  const [saved, setSaved] = useState<NotificationSettings | null>(null);
  const [email, setEmail] = useState<EmailNotificationLevel>('mentions');
  const [levels, setLevels] = useState<Record<string, GroupNotificationLevel>>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const load = async () => {
    setLoadError(null);
    try {
      const settings = await notificationsApi.settings();
      setSaved(settings);
      setEmail(settings.email);
      setLevels(settings.groups);
    } catch (err) {
      setLoadError(err);
    }
  };
  useEffect(() => {
    void load();
    void useGroups.getState().loadMyGroups();
  }, []);

  const nameOf = (slug: string) => myGroups?.find((g) => g.slug === slug)?.name ?? slug;
  const slugs = Object.keys(levels).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!saved) return;
    setSaving(true);
    setSaveError(null);
    setAnnouncement('');
    try {
      const groups = Object.fromEntries(Object.entries(levels).filter(([slug, level]) => saved.groups[slug] !== level));
      const next = await notificationsApi.updateSettings({
        ...(email !== saved.email ? { email } : {}),
        ...(Object.keys(groups).length > 0 ? { groups } : {}),
      });
      setSaved(next);
      setEmail(next.email);
      setLevels(next.groups);
      setAnnouncement(t('settings.saved'));
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="settings">
      <SettingsNav />
      <div className="settings-panel">
        <section aria-labelledby="notification-settings-title" className="notification-settings">
          <div className="page-head">
            <h1 id="notification-settings-title">{t('settings.title')}</h1>
            <Link to="/notifications">{t('settings.back')}</Link>
          </div>
          <p>{t('settings.intro')}</p>
          {!saved && !loadError && <Loading label={t('settings.loading')} />}
          {loadError !== null && <ErrorState error={loadError} onRetry={() => void load()} />}
          {saved && (
            <form onSubmit={(e) => void save(e)} noValidate>
              <fieldset>
                <legend>{t('settings.email')}</legend>
                {EMAIL_LEVELS.map((level) => (
                  <label key={level} className="radio">
                    <input type="radio" name={`${id}-email`} value={level} checked={email === level} onChange={() => setEmail(level)} />{' '}
                    {t(`settings.email.${level}`)}
                  </label>
                ))}
                <p className="hint">{t('settings.emailHint')}</p>
              </fieldset>
              <fieldset>
                <legend>{t('settings.groups')}</legend>
                {slugs.length === 0 && <p className="muted">{t('settings.noGroups')}</p>}
                {slugs.map((slug) => (
                  <div key={slug} className="group-level">
                    <label htmlFor={`${id}-${slug}`}>{nameOf(slug)}</label>
                    <select
                      id={`${id}-${slug}`}
                      value={levels[slug]}
                      onChange={(e) => setLevels((l) => ({ ...l, [slug]: e.target.value as GroupNotificationLevel }))}
                    >
                      {GROUP_LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {t(`settings.level.${level}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </fieldset>
              <ErrorState error={saveError} />
              <p>
                <button type="submit" className="button primary" disabled={saving}>
                  {saving ? t('settings.saving') : t('settings.save')}
                </button>
              </p>
              <p role="status" aria-live="polite" className="muted">
                {announcement}
              </p>
            </form>
          )}
        </section>
      </div>
    </div>
  );
}
