/** Who is muted or banned in the group now — by whom, why, until when — with a button to lift each. */
import type { Group, Restriction } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationApi } from '../../../api/moderation';
import { ErrorState } from '../../../components/ErrorState';
import { Loading } from '../../../components/Loading';
import { useCursorList } from '../../../hooks/useCursorList';
import { formatDateTime } from '../../../i18n/format';
import { PersonLine } from '../GroupMembersTab';

type Kind = 'mutes' | 'bans';

function RestrictionList({ group, kind, onLifted }: { group: Group; kind: Kind; onLifted(text: string): void }) {
  const { t } = useTranslation(['groups', 'common']);
  const fetchPage = useCallback(
    (cursor: string | null) => (kind === 'mutes' ? moderationApi.mutes(group.slug, cursor) : moderationApi.bans(group.slug, cursor)),
    [group.slug, kind],
  );
  const { items, setItems, nextCursor, error, busy, load } = useCursorList(fetchPage);
  const [actionError, setActionError] = useState<unknown>(null);
  const [working, setWorking] = useState<string | null>(null);
  useEffect(() => {
    void load(null);
  }, [load]);

  const lift = async (r: Restriction) => {
    setWorking(r.user.id);
    setActionError(null);
    try {
      if (kind === 'mutes') await moderationApi.unmute(group.slug, r.user.id);
      else await moderationApi.unban(group.slug, r.user.id);
      setItems((list) => list?.filter((x) => x.user.id !== r.user.id) ?? null);
      onLifted(t(kind === 'mutes' ? 'restrictions.unmuted' : 'restrictions.unbanned', { name: r.user.displayName }));
    } catch (err) {
      setActionError(err);
    } finally {
      setWorking(null);
    }
  };

  return (
    <section aria-labelledby={`${kind}-title`}>
      <h3 id={`${kind}-title`}>{t(kind === 'mutes' ? 'restrictions.mutes' : 'restrictions.bans')}</h3>
      <ErrorState error={actionError} groupSlug={group.slug} />
      {error ? (
        <ErrorState error={error} groupSlug={group.slug} onRetry={() => void load(null)} />
      ) : !items ? (
        <Loading label={t('restrictions.loading')} />
      ) : items.length === 0 ? (
        <p className="muted">{t(kind === 'mutes' ? 'restrictions.noMutes' : 'restrictions.noBans')}</p>
      ) : (
        <ul className="role-list">
          {items.map((r) => (
            <li key={r.user.id}>
              <div>
                <PersonLine member={{ user: r.user }} />
                <p className="small">
                  {r.until ? t('restrictions.until', { time: formatDateTime(r.until) }) : t('restrictions.untilLifted')}
                  {' · '}
                  {t('restrictions.by', { name: r.by?.displayName ?? t('restrictions.system') })}
                </p>
                {r.reason && <p className="small muted prewrap">{t('restrictions.reason', { reason: r.reason })}</p>}
              </div>
              <div className="role-actions">
                <button type="button" className="button secondary small" disabled={working === r.user.id} onClick={() => void lift(r)}>
                  {t(kind === 'mutes' ? 'restrictions.liftMute' : 'restrictions.liftBan')}
                  <span className="visually-hidden"> {t('restrictions.for', { name: r.user.displayName })}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <button type="button" className="button secondary" disabled={busy} onClick={() => void load(nextCursor)}>
          {t('common:action.showMore')}
        </button>
      )}
    </section>
  );
}

export function RestrictionsPanel({ group }: { group: Group }) {
  const { t } = useTranslation('groups');
  const [announcement, setAnnouncement] = useState('');
  return (
    <section aria-labelledby="restrictions-title" className="card">
      <h2 id="restrictions-title">{t('restrictions.title')}</h2>
      <p className="muted">{t('restrictions.intro')}</p>
      <p className={announcement ? 'success-box' : 'visually-hidden'} role="status">
        {announcement}
      </p>
      <RestrictionList group={group} kind="mutes" onLifted={setAnnouncement} />
      <RestrictionList group={group} kind="bans" onLifted={setAnnouncement} />
    </section>
  );
}
