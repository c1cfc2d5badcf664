import { useTranslation } from 'react-i18next';

/** Previous / next with where we are; a page the server counted shows "51–100 of 300". */
export function Pager(props: { onPrevious?: (() => void) | undefined; onNext?: (() => void) | undefined; range?: string; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="button" onClick={props.onPrevious} disabled={!props.onPrevious || props.busy}>
        ← {t('pager.previous')}
      </button>
      {props.range ? <span className="pager__range">{props.range}</span> : null}
      <button type="button" className="button" onClick={props.onNext} disabled={!props.onNext || props.busy}>
        {t('pager.next')} →
      </button>
    </nav>
  );
}
