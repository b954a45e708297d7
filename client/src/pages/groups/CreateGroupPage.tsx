/** Start a group: name, condition, description, rules, public or private. The creator becomes its owner. */
import type { GroupVisibility } from '@circles/shared';
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, GROUP_NAME_MIN, GROUP_RULES_MAX } from '@circles/shared/client';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { groupsApi } from '../../api/groups';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField, TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useConditionNames } from '../../i18n/conditions';
import { conditionsByCategory, useGroups } from '../../stores/groups';
import { useSession } from '../../stores/session';
import { VisibilityChoice } from './VisibilityChoice';
import '../../styles/groups.css';

export default function CreateGroupPage() {
  const { t } = useTranslation('groups');
  const names = useConditionNames();
  useDocumentTitle(t('create.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { conditions, conditionsError, loadConditions, loadMyGroups } = useGroups();
  const [name, setName] = useState('');
  const [conditionSlug, setConditionSlug] = useState(params.get('condition') ?? '');
  const [description, setDescription] = useState('');
  const [rules, setRules] = useState('');
  const [visibility, setVisibility] = useState<GroupVisibility>('public');
  // Staff may host the group for their organization (their affiliations are their accepted staff roles).
  const affiliations = useSession((s) => s.user?.affiliations ?? []);
  const [host, setHost] = useState(params.get('organization') ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const conditionId = useId();

  useEffect(() => {
    void loadConditions();
  }, [loadConditions]);
  const categories = useMemo(() => (conditions ? conditionsByCategory(conditions, names) : []), [conditions, names]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim().length < GROUP_NAME_MIN) found.name = t('create.nameTooShort', { min: GROUP_NAME_MIN });
    if (!conditionSlug) found.conditionSlug = t('create.chooseCondition');
    if (!description.trim()) found.description = t('create.describe');
    setErrors(found);
    setFormError(Object.keys(found).length ? t('create.fixFields') : null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const group = await groupsApi.create({
        name: name.trim(),
        conditionSlug,
        description: description.trim(),
        rules: rules.trim() || undefined,
        visibility,
        ...(host && affiliations.some((a) => a.orgSlug === host) ? { organizationSlug: host } : {}),
      });
      void loadMyGroups();
      void navigate(`/groups/${group.slug}`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setFormError(err instanceof Error ? err.message : t('create.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="create-group" aria-labelledby="create-title">
      <p>
        <Link to="/groups">{t('create.back')}</Link>
      </p>
      <h1 id="create-title">{t('create.title')}</h1>
      <p className="lede">{t('create.lede')}</p>
      <form onSubmit={submit} noValidate className="card">
        {formError && (
          <p className="error-box" role="alert">
            {formError}
          </p>
        )}
        <TextField
          label={t('create.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={GROUP_NAME_MAX}
          error={errors.name}
          hint={t('create.nameHint', { min: GROUP_NAME_MIN, max: GROUP_NAME_MAX })}
          required
        />
        <div className="field">
          <label htmlFor={conditionId}>{t('create.condition')}</label>
          {conditionsError ? (
            <ErrorState error={conditionsError} onRetry={() => void loadConditions()} />
          ) : (
            <select
              id={conditionId}
              value={conditionSlug}
              onChange={(e) => setConditionSlug(e.target.value)}
              aria-invalid={errors.conditionSlug ? true : undefined}
              aria-describedby={errors.conditionSlug ? `${conditionId}-error` : undefined}
              required
            >
              <option value="">{t('create.conditionPlaceholder')}</option>
              {categories.map((group) => (
                <optgroup key={group.category} label={names.categoryName(group.category)}>
                  {group.conditions.map((c) => (
                    <option key={c.slug} value={c.slug}>
                      {names.conditionName(c)}
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
          label={t('create.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={GROUP_DESCRIPTION_MAX}
          rows={4}
          error={errors.description}
          hint={t('create.descriptionHint')}
          required
        />
        <TextAreaField
          label={t('create.rules')}
          value={rules}
          onChange={(e) => setRules(e.target.value)}
          maxLength={GROUP_RULES_MAX}
          rows={4}
          error={errors.rules}
          hint={t('create.rulesHint')}
        />
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        {affiliations.length > 0 && (
          <div className="field">
            <label htmlFor={`${conditionId}-host`}>{t('create.hostedBy')}</label>
            <p id={`${conditionId}-host-hint`} className="hint">
              {t('create.hostHint')}
            </p>
            <select id={`${conditionId}-host`} aria-describedby={`${conditionId}-host-hint`} value={host} onChange={(e) => setHost(e.target.value)}>
              <option value="">{t('create.noHost')}</option>
              {affiliations.map((a) => (
                <option key={a.orgSlug} value={a.orgSlug}>
                  {a.orgName}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('create.busy') : t('create.submit')}
        </button>
      </form>
    </section>
  );
}
