import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useHotkeys } from '../components/hotkeys';
import { Notices } from '../components/Notices';
import { StatusBar } from '../components/StatusBar';
import { useRegister, useStores } from '../stores/context';
import { CustomersScreen } from './CustomersScreen';
import { FirstStartScreen } from './FirstStartScreen';
import { PrinterSetupScreen } from './PrinterSetupScreen';
import { SaleScreen } from './SaleScreen';
import { SalesTodayScreen } from './SalesTodayScreen';
import { SettingsScreen } from './SettingsScreen';
import { SignInScreen } from './SignInScreen';

type Screen = 'sale' | 'customers' | 'sales-today' | 'settings';

/** Which screen is showing: set-up, sign-in, or the till with its status bar and messages. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const sync = useRegister('status', (s) => s.sync);
  const user = useRegister('session', (s) => s.user);
  const locked = useRegister('session', (s) => s.locked);
  const loaded = useRegister('session', (s) => s.loaded);
  const settings = useRegister('settings', (s) => s.settings);
  const [screen, setScreen] = useState<Screen>('sale');
  const [moreOpen, setMoreOpen] = useState(false);
  const [printerPrompted, setPrinterPrompted] = useState(false);

  useEffect(() => {
    const stop = stores.status.getState().start();
    const stopMethods = stores.payment.getState().watchMethods();
    void stores.session.getState().load();
    void stores.settings.getState().load();
    return () => {
      stop();
      stopMethods();
    };
  }, [stores]);
  useEffect(() => {
    if (settings && settings.language !== i18n.language) void i18n.changeLanguage(settings.language);
  }, [settings, i18n]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  const active = Boolean(user && !locked);
  const go = (s: Screen) => {
    setMoreOpen(false);
    setScreen(s);
  };
  useHotkeys({ F3: () => stores.session.getState().lock(), F9: () => go('customers'), F10: () => go('sales-today') }, active);

  let body;
  if (!sync || !loaded) body = <main className="screen screen--centered" aria-busy="true"><h1>{t('app.starting')}</h1></main>;
  else if (sync.state === 'not-enrolled') body = <FirstStartScreen />;
  else if (!user || locked) body = <SignInScreen />;
  else if (user.role === 'manager' && settings && !settings.printerUrl && !printerPrompted) body = <PrinterSetupScreen onSkip={() => setPrinterPrompted(true)} />;
  else if (screen === 'customers') body = <CustomersScreen onClose={() => go('sale')} />;
  else if (screen === 'sales-today') body = <SalesTodayScreen onClose={() => go('sale')} />;
  else if (screen === 'settings' && user.role === 'manager') body = <SettingsScreen onClose={() => go('sale')} />;
  else body = <main className="screen screen--sale" aria-label={t('sale.title')}><SaleScreen /></main>;

  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">Nota</span>
        {settings ? <span className="muted">{settings.storeName} · {settings.registerName}</span> : null}
        {active && user ? (
          <nav className="top-nav" aria-label={t('nav.label')}>
            <button type="button" className="button button--nav" aria-current={screen === 'sale' ? 'page' : undefined} onClick={() => go('sale')}>
              {t('nav.sale')}
            </button>
            <div className="menu">
              <button type="button" className="button button--nav" aria-expanded={moreOpen} aria-controls="more-menu" onClick={() => setMoreOpen((v) => !v)}>
                {t('nav.more')}
              </button>
              {moreOpen ? (
                <ul id="more-menu" className="menu__list" aria-label={t('nav.more')}>
                  <li>
                    <button type="button" className="button button--menu" onClick={() => go('customers')}>
                      {t('nav.customers')} <Kbd>F9</Kbd>
                    </button>
                  </li>
                  <li>
                    <button type="button" className="button button--menu" onClick={() => go('sales-today')}>
                      {t('nav.salesToday')} <Kbd>F10</Kbd>
                    </button>
                  </li>
                  {user.role === 'manager' ? (
                    <li>
                      <button type="button" className="button button--menu" onClick={() => go('settings')}>
                        {t('nav.settings')}
                      </button>
                    </li>
                  ) : null}
                </ul>
              ) : null}
            </div>
            <span className="user">
              {user.name} ({t(`common:role.${user.role}`)})
            </span>
            <button type="button" className="button button--nav" onClick={() => stores.session.getState().lock()}>
              {t('nav.lock')} <Kbd>F3</Kbd>
            </button>
            <button type="button" className="button button--nav" onClick={() => void stores.session.getState().signOut()}>
              {t('nav.signOut')}
            </button>
          </nav>
        ) : null}
      </header>
      <Notices />
      {body}
      {active ? <Shortcuts /> : null}
      <StatusBar />
    </div>
  );
}

function Shortcuts() {
  const { t } = useTranslation();
  return (
    <aside className="shortcuts" aria-label={t('shortcuts.label')}>
      {(['F2', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F3', 'Ctrl+Enter', 'Esc'] as const).map((key) => (
        <span key={key} className="shortcut">
          <Kbd>{key}</Kbd> {t(`shortcuts.${key}`)}
        </span>
      ))}
    </aside>
  );
}
