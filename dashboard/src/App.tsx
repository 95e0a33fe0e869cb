// The shell: header navigation, the session (sign-in when tokens are required), and the page for the URL.
// Every page but the incidents list is a chunk of its own, and so is the live stream (with the schemas it reads): the
// first page loads neither the charts nor zod (docs/performance.md).
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, matchRoute, useLocation, type Route } from './router.tsx';
import { Loading } from './components/States.tsx';
import { CONNECTING_TEXT, LiveStatusLine } from './components/LiveStatusLine.tsx';
import { IncidentsList } from './pages/IncidentsList.tsx';
import { SessionProvider, useSession } from './session.tsx';

const loadIncidentPage = () => import('./pages/IncidentPage.tsx');
const IncidentPage = lazy(loadIncidentPage);
const DeclareIncident = lazy(() => import('./pages/DeclareIncident.tsx'));
const DataPage = lazy(() => import('./pages/DataPage.tsx'));
const AlertsPage = lazy(() => import('./pages/AlertsPage.tsx'));
const ReportsPage = lazy(() => import('./pages/ReportsPage.tsx'));
const SuspectsPage = lazy(() => import('./pages/SuspectsPage.tsx'));
const LiveUpdates = lazy(() => import('./components/LiveStatus.tsx'));

const TITLES: Record<Route['page'], string> = {
  incidents: 'Incidents',
  incident: 'Incident',
  declare: 'Declare an incident',
  data: 'Data',
  alerts: 'Alerts',
  reports: 'Reports',
  suspects: 'Suspected incidents',
  not_found: 'Not found',
};

// An incident is what a reader opens from the list: once the list is on screen and the browser is idle, its page
// and the charts are fetched and evaluated, so opening one waits only for its data (docs/performance.md). The first
// page itself stays as small as before.
const IDLE_TIMEOUT_MS = 2_000;
function usePrefetchIncidentPage(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const prefetch = () => void loadIncidentPage().catch(() => undefined);
    if (typeof requestIdleCallback === 'undefined') {
      const t = setTimeout(prefetch, 0);
      return () => clearTimeout(t);
    }
    const handle = requestIdleCallback(prefetch, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }, [on]);
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'incidents':
      return <IncidentsList />;
    case 'incident':
      return <IncidentPage id={route.id} />;
    case 'declare':
      return <DeclareIncident />;
    case 'data':
      return <DataPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'suspects':
      return <SuspectsPage focus={route.id} />;
    default:
      return (
        <main className="page" id="main">
          <h1>Page not found</h1>
          <p>There is nothing at this address. <Link to="/">Go to the incidents</Link>.</p>
        </main>
      );
  }
}

function NavLink({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  return <Link to={to} aria-current={current ? 'page' : undefined} className={current ? 'active' : undefined}>{children}</Link>;
}

function Shell({ route }: { route: Route }) {
  const session = useSession();
  usePrefetchIncidentPage(route.page === 'incidents');
  return (
    <>
      <a href="#main" className="skip-link">Skip to content</a>
      <header className="app-header">
        <Link to="/" className="brand">Rebound</Link>
        <nav aria-label="Main">
          <NavLink to="/" current={route.page === 'incidents' || route.page === 'incident'}>Incidents</NavLink>
          {session.canEdit && <NavLink to="/incidents/new" current={route.page === 'declare'}>Declare incident</NavLink>}
          <NavLink to="/suspects" current={route.page === 'suspects'}>Suspects</NavLink>
          <NavLink to="/alerts" current={route.page === 'alerts'}>Alerts</NavLink>
          <NavLink to="/reports" current={route.page === 'reports'}>Reports</NavLink>
          <NavLink to="/data" current={route.page === 'data'}>Data</NavLink>
        </nav>
        <div className="session">
          {/* Signed in (or local): follow the server's changes, so what is on screen refreshes without a reload. */}
          <Suspense fallback={<LiveStatusLine status="connecting" text={CONNECTING_TEXT} />}>
            <LiveUpdates />
          </Suspense>
          <span className="role" title="Your role on this server">{session.tokens_required ? `Signed in as ${session.role}` : 'Local use (admin)'}</span>
          {session.tokens_required && <button type="button" className="link-button" onClick={session.signOut}>Sign out</button>}
        </div>
      </header>
      {/* The fallback is the page's main landmark meanwhile (the skip link's target), its status line polite. */}
      <Suspense fallback={<main className="page" id="main"><Loading what="the page" /></main>}>
        <Page route={route} />
      </Suspense>
    </>
  );
}

export function App() {
  const { path } = useLocation();
  const route = matchRoute(path);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · Rebound`;
  }, [route.page]);
  return (
    <SessionProvider>
      <Shell route={route} />
    </SessionProvider>
  );
}
