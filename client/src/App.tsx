/** Client routes. Domain pages are loaded lazily so the first paint stays small on a phone. */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { routePreloads, type PreloadedPage } from '@circles/shared/client';
import { preloadCatalogues } from './i18n';
import type { Namespace } from './i18n/resources';
import { Loading } from './components/Loading';
import { LoginPage } from './pages/auth/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { useSession } from './stores/session';

// Signed-in pages load on demand: a signed-out visitor's first script holds only the sign-in page.
const loadHomePage = () => import('./pages/HomePage');
const HomePage = lazy(loadHomePage);
const RegisterPage = lazy(() => import('./pages/auth/RegisterPage'));
// The account: settings sections, password reset and the emails' unsubscribe page.
const SettingsLayout = lazy(() => import('./pages/settings/SettingsLayout'));
const ProfileSettings = lazy(() => import('./pages/settings/ProfileSettings'));
const PasswordSettings = lazy(() => import('./pages/settings/PasswordSettings'));
const DataSettings = lazy(() => import('./pages/settings/DataSettings'));
const DeleteAccountSettings = lazy(() => import('./pages/settings/DeleteAccountSettings'));
const ForgotPasswordPage = lazy(() => import('./pages/account/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./pages/account/ResetPasswordPage'));
const UnsubscribePage = lazy(() => import('./pages/account/UnsubscribePage'));
const loadFrontDoorPage = () => import('./pages/FrontDoorPage');
const FrontDoorPage = lazy(loadFrontDoorPage);
const InvitePage = lazy(() => import('./pages/invite/InvitePage'));
const OrgPage = lazy(() => import('./pages/orgs/OrgPage'));
const OrgManagePage = lazy(() => import('./pages/orgs/OrgManagePage'));
const CreateOrgPage = lazy(() => import('./pages/orgs/CreateOrgPage'));
const GroupsPage = lazy(() => import('./pages/groups/GroupsPage'));
const CreateGroupPage = lazy(() => import('./pages/groups/CreateGroupPage'));
const loadGroupPage = () => import('./pages/groups/GroupPage');
const GroupPage = lazy(loadGroupPage);
const GroupAboutTab = lazy(() => import('./pages/groups/GroupAboutTab'));
const GroupMembersTab = lazy(() => import('./pages/groups/GroupMembersTab'));
const GroupManageTab = lazy(() => import('./pages/groups/GroupManageTab'));
const loadChatRoom = () => import('./pages/chat/ChatRoom');
const ChatRoom = lazy(loadChatRoom);
// Moderators' screens: chunks of their own, never loaded for members.
const ReportsPage = lazy(() => import('./pages/moderation/ReportsPage'));
const AuditLogPage = lazy(() => import('./pages/moderation/AuditLogPage'));
const QuestionBoard = lazy(() => import('./pages/questions/QuestionBoard'));
const AskQuestionPage = lazy(() => import('./pages/questions/AskQuestionPage'));
const loadQuestionPage = () => import('./pages/questions/QuestionPage');
const QuestionPage = lazy(loadQuestionPage);
const GroupEventsTab = lazy(() => import('./pages/events/GroupEventsTab'));
const EventPage = lazy(() => import('./pages/events/EventPage'));
const EventRedirect = lazy(() => import('./pages/events/EventRedirect'));
const ClinicianQueuePage = lazy(() => import('./pages/questions/ClinicianQueuePage'));
const ApplyClinicianPage = lazy(() => import('./pages/questions/ApplyClinicianPage'));
const AdminApplicationsPage = lazy(() => import('./pages/questions/AdminApplicationsPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const NotificationSettingsPage = lazy(() => import('./pages/settings/NotificationSettingsPage'));

const pageLoaders: Record<PreloadedPage, () => Promise<unknown>> = {
  HomePage: loadHomePage,
  FrontDoorPage: loadFrontDoorPage,
  GroupPage: loadGroupPage,
  ChatRoom: loadChatRoom,
  QuestionPage: loadQuestionPage,
};

/**
 * Starts fetching (and running) the chunks and catalogues a deep link's first screen needs at once,
 * beside the session check and the common catalogue, instead of one after another as each lazy piece
 * renders (on a phone every link of that chain is a round trip). The server already named these chunks
 * in the page (routePreloads, shared with it), so here they are usually on their way or arrived.
 * Their first data is asked for early too, once the refresh brings a token: api/prefetch.ts.
 */
export function preloadRoute(pathname: string, mayBeSignedIn: boolean): void {
  const { pages, namespaces } = routePreloads(pathname, mayBeSignedIn);
  for (const page of pages) void pageLoaders[page]().catch(() => undefined);
  if (namespaces.length) preloadCatalogues(namespaces as Namespace[]);
}

/** Sends signed-out visitors to sign in, remembering where they were going. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const status = useSession((s) => s.status);
  const location = useLocation();
  if (status === 'loading') return <Loading label={t('loading.session')} />;
  if (status === 'signedOut') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const { t } = useTranslation('common');
  if (status === 'loading') return <Loading label={t('loading.session')} />;
  if (status === 'signedIn') return <Navigate to={from} replace />;
  return <>{children}</>;
}

/** Home for people signed in; the front door (what Circles is, and the way in) for visitors. */
function HomeOrFrontDoor() {
  const { t } = useTranslation('common');
  const status = useSession((s) => s.status);
  if (status === 'loading') return <Loading label={t('loading.session')} />;
  return status === 'signedIn' ? <HomePage /> : <FrontDoorPage />;
}

export function App() {
  const { t } = useTranslation('common');
  return (
    <Layout>
      <Suspense fallback={<Loading label={t('loading.page')} />}>
        <Routes>
          <Route path="/login" element={<GuestOnly><LoginPage /></GuestOnly>} />
          <Route path="/register" element={<GuestOnly><RegisterPage /></GuestOnly>} />
          <Route path="/" element={<HomeOrFrontDoor />} />
          {/* Signed in or out: a forgotten password, the emailed reset link, an email's unsubscribe link. */}
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/unsubscribe" element={<UnsubscribePage />} />
          <Route path="/me" element={<Navigate to="/settings/profile" replace />} />
          {/* /settings/notifications is the notifications domain's page (its own route). */}
          <Route path="/settings" element={<RequireAuth><SettingsLayout /></RequireAuth>}>
            <Route index element={<Navigate to="/settings/profile" replace />} />
            <Route path="profile" element={<ProfileSettings />} />
            <Route path="password" element={<PasswordSettings />} />
            <Route path="data" element={<DataSettings />} />
            <Route path="delete" element={<DeleteAccountSettings />} />
          </Route>
          <Route path="/groups" element={<GroupsPage />} />
          <Route path="/groups/new" element={<RequireAuth><CreateGroupPage /></RequireAuth>} />
          {/* Signed out, a group opens as its card (the about tab); everything else asks to sign in. */}
          <Route path="/groups/:slug" element={<GroupPage />}>
            <Route index element={<GroupAboutTab />} />
            <Route path="chat" element={<RequireAuth><ChatRoom /></RequireAuth>} />
            <Route path="questions" element={<RequireAuth><QuestionBoard /></RequireAuth>} />
            <Route path="questions/ask" element={<RequireAuth><AskQuestionPage /></RequireAuth>} />
            <Route path="events" element={<RequireAuth><GroupEventsTab /></RequireAuth>} />
            <Route path="events/:eventId" element={<RequireAuth><EventPage /></RequireAuth>} />
            <Route path="members" element={<RequireAuth><GroupMembersTab /></RequireAuth>} />
            <Route path="manage" element={<RequireAuth><GroupManageTab /></RequireAuth>} />
            <Route path="reports" element={<RequireAuth><ReportsPage /></RequireAuth>} />
            <Route path="audit-log" element={<RequireAuth><AuditLogPage /></RequireAuth>} />
          </Route>
          <Route path="/invite/:code" element={<InvitePage />} />
          <Route path="/orgs/new" element={<RequireAuth><CreateOrgPage /></RequireAuth>} />
          <Route path="/orgs/:slug" element={<OrgPage />} />
          <Route path="/orgs/:slug/manage" element={<RequireAuth><OrgManagePage /></RequireAuth>} />
          <Route path="/events/:id" element={<RequireAuth><EventRedirect /></RequireAuth>} />
          <Route path="/questions/:id" element={<RequireAuth><QuestionPage /></RequireAuth>} />
          <Route path="/clinician/queue" element={<RequireAuth><ClinicianQueuePage /></RequireAuth>} />
          <Route path="/clinician/apply" element={<RequireAuth><ApplyClinicianPage /></RequireAuth>} />
          <Route path="/admin/clinicians" element={<RequireAuth><AdminApplicationsPage /></RequireAuth>} />
          <Route path="/notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
          <Route path="/settings/notifications" element={<RequireAuth><NotificationSettingsPage /></RequireAuth>} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
