/**
 * An invite link: the group's card and, signed out, one form that creates the account and joins
 * ("Create an account and join"); signed in, one click joins. Either way the person lands in the
 * group's chat. A private group's invite is its approval.
 */
import type { InviteCard } from '@circles/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { invitesApi } from '../../api/organizations';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useConditionNames } from '../../i18n/conditions';
import { formatDate } from '../../i18n/format';
import { useGroups } from '../../stores/groups';
import { useSession } from '../../stores/session';
import { AccountFields, accountErrors, accountErrorsFrom, NO_ACCOUNT_VALUES, type AccountErrors, type AccountField } from '../auth/AccountFields';
import '../../styles/orgs.css';

export default function InvitePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation(['orgs', 'groups', 'common']);
  const { conditionName } = useConditionNames();
  const status = useSession((s) => s.status);
  const register = useSession((s) => s.register);
  const loadMyGroups = useGroups((s) => s.loadMyGroups);
  const navigate = useNavigate();
  const [card, setCard] = useState<InviteCard | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState(NO_ACCOUNT_VALUES);
  const [errors, setErrors] = useState<AccountErrors>({});
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(card ? t('invite.join', { name: card.group.name }) : t('invite.title'));

  const load = useCallback(async () => {
    try {
      setCard(await invitesApi.card(code));
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [code]);

  useEffect(() => {
    if (status !== 'loading') void load();
  }, [load, status]);

  const toChat = (slug: string) => {
    void loadMyGroups();
    void navigate(`/groups/${encodeURIComponent(slug)}/chat`, { replace: true });
  };

  const join = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const { group } = await invitesApi.accept(code);
      toChat(group.slug);
    } catch (err) {
      setActionError(err);
      setBusy(false);
    }
  };

  const set = (field: AccountField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const createAndJoin = async (e: FormEvent) => {
    e.preventDefault();
    setActionError(null);
    const next = accountErrors(values);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const outcome = await register({ ...values, inviteCode: code });
      if (outcome?.joined) return toChat(outcome.groupSlug);
      setActionError(new ApiError(410, 'EXPIRED', t('invite.joinFailed', { reason: outcome?.error.message ?? '' })));
      setBusy(false);
    } catch (err) {
      const byField = accountErrorsFrom(err);
      if (byField) setErrors(byField);
      else setActionError(err);
      setBusy(false);
    }
  };

  if (loadError) {
    const code = loadError instanceof ApiError ? loadError.code : null;
    return (
      <section className="invite-page" aria-labelledby="invite-error">
        <h1 id="invite-error">{code === 'EXPIRED' ? t('invite.expiredTitle') : code === 'NOT_FOUND' ? t('invite.notFoundTitle') : t('invite.title')}</h1>
        <ErrorState error={loadError} onRetry={() => void load()} />
        <p>
          <Link to="/groups">{t('groups:find.title')}</Link>
        </p>
      </section>
    );
  }
  if (!card || status === 'loading') return <Loading label={t('invite.loading')} />;

  const { group } = card;
  const member = group.myMembership?.status === 'active';
  return (
    <article className="invite-page" aria-labelledby="invite-title">
      <header className="invite-card card">
        <p className="invite-kicker">{t('invite.to')}</p>
        <h1 id="invite-title">{group.name}</h1>
        <p className="group-meta">
          <span className="badge">{conditionName(group.condition)}</span>
          {group.visibility === 'private' && <span className="badge private">{t('groups:card.private')}</span>}
          <span className="muted">{t('groups:card.members', { count: group.memberCount })}</span>
        </p>
        {group.organization && (
          <p className="host-line">
            <Link to={`/orgs/${encodeURIComponent(group.organization.slug)}`}>{t('host.by', { org: group.organization.name })}</Link>
            {group.organization.verified && (
              <span className="verified-mark">
                {' '}
                <span aria-hidden="true">✓</span>
                <span className="visually-hidden">({t('common:people.verifiedOrg')})</span>
              </span>
            )}
          </p>
        )}
        <p className="prewrap">{group.description}</p>
        {group.visibility === 'private' && <p className="hint">{t('invite.private')}</p>}
        <p className="hint">{t('invite.expires', { date: formatDate(card.expiresAt) })}</p>
      </header>

      {status === 'signedIn' ? (
        <section className="card invite-action" aria-label={t('invite.join', { name: group.name })}>
          {member ? (
            <>
              <p>{t('invite.alreadyMember')}</p>
              <Link className="button primary" to={`/groups/${encodeURIComponent(group.slug)}/chat`}>
                {t('invite.open')}
              </Link>
            </>
          ) : (
            <button type="button" className="button primary big" onClick={() => void join()} disabled={busy}>
              {busy ? t('invite.busy') : t('invite.join', { name: group.name })}
            </button>
          )}
          <ErrorState error={actionError} groupSlug={group.slug} />
        </section>
      ) : (
        <section className="card invite-action" aria-labelledby="create-join-title">
          <h2 id="create-join-title">{t('invite.createAndJoin')}</h2>
          <p className="hint">{t('invite.createHint')}</p>
          <form onSubmit={createAndJoin} noValidate>
            <ErrorState error={actionError} />
            <AccountFields values={values} errors={errors} onChange={set} />
            <button type="submit" className="button primary big" disabled={busy}>
              {busy ? t('invite.busy') : t('invite.createAndJoin')}
            </button>
          </form>
          <p>
            {t('invite.haveAccount')}{' '}
            <Link to="/login" state={{ from: `/invite/${code}` }}>
              {t('invite.signInToJoin')}
            </Link>
          </p>
        </section>
      )}

      {group.rules.trim() && (
        <section className="card" aria-labelledby="invite-rules">
          <h2 id="invite-rules">{t('invite.rules')}</h2>
          <p className="prewrap">{group.rules}</p>
        </section>
      )}
    </article>
  );
}
