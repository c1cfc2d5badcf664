import type { ApiError } from '@nota/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../components/Field';
import { useRegister, useStores } from '../stores/context';
import { receiptErrorText } from './receipt-errors';

/** The manager's switch for training mode, in the settings. */
export function TrainingSwitch() {
  const { t } = useTranslation();
  const { receipts } = useStores();
  const training = useRegister('receipts', (s) => s.training);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void receipts.getState().loadTraining();
  }, [receipts]);
  return (
    <section className="panel" aria-labelledby="settings-training-title">
      <h2 id="settings-training-title">{t('receipts.trainingTitle')}</h2>
      <CheckboxField
        label={t('receipts.trainingSwitch')}
        help={t('receipts.trainingHelp')}
        checked={training?.on ?? false}
        disabled={!training}
        onChange={(on) => void receipts.getState().setTraining(on).then(setError)}
      />
      {error ? (
        <p className="field__error" role="alert">
          {receiptErrorText(t, error)}
        </p>
      ) : null}
    </section>
  );
}
