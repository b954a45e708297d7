/** The owners' and moderators' screens: join requests, group details, chat settings and roles. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import { useGroupContext } from './groupContext';
import { ChatSettingsForm } from './manage/ChatSettingsForm';
import { GroupDetailsForm } from './manage/GroupDetailsForm';
import { InvitesPanel } from './manage/InvitesPanel';
import { JoinRequests } from './manage/JoinRequests';
import { RestrictionsPanel } from './manage/RestrictionsPanel';
import { RolesPanel } from './manage/RolesPanel';
import { canChangeRoles, canModerate } from './membership';

export default function GroupManageTab() {
  const { t } = useTranslation('groups');
  const { group, reload } = useGroupContext();
  const user = useSession((s) => s.user);
  useDocumentTitle(t('manage.pageTitle', { name: group.name }));

  if (!canModerate(group, user)) {
    return (
      <section aria-labelledby="manage-title">
        <h2 id="manage-title">{t('manage.title')}</h2>
        <p className="notice">
          {t('manage.notAllowed')} <Link to="..">{t('manage.back')}</Link>
        </p>
      </section>
    );
  }

  return (
    <div className="group-manage stack">
      <h2 className="visually-hidden">{t('manage.title')}</h2>
      <JoinRequests group={group} reload={reload} />
      <InvitesPanel key={`invites-${group.id}`} group={group} />
      {canChangeRoles(group, user) && <RolesPanel group={group} reload={reload} />}
      <RestrictionsPanel key={`restrictions-${group.id}`} group={group} />
      <ChatSettingsForm key={`settings-${group.id}`} group={group} reload={reload} />
      <GroupDetailsForm key={`details-${group.id}`} group={group} reload={reload} />
    </div>
  );
}
