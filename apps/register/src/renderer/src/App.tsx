import type { i18n } from 'i18next';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createRegisterI18n } from './i18n';
import { Shell } from './screens/Shell';
import { StoresProvider } from './stores/context';
import { createRegisterStores, type RegisterStores } from './stores/register-stores';
import { pickTransport } from './transport';
import './styles/app.css';

/** The register's renderer. Tests pass their own stores (on a fake transport) and i18n instance. */
export function App(props: { stores?: RegisterStores; i18n?: i18n }) {
  const [stores] = useState(() => props.stores ?? createRegisterStores(pickTransport()));
  const [i18n] = useState(() => props.i18n ?? createRegisterI18n());
  return (
    <I18nextProvider i18n={i18n}>
      <StoresProvider stores={stores}>
        <Shell />
      </StoresProvider>
    </I18nextProvider>
  );
}
