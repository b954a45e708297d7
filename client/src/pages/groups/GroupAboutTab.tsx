/** About a group: what it is for, its rules, and how joining works. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useConditionNames } from '../../i18n/conditions';
import { formatDate } from '../../i18n/format';
import { useGroupContext } from './groupContext';

export default function GroupAboutTab() {
  const { t } = useTranslation('groups');
  const { conditionName } = useConditionNames();
  const { group } = useGroupContext();
  useDocumentTitle(group.name);
  const slow = group.settings.slowModeSeconds;
  return (
    <div className="group-about stack">
      <section aria-labelledby="about-title" className="card">
        <h2 id="about-title">{t('about.title')}</h2>
        <p className="prewrap">{group.description}</p>
        <dl className="facts">
          <div>
            <dt>{t('about.condition')}</dt>
            <dd>
              <Link to={`/groups?condition=${encodeURIComponent(group.condition.slug)}`}>{conditionName(group.condition)}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('about.whoCanRead')}</dt>
            <dd>{group.visibility === 'public' ? t('about.readPublic') : t('about.readPrivate')}</dd>
          </div>
          <div>
            <dt>{t('about.joining')}</dt>
            <dd>{group.visibility === 'public' ? t('about.joinPublic') : t('about.joinPrivate')}</dd>
          </div>
          <div>
            <dt>{t('about.started')}</dt>
            <dd>
              <time dateTime={group.createdAt}>{formatDate(group.createdAt)}</time>
            </dd>
          </div>
          {slow > 0 && (
            <div>
              <dt>{t('about.slowMode')}</dt>
              <dd>{slow < 60 ? t('about.slowSeconds', { count: slow }) : t('about.slowMinutes', { count: Math.round(slow / 60) })}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="rules-title" className="card">
        <h2 id="rules-title">{t('about.rules')}</h2>
        {group.rules.trim() ? <p className="prewrap">{group.rules}</p> : <p className="muted">{t('about.noRules')}</p>}
      </section>

      {group.visibility === 'private' && group.myMembership?.status !== 'active' && (
        <p className="notice">
          {t('about.privateNotice')} {group.myMembership?.status === 'pending' ? t('about.privatePending') : t('about.privateAsk')}
        </p>
      )}
    </div>
  );
}
