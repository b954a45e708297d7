/**
 * Whom a person speaks for, beside their name: "Nurse educator, Riverside Children’s Hospital ✓".
 * The check mark stands for a verified organization (said in words to screen readers).
 */
import type { PublicUser } from '@circles/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Affiliations({ user, link = true }: { user: Pick<PublicUser, 'affiliations'>; link?: boolean }) {
  const { t } = useTranslation('common');
  const list = user.affiliations ?? [];
  if (list.length === 0) return null;
  return (
    <span className="affiliations">
      {list.map((a) => {
        const text = a.title ? t('people.affiliation', { title: a.title, org: a.orgName }) : a.orgName;
        return (
          <span key={a.orgSlug} className="affiliation">
            {link ? <Link to={`/orgs/${encodeURIComponent(a.orgSlug)}`}>{text}</Link> : text}
            {a.verified && (
              <span className="verified-mark" title={t('people.verifiedOrg')}>
                {' '}
                <span aria-hidden="true">✓</span>
                <span className="visually-hidden">({t('people.verifiedOrg')})</span>
              </span>
            )}
          </span>
        );
      })}
    </span>
  );
}
