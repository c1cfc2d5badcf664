import type { RegisterUser } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegister, useStores } from '../stores/context';

/** Pick your name, type your PIN (on the pad or the keyboard). Locked: only the same user opens it again. */
export function SignInScreen() {
  const { t } = useTranslation();
  const users = useRegister('session', (s) => s.users);
  const current = useRegister('session', (s) => s.user);
  const locked = useRegister('session', (s) => s.locked);
  const [picked, setPicked] = useState<RegisterUser | null>(locked ? current : null);
  const { session } = useStores();

  useEffect(() => {
    if (!locked) void session.getState().load();
  }, [locked, session]);

  if (picked) {
    return (
      <main className="screen screen--centered" aria-labelledby="signin-title">
        <h1 id="signin-title">{locked ? t('signIn.lockedTitle', { name: picked.name }) : t('signIn.pinTitle', { name: picked.name })}</h1>
        <PinPad
          onSubmit={(pin) => (locked ? session.getState().unlock(pin) : session.getState().signIn(picked.id, pin))}
          onCancel={
            locked
              ? () => void session.getState().signOut()
              : () => {
                  setPicked(null);
                }
          }
          cancelLabel={locked ? t('signIn.switchUser') : t('common:action.back')}
        />
      </main>
    );
  }

  return (
    <main className="screen screen--centered" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signIn.title')}</h1>
      {users.length === 0 ? <p>{t('signIn.noUsers')}</p> : null}
      <ul className="user-grid" aria-label={t('signIn.users')}>
        {users.map((user) => (
          <li key={user.id}>
            <button type="button" className="button button--tile" onClick={() => setPicked(user)}>
              <span className="user-name">{user.name}</span>
              <span className="user-role">{t(`common:role.${user.role}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}

function PinPad({ onSubmit, onCancel, cancelLabel }: { onSubmit: (pin: string) => Promise<boolean>; onCancel: () => void; cancelLabel: string }) {
  const { t } = useTranslation();
  const error = useRegister('session', (s) => s.error);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async () => {
    if (busy || pin.length < 4) return;
    setBusy(true);
    const ok = await onSubmit(pin);
    setBusy(false);
    if (!ok) {
      setPin('');
      input.current?.focus();
    }
  };
  const press = (digit: string) => {
    setPin((p) => (p.length < 8 ? p + digit : p));
    input.current?.focus();
  };

  return (
    <form
      className="pin-pad"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="pin">{t('signIn.pin')}</label>
      <input
        id="pin"
        ref={input}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={pin}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? 'pin-error' : undefined}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
      />
      {error ? (
        <p id="pin-error" className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="button button--key" onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="button button--key" aria-label={t('signIn.clear')} onClick={() => setPin('')}>
          C
        </button>
        <button type="button" className="button button--key" onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="button button--key" aria-label={t('signIn.erase')} onClick={() => setPin((p) => p.slice(0, -1))}>
          ⌫
        </button>
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || pin.length < 4}>
          {t('signIn.submit')}
        </button>
      </div>
    </form>
  );
}
