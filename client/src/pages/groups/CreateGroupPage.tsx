/** Start a group: name, condition, description, rules, public or private. The creator becomes its owner. */
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, GROUP_NAME_MIN, GROUP_RULES_MAX, type GroupVisibility } from '@circles/shared';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { groupsApi } from '../../api/groups';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextAreaField, TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { conditionsByCategory, useGroups } from '../../stores/groups';
import { VisibilityChoice } from './VisibilityChoice';
import '../../styles/groups.css';

export default function CreateGroupPage() {
  useDocumentTitle('Start a group');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { conditions, conditionsError, loadConditions, loadMyGroups } = useGroups();
  const [name, setName] = useState('');
  const [conditionSlug, setConditionSlug] = useState(params.get('condition') ?? '');
  const [description, setDescription] = useState('');
  const [rules, setRules] = useState('');
  const [visibility, setVisibility] = useState<GroupVisibility>('public');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const conditionId = useId();

  useEffect(() => {
    void loadConditions();
  }, [loadConditions]);
  const categories = useMemo(() => (conditions ? conditionsByCategory(conditions) : []), [conditions]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim().length < GROUP_NAME_MIN) found.name = `Give the group a name of at least ${GROUP_NAME_MIN} characters.`;
    if (!conditionSlug) found.conditionSlug = 'Choose the condition this group is about.';
    if (!description.trim()) found.description = 'Say in a sentence or two who the group is for.';
    setErrors(found);
    setFormError(Object.keys(found).length ? 'Please fix the highlighted fields.' : null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const group = await groupsApi.create({
        name: name.trim(),
        conditionSlug,
        description: description.trim(),
        rules: rules.trim() || undefined,
        visibility,
      });
      void loadMyGroups();
      navigate(`/groups/${group.slug}`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setFormError(err instanceof Error ? err.message : 'Could not create the group. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="create-group" aria-labelledby="create-title">
      <p>
        <Link to="/groups">← Find groups</Link>
      </p>
      <h1 id="create-title">Start a group</h1>
      <p className="lede">You will be its owner: you welcome members, set the rules and can appoint moderators to help.</p>
      <form onSubmit={submit} noValidate className="card">
        {formError && (
          <p className="error-box" role="alert">
            {formError}
          </p>
        )}
        <TextField
          label="Group name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={GROUP_NAME_MAX}
          error={errors.name}
          hint={`${GROUP_NAME_MIN}–${GROUP_NAME_MAX} characters, for example “Type 1 Diabetes Circle”.`}
          required
        />
        <div className="field">
          <label htmlFor={conditionId}>Condition</label>
          {conditionsError ? (
            <ErrorMessage error={conditionsError} onRetry={() => void loadConditions()} />
          ) : (
            <select
              id={conditionId}
              value={conditionSlug}
              onChange={(e) => setConditionSlug(e.target.value)}
              aria-invalid={errors.conditionSlug ? true : undefined}
              aria-describedby={errors.conditionSlug ? `${conditionId}-error` : undefined}
              required
            >
              <option value="">Choose a condition</option>
              {categories.map((group) => (
                <optgroup key={group.category} label={group.category}>
                  {group.conditions.map((c) => (
                    <option key={c.slug} value={c.slug}>
                      {c.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
          {errors.conditionSlug && (
            <p id={`${conditionId}-error`} className="field-error">
              {errors.conditionSlug}
            </p>
          )}
        </div>
        <TextAreaField
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={GROUP_DESCRIPTION_MAX}
          rows={4}
          error={errors.description}
          hint="Who is it for and what do you talk about? People find groups by these words."
          required
        />
        <TextAreaField
          label="Rules (optional)"
          value={rules}
          onChange={(e) => setRules(e.target.value)}
          maxLength={GROUP_RULES_MAX}
          rows={4}
          error={errors.rules}
          hint="One rule per line. Circles’ community guidelines always apply."
        />
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create group'}
        </button>
      </form>
    </section>
  );
}
