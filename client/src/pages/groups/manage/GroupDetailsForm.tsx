/** Edit a group's name, description, rules and visibility (moderators). */
import type { Group, GroupVisibility } from '@circles/shared';
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, GROUP_NAME_MIN, GROUP_RULES_MAX } from '@circles/shared/client';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { groupsApi } from '../../../api/groups';
import { ApiError } from '../../../api/http';
import { TextAreaField, TextField } from '../../../components/Field';
import { VisibilityChoice } from '../VisibilityChoice';

export function GroupDetailsForm({ group, reload }: { group: Group; reload(): Promise<void> }) {
  const { t } = useTranslation(['groups', 'common']);
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [rules, setRules] = useState(group.rules);
  const [visibility, setVisibility] = useState<GroupVisibility>(group.visibility);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim().length < GROUP_NAME_MIN) found.name = t('details.nameTooShort', { min: GROUP_NAME_MIN });
    if (!description.trim()) found.description = t('create.describe');
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await groupsApi.update(group.slug, { name: name.trim(), description: description.trim(), rules: rules.trim(), visibility });
      await reload();
      setMessage({
        ok: true,
        text: visibility === 'public' && group.visibility === 'private' ? t('details.savedPublic') : t('details.saved'),
      });
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setMessage({ ok: false, text: err instanceof Error ? err.message : t('settings.notSaved') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="details-title" className="card">
      <h2 id="details-title">{t('details.title')}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t('create.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={GROUP_NAME_MAX} error={errors.name} hint={t('details.nameHint')} />
        <TextAreaField label={t('create.description')} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={GROUP_DESCRIPTION_MAX} rows={4} error={errors.description} />
        <TextAreaField label={t('details.rules')} value={rules} onChange={(e) => setRules(e.target.value)} maxLength={GROUP_RULES_MAX} rows={5} error={errors.rules} hint={t('details.rulesHint')} />
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        {message && (
          <p className={message.ok ? 'success-box' : 'error-box'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common:action.saving') : t('details.save')}
        </button>
      </form>
    </section>
  );
}
