/**
 * The front door for signed-out visitors: what Circles is and who it is for, conditions to browse,
 * a few group cards (never content), verified organizations, and the way in. Loaded lazily: a
 * signed-in person never downloads it.
 */
import type { Group, Organization } from '@circles/shared';
import { startTransition, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { groupsApi } from '../api/groups';
import { orgsApi } from '../api/organizations';
import { ErrorState } from '../components/ErrorState';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useConditionNames } from '../i18n/conditions';
import { conditionsByCategory, useGroups } from '../stores/groups';
import { GroupCard } from './groups/GroupCard';
import '../styles/groups.css';
import '../styles/orgs.css';

export default function FrontDoorPage() {
  const { t } = useTranslation(['orgs', 'common', 'groups']);
  useDocumentTitle(t('front.title'));
  const names = useConditionNames();
  const { conditions, loadConditions } = useGroups();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [orgs, setOrgs] = useState<Organization[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async () => {
    setError(null);
    try {
      const [g, o] = await Promise.all([groupsApi.list({ limit: 6 }), orgsApi.list({ verified: true, limit: 6 })]);
      // The cards render in slices (a transition): one long task on a phone otherwise.
      startTransition(() => {
        setGroups(g.items);
        setOrgs(o.items);
      });
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void loadConditions();
    void load();
  }, [loadConditions]);

  // The catalogue arrives through the groups store, whose updates render at once: as a deferred value
  // the chips render in slices (like the cards, below), not in one long task on a phone.
  const categories = useDeferredValue(useMemo(() => (conditions ? conditionsByCategory(conditions, names) : []), [conditions, names]));

  return (
    <div className="front-door">
      <section className="front-hero" aria-labelledby="front-title">
        <h1 id="front-title">{t('front.title')}</h1>
        <p className="lede">{t('front.lede')}</p>
        <div className="front-actions">
          <Link className="button primary" to="/register">
            {t('front.join')}
          </Link>
          <Link className="button secondary" to="/login">
            {t('front.signIn')}
          </Link>
        </div>
      </section>

      <section aria-labelledby="front-who" className="card">
        <h2 id="front-who">{t('front.forWho')}</h2>
        <ul className="front-for">
          <li>{t('front.forPatients')}</li>
          <li>{t('front.forFamilies')}</li>
          <li>{t('front.forCare')}</li>
        </ul>
        <p className="hint">{t('front.safe')}</p>
      </section>

      {categories.length > 0 && (
        <section aria-labelledby="front-browse">
          <h2 id="front-browse">{t('front.browse')}</h2>
          <ul className="category-filter-list chips">
            {categories.map((c) => (
              <li key={c.category}>
                <Link className="chip" to={`/groups?category=${encodeURIComponent(c.category)}`}>
                  {names.categoryName(c.category)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="front-groups">
        <h2 id="front-groups">{t('front.groups')}</h2>
        <ErrorState error={error} onRetry={() => void load()} />
        {!groups && !error && <Loading label={t('front.loading')} />}
        {groups && (
          <ul className="group-cards">
            {groups.map((g) => (
              <GroupCard key={g.id} group={g} />
            ))}
          </ul>
        )}
        <p>
          <Link to="/groups">{t('front.allGroups')}</Link>
        </p>
      </section>

      <section aria-labelledby="front-orgs">
        <h2 id="front-orgs">{t('front.orgs')}</h2>
        <p className="hint">{t('front.orgsHint')}</p>
        {orgs && orgs.length === 0 && <p className="muted">{t('front.noOrgs')}</p>}
        {orgs && orgs.length > 0 && (
          <ul className="org-cards">
            {orgs.map((o) => (
              <li key={o.id} className="card">
                <h3>
                  <Link to={`/orgs/${encodeURIComponent(o.slug)}`}>{o.name}</Link>
                  <span className="verified-mark">
                    {' '}
                    <span aria-hidden="true">✓</span>
                    <span className="visually-hidden">({t('common:people.verifiedOrg')})</span>
                  </span>
                </h3>
                <p className="muted">
                  {t(`kind.${o.kind}`)}
                  {o.location ? ` · ${o.location}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="front-ready">
        <h2 id="front-ready">{t('front.signUpToJoin')}</h2>
        <Link className="button primary" to="/register">
          {t('front.join')}
        </Link>
      </section>
    </div>
  );
}
