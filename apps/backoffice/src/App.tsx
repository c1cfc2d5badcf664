import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { Redirect, Route, Router, Switch, type BaseLocationHook } from 'wouter';
import { BooksOnly, ForRoles } from './access/access';
import { Layout } from './components/Layout';
import { AccountingPage } from './pages/AccountingPage';
import { AgressoPage } from './pages/AgressoPage';
import { CustomerEditPage } from './pages/CustomerEditPage';
import { CustomersPage } from './pages/CustomersPage';
import { ExportsPage } from './pages/ExportsPage';
import { InvoicesPage } from './pages/InvoicesPage';
import { PasswordPage } from './pages/PasswordPage';
import { PaymentMethodsPage } from './pages/PaymentMethodsPage';
import { RegistersPage } from './pages/RegistersPage';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { AuditPage } from './pages/AuditPage';
import { ProductEditPage } from './pages/ProductEditPage';
import { ProductsPage } from './pages/ProductsPage';
import { UsersPage } from './pages/UsersPage';
import { SessionGate } from './session';

/** A product id from the address: links encode it whole (ids are the catalog's, not always UUIDs). */
function pathPart(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

export function createQueryClient(): QueryClient {
  // A refusal is shown, not retried behind the person's back; data is fresh for a few seconds.
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000, refetchOnWindowFocus: false }, mutations: { retry: false } } });
}

/** The back office: signed in, a menu and one page per address (tests pass a memory location). */
export function App({ i18n, queryClient, location }: { i18n: i18n; queryClient: QueryClient; location?: BaseLocationHook }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <Router {...(location ? { hook: location } : {})}>
          <SessionGate>
            <Layout>
              <Switch>
                <Route path="/customers" component={CustomersPage} />
                <Route path="/customers/new">
                  <BooksOnly>
                    <CustomerEditPage id={null} />
                  </BooksOnly>
                </Route>
                <Route path="/customers/:id">
                  {(params) => (
                    <BooksOnly>
                      <CustomerEditPage id={params.id} />
                    </BooksOnly>
                  )}
                </Route>
                {/* One route, so the list keeps its filters and page while an invoice opens beside it. */}
                <Route path="/invoices/:id?">{(params) => <InvoicesPage openId={params.id ?? null} />}</Route>
                <Route path="/exports">
                  <ForRoles page="/exports">
                    <ExportsPage />
                  </ForRoles>
                </Route>
                <Route path="/accounting">
                  <ForRoles page="/accounting">
                    <AccountingPage />
                  </ForRoles>
                </Route>
                <Route path="/registers" component={RegistersPage} />
                <Route path="/payment-methods" component={PaymentMethodsPage} />
                <Route path="/agresso">
                  <ForRoles page="/agresso">
                    <AgressoPage />
                  </ForRoles>
                </Route>
                <Route path="/password" component={PasswordPage} />
                <Route path="/products">{() => <ForRoles page="/products"><ProductsPage /></ForRoles>}</Route>
                <Route path="/products/new">{() => <ForRoles page="/products"><ProductEditPage id={null} /></ForRoles>}</Route>
                <Route path="/products/:id">{(params) => <ForRoles page="/products"><ProductEditPage id={pathPart(params.id)} /></ForRoles>}</Route>
                <Route path="/users">{() => <ForRoles page="/users"><UsersPage /></ForRoles>}</Route>
                <Route path="/api-keys">{() => <ForRoles page="/api-keys"><ApiKeysPage /></ForRoles>}</Route>
                <Route path="/audit">{() => <ForRoles page="/audit"><AuditPage /></ForRoles>}</Route>
                <Route>
                  <Redirect to="/invoices" />
                </Route>
              </Switch>
            </Layout>
          </SessionGate>
        </Router>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
