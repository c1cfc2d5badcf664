import { zodResolver } from '@hookform/resolvers/zod';
import { gs1CheckDigitWrong } from '@nota/domain';
import type { ProductBody } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { CheckField, FormField } from '../components/FormField';
import { useFormat } from '../components/format';
import { errorMessage, Notice } from '../components/States';
import { explain } from '../i18n';
import { useCatalogLookups } from './catalog-data';
import { ProductFormSchema, productFormValues, type ProductFields, type ProductFormValues } from './product-form-schema';
import { useSettled } from './use-settled';

const resolver = zodResolver(ProductFormSchema as never) as unknown as Resolver<ProductFormValues, unknown, ProductFields>;
/** The form's field for a field the server names (`body.priceOre` → `price`). */
const FROM_WIRE: Record<string, keyof ProductFormValues> = { priceOre: 'price' };

/**
 * A product as a store sells it: SKU, name, group, price with VAT, VAT code, barcode, active. Each field
 * is checked as it is typed by the server's rules; the barcode is also looked up on the server while
 * typing, so one that another product has is named before saving; a refusal lands on its field.
 */
export function ProductForm({ product, onSaved }: { product: ProductBody | null; onSaved: (p: ProductBody, created: boolean) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const lookups = useCatalogLookups();
  const form = useForm<ProductFormValues, unknown, ProductFields>({ resolver, mode: 'onChange', defaultValues: productFormValues(product) });
  const { errors, isSubmitted, isValid } = form.formState;

  // Who else has the barcode being typed: asked once typing pauses, only for a barcode that can be one.
  const barcode = useSettled(form.watch('barcode').trim(), 300);
  const owner = useQuery({
    queryKey: ['barcode-owner', barcode],
    queryFn: () => api.catalog.products({ barcode, limit: 2 }),
    enabled: barcode !== '' && !errors.barcode,
  });
  const takenBy = barcode !== '' ? owner.data?.products.find((p) => p.id !== product?.id && p.barcode === barcode) : undefined;

  const save = useMutation({
    mutationFn: (fields: ProductFields) => api.catalog.saveProduct({ id: product?.id ?? crypto.randomUUID(), ...fields }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      void queryClient.invalidateQueries({ queryKey: ['barcode-owner'] });
      queryClient.setQueryData(['product', saved.id], saved);
      form.reset(productFormValues(saved));
      onSaved(saved, !product);
    },
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) {
        const name = FROM_WIRE[field] ?? field;
        if (name in form.getValues()) form.setError(name as keyof ProductFormValues, { message: explain(t, problem) });
      }
    },
  });
  const words = (message: string | undefined) => (message ? (/^[A-Z_]+$/.test(message) ? explain(t, { code: message, message }) : message) : undefined);
  const barcodeError = words(errors.barcode?.message) ?? (takenBy ? t('products.barcodeTaken', { name: takenBy.name, sku: takenBy.sku }) : undefined);
  const typedBarcode = form.watch('barcode').trim();
  const barcodeHelp = typedBarcode && !errors.barcode && gs1CheckDigitWrong(typedBarcode) ? t('products.checkDigit') : t('products.barcodeHelp');
  const groups = lookups.groups.data?.productGroups ?? [];

  return (
    <form
      className="form"
      noValidate
      aria-labelledby="product-form-title"
      onSubmit={form.handleSubmit((fields) => {
        if (takenBy) return form.setFocus('barcode');
        save.mutate(fields);
      })}
    >
      <h1 id="product-form-title">{product ? t('products.editTitle', { name: product.name }) : t('products.newTitle')}</h1>
      <div className="form__sections">
        <fieldset>
          <legend>{t('products.section.product')}</legend>
          <CheckField label={t('products.activeLabel')} help={t('products.activeHelp')}>
            {(a11y) => <input {...a11y} type="checkbox" {...form.register('active')} />}
          </CheckField>
          <div className="field-row">
            <FormField label={t('products.sku')} help={t('products.skuHelp')} error={words(errors.sku?.message)}>
              {(a11y) => <input {...a11y} type="text" maxLength={64} autoComplete="off" className="input--code" {...form.register('sku')} />}
            </FormField>
            <FormField label={t('products.name')} error={words(errors.name?.message)}>
              {(a11y) => <input {...a11y} type="text" maxLength={200} autoComplete="off" {...form.register('name')} />}
            </FormField>
          </div>
          <FormField label={t('products.group')} help={groups.length === 0 ? t('products.noGroupsYet') : undefined} error={words(errors.groupId?.message)}>
            {(a11y) => (
              <select {...a11y} {...form.register('groupId')}>
                <option value="">{t('products.noGroup')}</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </fieldset>
        <fieldset>
          <legend>{t('products.section.price')}</legend>
          <div className="field-row">
            <FormField label={t('products.price')} help={t('products.priceHelp')} error={words(errors.price?.message)}>
              {(a11y) => <input {...a11y} type="text" inputMode="decimal" maxLength={20} autoComplete="off" className="input--short" {...form.register('price')} />}
            </FormField>
            <FormField label={t('products.vat')} error={words(errors.vatCode?.message)}>
              {(a11y) => (
                <select {...a11y} {...form.register('vatCode')}>
                  {lookups.codes.map((code) => {
                    const bp = lookups.rateToday(code);
                    return (
                      <option key={code} value={code}>
                        {t(`products.vatCode.${code}`, { defaultValue: code })} · {bp === null ? t('products.noRateToday') : format.percent(bp)}
                      </option>
                    );
                  })}
                </select>
              )}
            </FormField>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('products.section.barcode')}</legend>
          <FormField label={t('products.barcode')} help={barcodeHelp} error={barcodeError}>
            {(a11y) => <input {...a11y} type="text" maxLength={64} inputMode="numeric" autoComplete="off" className="input--code" {...form.register('barcode')} />}
          </FormField>
          {owner.isFetching ? (
            <p className="muted" role="status">
              {t('products.barcodeChecking')}
            </p>
          ) : null}
        </fieldset>
      </div>
      {isSubmitted && !isValid && !save.isError ? <Notice kind="error">{t('customers.saveFirst')}</Notice> : null}
      {save.isError ? <Notice kind="error">{errorMessage(t, save.error)}</Notice> : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t('state.saving') : t('common:action.save')}
        </button>
      </div>
    </form>
  );
}
