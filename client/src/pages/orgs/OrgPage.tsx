/**
 * An organization's public page (signed out too): name, kind, location, website, description, its
 * staff with their titles, the groups it hosts and the upcoming events of its public groups.
 */
import type { OrganizationPage } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { orgsApi } from '../../api/organizations';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { GroupCard } from '../groups/GroupCard';
import '../../styles/groups.css';
import '../../styles/orgs.css';

export default function OrgPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation(['orgs', 'common']);
  const [page, setPage] = useState<OrganizationPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(page?.organization.name ?? t('org.title'));

  const load = useCallback(async () => {
    try {
      setPage(await orgsApi.page(slug));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [slug]);
  useEffect(() => {
    setPage(null);
    void load();
  }, [load]);

  if (error && !page) {
    const missing = error instanceof ApiError && error.code === 'NOT_FOUND';
    return (
      <section aria-labelledby="org-error">
        <h1 id="org-error">{missing ? t('org.notFound') : t('org.loadFailed')}</h1>
        <ErrorState error={error} onRetry={() => void load()} advice={missing ? <p>{t('org.notFoundText')}</p> : undefined} />
      </section>
    );
  }
  if (!page) return <Loading label={t('org.loading')} />;
  const { organization: org, groups, events } = page;

  return (
    <article className="org-page" aria-labelledby="org-title">
      <header className="org-head card">
        <h1 id="org-title">
          {org.name}
          {org.verified && (
            <span className="verified-mark" title={t('org.verifiedTitle')}>
              {' '}
              <span aria-hidden="true">✓</span>
              <span className="visually-hidden">({t('common:people.verifiedOrg')})</span>
            </span>
          )}
        </h1>
        <p className="group-meta">
          <span className="badge">{t(`kind.${org.kind}`)}</span>
          {org.verified ? <span className="badge clinician">{t('org.verified')}</span> : <span className="muted">{t('org.unverified')}</span>}
        </p>
        <dl className="facts">
          {org.location && (
            <div>
              <dt>{t('org.location')}</dt>
              <dd>{org.location}</dd>
            </div>
          )}
          {org.website && (
            <div>
              <dt>{t('org.website')}</dt>
              <dd>
                <a href={org.website} rel="noopener noreferrer nofollow" target="_blank">
                  {org.website.replace(/^https?:\/\//, '')}
                </a>
              </dd>
            </div>
          )}
        </dl>
        <p className="prewrap">{org.description}</p>
        {org.myRole === 'admin' && (
          <p>
            <Link className="button secondary" to={`/orgs/${encodeURIComponent(org.slug)}/manage`}>
              {t('org.manage')}
            </Link>
          </p>
        )}
      </header>

      <section aria-labelledby="org-staff" className="card">
        <h2 id="org-staff">{t('org.staff')}</h2>
        {org.staff.length === 0 ? (
          <p className="muted">{t('org.noStaff')}</p>
        ) : (
          <ul className="staff-list">
            {org.staff.map((s) => (
              <li key={s.user.id}>
                <strong>{s.user.displayName}</strong>
                {s.title && <span>{s.title}</span>}
                {s.role === 'admin' && <span className="badge">{t('org.role.admin')}</span>}
                {s.user.clinician && <span className="badge clinician">{t('common:people.verifiedClinician')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="org-groups">
        <h2 id="org-groups">{t('org.groups')}</h2>
        {groups.length > 0 && (
          <p>
            <Link to={`/groups?organization=${encodeURIComponent(org.slug)}`}>{t('org.seeGroups')}</Link>
          </p>
        )}
        {groups.length === 0 ? (
          <p className="muted">{t('org.noGroups')}</p>
        ) : (
          <ul className="group-cards">
            {groups.map((g) => (
              <GroupCard key={g.id} group={g} />
            ))}
          </ul>
        )}
      </section>

      {events.length > 0 && (
        <section aria-labelledby="org-events" className="card">
          <h2 id="org-events">{t('org.events')}</h2>
          <ul className="plain-list">
            {events.map((e) => (
              <li key={e.id}>
                <Link to={`/groups/${encodeURIComponent(e.group.slug)}/events/${encodeURIComponent(e.id)}`}>{e.title}</Link>{' '}
                <span className="muted">
                  · <time dateTime={e.startsAt}>{formatDateTime(e.startsAt)}</time> · {e.group.name}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
