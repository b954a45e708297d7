/** Adding an organization: the creator becomes its first admin; a site admin verifies it later. */
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '@circles/shared';
import { api } from '../../api/http';
import { orgsApi } from '../../api/organizations';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import { OrgForm } from './OrgForm';
import '../../styles/orgs.css';

export default function CreateOrgPage() {
  const { t } = useTranslation('orgs');
  useDocumentTitle(t('create.title'));
  const navigate = useNavigate();
  const setUser = useSession((s) => s.setUser);
  return (
    <section className="org-page" aria-labelledby="create-org-title">
      <h1 id="create-org-title">{t('create.title')}</h1>
      <p className="lede">{t('create.lede')}</p>
      <OrgForm
        withTitle
        submitLabel={t('create.submit')}
        busyLabel={t('create.busy')}
        onSubmit={async (v) => {
          const org = await orgsApi.create({
            name: v.name,
            kind: v.kind,
            description: v.description,
            ...(v.website.trim() ? { website: v.website.trim() } : {}),
            ...(v.location.trim() ? { location: v.location.trim() } : {}),
            ...(v.title.trim() ? { title: v.title.trim() } : {}),
          });
          // The new affiliation shows beside my name from now on.
          void api.get<Me>('/me').then(setUser, () => undefined);
          void navigate(`/orgs/${encodeURIComponent(org.slug)}`);
        }}
      />
    </section>
  );
}
