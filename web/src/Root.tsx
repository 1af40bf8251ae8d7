// Providers (Ant Design locale and theme, the user's session) and the routes. Pages load lazily.
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useI18n } from './i18n';
import { AuthProvider } from './features/auth/AuthContext';
import { FullPageSpin, NotFound, RequireAuth, RequirePermission } from './features/auth/guards';
import { AppShell } from './features/shell/AppShell';
import { setFeedback } from './features/shell/feedback';

const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const ChangePasswordPage = lazy(() => import('./features/auth/ChangePasswordPage'));
const HomePage = lazy(() => import('./features/home/HomePage'));
const ProfilePage = lazy(() => import('./features/profile/ProfilePage'));
const ContactsPage = lazy(() => import('./features/contacts/ContactsPage'));
const LeadsPage = lazy(() => import('./features/leads/LeadsPage'));
const LeadDetailPage = lazy(() => import('./features/leads/LeadDetailPage'));
const VisitsPage = lazy(() => import('./features/visits/VisitsPage'));
const VisitFormPage = lazy(() => import('./features/visits/VisitFormPage'));
const VisitDetailPage = lazy(() => import('./features/visits/VisitDetailPage'));
const QuotaProgressPage = lazy(() => import('./features/visits/QuotaProgressPage'));
const EventsPage = lazy(() => import('./features/events/EventsPage'));
const EventDetailPage = lazy(() => import('./features/events/EventDetailPage'));
const EnterprisesPage = lazy(() => import('./features/enterprises/EnterprisesPage'));
const EnterpriseDetailPage = lazy(() => import('./features/enterprises/EnterpriseDetailPage'));
const SearchPage = lazy(() => import('./features/search/SearchPage'));
const ProjectsPage = lazy(() => import('./features/projects/ProjectsPage'));
const ProjectDetailPage = lazy(() => import('./features/projects/ProjectDetailPage'));
const ProjectApprovalsPage = lazy(() => import('./features/projects/ApprovalsPage'));
const ProjectProblemsPage = lazy(() => import('./features/projects/ProblemsPage'));
const UnitsPage = lazy(() => import('./features/units/UnitsPage'));
const TeamsPage = lazy(() => import('./features/teams/TeamsPage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const SecurityPage = lazy(() => import('./features/security/SecurityPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));
const ImportsPage = lazy(() => import('./features/imports/ImportsPage'));
const BackupPage = lazy(() => import('./features/backup/BackupPage'));
const TargetsPage = lazy(() => import('./features/targets/TargetsPage'));
const RankingPage = lazy(() => import('./features/assessment/RankingPage'));

function FeedbackBridge() {
  setFeedback(AntApp.useApp());
  return null;
}

const guard = (permission: string, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

export function Root() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUSLocale : zhCNLocale}
      theme={{
        token: { colorPrimary: '#1d55b0', borderRadius: 4, colorLink: '#1d55b0' },
        components: { Layout: { headerBg: '#0f3a7d', siderBg: '#ffffff', footerBg: 'transparent' } },
      }}
    >
      <AntApp>
        <FeedbackBridge />
        <AuthProvider>
          <Suspense fallback={<FullPageSpin />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/change-password"
                element={
                  <RequireAuth allowPasswordChange>
                    <ChangePasswordPage />
                  </RequireAuth>
                }
              />
              <Route
                element={
                  <RequireAuth>
                    <AppShell />
                  </RequireAuth>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="profile" element={<ProfilePage />} />
                <Route path="contacts" element={guard('business.read', <ContactsPage />)} />
                <Route path="leads" element={guard('business.read', <LeadsPage />)} />
                <Route path="leads/:id" element={guard('business.read', <LeadDetailPage />)} />
                <Route path="visits" element={guard('business.read', <VisitsPage />)} />
                <Route path="visits/new" element={guard('business.write', <VisitFormPage />)} />
                <Route path="visits/quotas" element={guard('business.read', <QuotaProgressPage />)} />
                <Route path="visits/:id" element={guard('business.read', <VisitDetailPage />)} />
                <Route path="events" element={guard('business.read', <EventsPage />)} />
                <Route path="events/:id" element={guard('business.read', <EventDetailPage />)} />
                <Route path="enterprises" element={guard('business.read', <EnterprisesPage />)} />
                <Route path="enterprises/:id" element={guard('business.read', <EnterpriseDetailPage />)} />
                <Route path="search" element={guard('business.read', <SearchPage />)} />
                <Route path="projects" element={guard('business.read', <ProjectsPage />)} />
                <Route path="projects/:id" element={guard('business.read', <ProjectDetailPage />)} />
                <Route path="project-approvals" element={guard('projects.approve', <ProjectApprovalsPage />)} />
                <Route path="project-problems" element={guard('business.read', <ProjectProblemsPage />)} />
                <Route path="units" element={guard('org.read', <UnitsPage />)} />
                <Route path="teams" element={guard('org.read', <TeamsPage />)} />
                <Route path="users" element={guard('users.read', <UsersPage />)} />
                <Route path="security" element={guard('security.settings', <SecurityPage />)} />
                <Route path="audit" element={guard('audit.read', <AuditPage />)} />
                <Route path="targets" element={guard('business.read', <TargetsPage />)} />
                <Route path="ranking" element={guard('business.read', <RankingPage />)} />
                <Route path="imports" element={guard('business.write', <ImportsPage />)} />
                <Route path="backup" element={guard('system.backup', <BackupPage />)} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
