/** Edit a group's name, description, rules and visibility (moderators). */
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, GROUP_NAME_MIN, GROUP_RULES_MAX, type Group, type GroupVisibility } from '@circles/shared';
import { useState, type FormEvent } from 'react';
import { groupsApi } from '../../../api/groups';
import { ApiError } from '../../../api/http';
import { TextAreaField, TextField } from '../../../components/Field';
import { VisibilityChoice } from '../VisibilityChoice';

export function GroupDetailsForm({ group, reload }: { group: Group; reload(): Promise<void> }) {
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
    if (name.trim().length < GROUP_NAME_MIN) found.name = `Use at least ${GROUP_NAME_MIN} characters.`;
    if (!description.trim()) found.description = 'Say in a sentence or two who the group is for.';
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await groupsApi.update(group.slug, { name: name.trim(), description: description.trim(), rules: rules.trim(), visibility });
      await reload();
      setMessage({
        ok: true,
        text: visibility === 'public' && group.visibility === 'private' ? 'Saved. The group is now public and waiting requests were admitted.' : 'Changes saved.',
      });
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setMessage({ ok: false, text: err instanceof Error ? err.message : 'Could not save. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="details-title" className="card">
      <h2 id="details-title">Group details</h2>
      <form onSubmit={submit} noValidate>
        <TextField label="Group name" value={name} onChange={(e) => setName(e.target.value)} maxLength={GROUP_NAME_MAX} error={errors.name} hint="The address of the group stays the same when you rename it." />
        <TextAreaField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={GROUP_DESCRIPTION_MAX} rows={4} error={errors.description} />
        <TextAreaField label="Rules" value={rules} onChange={(e) => setRules(e.target.value)} maxLength={GROUP_RULES_MAX} rows={5} error={errors.rules} hint="One rule per line works well." />
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        {message && (
          <p className={message.ok ? 'success-box' : 'error-box'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </form>
    </section>
  );
}
