import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegister, useStores } from '../stores/context';

/** While training mode is on, everyone at the register sees it: nothing sold now is a real sale. */
export function TrainingBanner() {
  const { t } = useTranslation();
  const { receipts } = useStores();
  const training = useRegister('receipts', (s) => s.training);
  const user = useRegister('session', (s) => s.user);
  useEffect(() => {
    void receipts.getState().loadTraining();
  }, [receipts, user]);
  if (!training?.on) return null;
  return (
    <div className="training-banner" role="status">
      <strong>{t('receipts.trainingBanner')}</strong> {training.by ? t('receipts.trainingBy', { name: training.by }) : null}
    </div>
  );
}
