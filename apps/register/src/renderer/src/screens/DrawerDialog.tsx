import type { ApiError } from '@nota/protocol';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd, TextField } from '../components/Field';
import { useStores } from '../stores/context';
import { receiptErrorText } from './receipt-errors';

/** A manager opens the cash drawer without a sale; the reason goes into the register's log. */
export function DrawerDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { receipts } = useStores();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [opened, setOpened] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => input.current?.focus(), []);
  // Once open, the open button goes: focus moves to Close, so Esc and Enter still work from the keyboard.
  useEffect(() => {
    if (opened) close.current?.focus();
  }, [opened]);

  const open = async () => {
    if (!reason.trim()) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setBusy(true);
    const refused = await receipts.getState().openDrawer(reason.trim());
    setBusy(false);
    setError(refused);
    setOpened(!refused);
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog dialog--narrow" role="dialog" aria-modal="true" aria-labelledby="drawer-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id="drawer-title">{t('receipts.drawerTitle')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void open();
          }}
        >
          <TextField
            ref={input}
            label={t('receipts.drawerReason')}
            help={t('receipts.drawerReasonHelp')}
            value={reason}
            maxLength={200}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            error={missing ? t('receipts.drawerReasonMissing') : null}
          />
          {error ? (
            <p className="field__error" role="alert">
              {receiptErrorText(t, error)}
            </p>
          ) : null}
          {opened ? <p role="status" className="success">{t('receipts.drawerOpened')}</p> : null}
          <div className="actions">
            {opened ? null : (
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? t('receipts.drawerOpening') : t('receipts.drawerOpen')}
              </button>
            )}
            <button ref={close} type="button" className="button" onClick={onClose}>
              {opened ? t('common:action.close') : t('common:action.cancel')} <Kbd>Esc</Kbd>
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
