import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { Layout } from './components/layout';
import { currentAccessToken } from './api/access-token';
import { ticketPageQuery } from './api/queries';
import { queryClient } from './api/query-client';
import { useI18n } from './i18n/i18n';
import { isAdministrator } from './screens/admin/administrator';
import { CreateTicket } from './screens/create-ticket';
import { assetListSearch, assetPageSearch, softwareListSearch } from './screens/parc/parc-search';
import { SelfServiceHome } from './screens/self-service-home';
import { TechnicianHome } from './screens/technician-home';
import { TicketList } from './screens/ticket-list';
import { criteriaOf, ticketListSearch } from './screens/ticket-list-search';
import { TicketPage } from './screens/ticket-page';
import { useSession } from './session/session';

function Home() {
  return useSession().selfService ? <SelfServiceHome /> : <TechnicianHome />;
}

function Forbidden() {
  return <h1>{useI18n().t('forbidden')}</h1>;
}

function NotFound() {
  return <h1>{useI18n().t('notFound')}</h1>;
}

const rootRoute = createRootRoute({ component: Layout, notFoundComponent: NotFound });

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home });

const ticketListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tickets',
  validateSearch: ticketListSearch,
  loaderDeps: ({ search }) => search,
  // fetched as soon as the route is known (at sign-in too: the session invalidates the router
  // before asking /me), so that the list does not wait for the screen to mount
  loader: ({ deps }) => {
    if (currentAccessToken()) void queryClient.prefetchQuery(ticketPageQuery(criteriaOf(deps)));
  },
  component: function TicketListRoute() {
    const search = ticketListRoute.useSearch();
    // the simplified interface has no ticket list: its home lists the user's own tickets
    return useSession().selfService ? <Forbidden /> : <TicketList search={search} />;
  },
});

const createTicketRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tickets/new',
  component: CreateTicket,
});

const ticketRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tickets/$ticketId',
  component: function TicketRoute() {
    const { ticketId } = ticketRoute.useParams();
    return <TicketPage key={ticketId} ticketId={ticketId} />;
  },
});

// The Parc's screens, loaded when first opened (their code stays out of the first download)
const parcScreen = () => import('./screens/parc/parc-screens');

const softwareListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/software',
  validateSearch: softwareListSearch,
  component: lazyRouteComponent(parcScreen, 'SoftwareListScreen'),
});

const softwareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/software/$softwareId',
  component: lazyRouteComponent(parcScreen, 'SoftwarePageScreen'),
});

const assetListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/$assetType',
  validateSearch: assetListSearch,
  component: lazyRouteComponent(parcScreen, 'AssetListScreen'),
});

const assetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/$assetType/$assetId',
  validateSearch: assetPageSearch,
  component: lazyRouteComponent(parcScreen, 'AssetPageScreen'),
});

const assetCreateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/$assetType/new',
  component: lazyRouteComponent(parcScreen, 'AssetCreateScreen'),
});

const assetEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/$assetType/$assetId/edit',
  component: lazyRouteComponent(parcScreen, 'AssetEditScreen'),
});

const licenseListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/licenses',
  validateSearch: softwareListSearch,
  component: lazyRouteComponent(parcScreen, 'LicenseListScreen'),
});

const licenseCreateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/licenses/new',
  validateSearch: (raw: Record<string, unknown>) => ({
    softwareId: typeof raw.softwareId === 'string' ? raw.softwareId : undefined,
  }),
  component: lazyRouteComponent(parcScreen, 'LicenseCreateScreen'),
});

const licenseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parc/licenses/$licenseId',
  component: lazyRouteComponent(parcScreen, 'LicensePageScreen'),
});

const dataInjectionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/data-injection',
  component: lazyRouteComponent(() => import('./screens/data-injection/injection-wizard'), 'InjectionWizardScreen'),
});

// Data Injection's past runs and a run's report (the wizard's chunk holds the report)
const importRunsScreen = () => import('./screens/data-injection/run-list');

const importRunsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/data-injection/runs',
  component: lazyRouteComponent(importRunsScreen, 'ImportRunsScreen'),
});

const importRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/data-injection/runs/$runId',
  component: lazyRouteComponent(importRunsScreen, 'ImportRunScreen'),
});

// the administration is for few users: its screens are not part of the first load
const AdminPage = lazy(() => import('./screens/admin/admin-page'));

/** Administration: administrators only (the services refuse the others' calls anyway). */
function AdminRoute({ section }: { section?: string }) {
  const { t } = useI18n();
  if (!isAdministrator(useSession().can)) return <Forbidden />;
  return (
    <Suspense fallback={<p>{t('loading')}</p>}>
      <AdminPage section={section} />
    </Suspense>
  );
}

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  component: () => <AdminRoute />,
});

const adminSectionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/$section',
  component: function AdminSectionRoute() {
    return <AdminRoute section={adminSectionRoute.useParams().section} />;
  },
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  ticketListRoute,
  createTicketRoute,
  ticketRoute,
  softwareListRoute,
  softwareRoute,
  assetListRoute,
  assetRoute,
  assetCreateRoute,
  assetEditRoute,
  licenseListRoute,
  licenseCreateRoute,
  licenseRoute,
  dataInjectionRoute,
  importRunsRoute,
  importRunRoute,
  adminRoute,
  adminSectionRoute,
]);

export const router = createRouter({ routeTree });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
