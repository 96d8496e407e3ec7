/** The routes: public pages, then everything else behind a login. */
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { homePath, TWO_FACTOR_PATH, useAuth } from './auth';
import { Loading } from './components';
import { FORM_ORDER, FORMS } from './forms/forms';
import { Layout } from './layout';
import { LoginPage } from './pages/login-page';
import { PublicLookupPage } from './pages/public-lookup-page';
import type { Role } from './types';

// Screens load on first use, so the desk PC downloads only what its officer opens.
const IntakePage = lazy(() => import('./pages/intake-page'));
const FormPage = lazy(() => import('./forms/form-page'));
const HandBackPage = lazy(() => import('./pages/hand-back-page'));
const MyWorkPage = lazy(() => import('./pages/my-work-page'));
const DossierListPage = lazy(() => import('./pages/dossier-list-page'));
const DossierPage = lazy(() => import('./pages/dossier-page'));
const DashboardPage = lazy(() => import('./pages/dashboard-page'));
const OverduePage = lazy(() => import('./pages/overdue-page'));
const ReportsPage = lazy(() => import('./pages/reports-page'));
const ProceduresPage = lazy(() => import('./pages/procedures-page'));
const ProcedurePage = lazy(() => import('./pages/procedure-page'));
const CalendarPage = lazy(() => import('./pages/calendar-page'));
const UsersPage = lazy(() => import('./pages/users-page'));
const AgenciesPage = lazy(() => import('./pages/agencies-page'));
const AuditPage = lazy(() => import('./pages/audit-page'));
const TwoFactorPage = lazy(() => import('./pages/two-factor-page'));

function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, hasRole, twoFactorSetupRequired } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/dang-nhap" replace state={{ from: location.pathname + location.search }} />;
  // Until the required second factor is set up, the API answers nothing else (403 two_factor_required).
  if (twoFactorSetupRequired && location.pathname !== TWO_FACTOR_PATH) return <Navigate to={TWO_FACTOR_PATH} replace />;
  if (roles && !hasRole(...roles)) {
    return (
      <div className="alert alert-error" role="alert">
        Tài khoản của bạn không có quyền mở trang này.
      </div>
    );
  }
  return <>{children}</>;
}

function Home() {
  const { user } = useAuth();
  return <Navigate to={user ? homePath(user) : '/dang-nhap'} replace />;
}

const desk: Role[] = ['reception'];
const officers: Role[] = ['reception', 'specialist', 'leader', 'clerk'];
const readers: Role[] = ['reception', 'specialist', 'leader', 'clerk', 'supervisor'];
const supervisors: Role[] = ['supervisor'];
const admins: Role[] = [];

export function App() {
  const guard = (roles: Role[], el: ReactNode) => <RequireAuth roles={roles}>{el}</RequireAuth>;
  return (
    <BrowserRouter>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/dang-nhap" element={<LoginPage />} />
          <Route path="/tra-cuu" element={<PublicLookupPage />} />
          <Route
            element={
              <RequireAuth>
                <Layout />
              </RequireAuth>
            }
          >
            <Route index element={<Home />} />
            <Route path="/tiep-nhan" element={guard(desk, <IntakePage />)} />
            <Route path="/tra-ket-qua" element={guard(desk, <HandBackPage />)} />
            <Route path="/cong-viec" element={guard(officers, <MyWorkPage />)} />
            <Route path="/ho-so" element={guard(readers, <DossierListPage />)} />
            <Route path="/ho-so/:id" element={guard(readers, <DossierPage />)} />
            {FORM_ORDER.map((form) => (
              <Route key={form} path={`/ho-so/:id/${FORMS[form].path}`} element={guard(readers, <FormPage key={form} form={form} />)} />
            ))}
            <Route path="/giam-sat" element={guard(supervisors, <DashboardPage />)} />
            <Route path="/giam-sat/qua-han" element={guard(supervisors, <OverduePage />)} />
            <Route path="/bao-cao" element={guard(supervisors, <ReportsPage />)} />
            <Route path="/quan-tri/thu-tuc" element={guard(admins, <ProceduresPage />)} />
            <Route path="/quan-tri/thu-tuc/:code" element={guard(admins, <ProcedurePage />)} />
            <Route path="/quan-tri/lich" element={guard(admins, <CalendarPage />)} />
            <Route path="/quan-tri/nguoi-dung" element={guard(admins, <UsersPage />)} />
            <Route path="/quan-tri/co-quan" element={guard(admins, <AgenciesPage />)} />
            <Route path="/quan-tri/nhat-ky" element={guard(admins, <AuditPage />)} />
            <Route path={TWO_FACTOR_PATH} element={<TwoFactorPage />} />
            <Route path="*" element={<p>Không có trang này.</p>} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
