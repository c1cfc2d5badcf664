import { zodResolver } from '@hookform/resolvers/zod';
import { ProductGroup } from '@nota/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { FormField } from '../components/FormField';
import { Loaded } from '../components/Loaded';
import { errorMessage, Notice } from '../components/States';
import { explain } from '../i18n';
import { useCatalogLookups } from './catalog-data';

/** A group's code is what the chart-of-accounts mapping and registers know it by, so it is never blank. */
const GroupForm = ProductGroup.extend({ id: ProductGroup.shape.id.trim(), name: z.string().trim().min(1).pipe(ProductGroup.shape.name) });

/** Product groups: the list with a pen each, and one form for a new group or the one being edited. */
export function ProductGroupsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { groups } = useCatalogLookups();
  const [editing, setEditing] = useState<ProductGroup | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<ProductGroup>({ resolver: zodResolver(GroupForm), mode: 'onTouched', defaultValues: { id: '', name: '' } });
  const save = useMutation({
    mutationFn: api.catalog.saveGroup,
    onSuccess: (group) => {
      void queryClient.invalidateQueries({ queryKey: ['product-groups'] });
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      setSaved(t('productGroups.saved', { name: group.name }));
      setEditing(null);
      form.reset({ id: '', name: '' });
    },
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) {
        if (field === 'id' || field === 'name') form.setError(field, { message: explain(t, problem) });
      }
    },
  });
  const edit = (group: ProductGroup) => {
    setEditing(group);
    setSaved(null);
    form.reset(group);
  };
  const words = (m: string | undefined) => (m ? (/too small|expected string|>=1/i.test(m) ? t('common:error.REQUIRED') : m) : undefined);
  const list = groups.data?.productGroups ?? [];

  return (
    <section aria-labelledby="groups-title" className="card">
      <h2 id="groups-title">{t('productGroups.title')}</h2>
      <Loaded query={groups} isEmpty={(d) => d.productGroups.length === 0} empty={t('productGroups.none')}>
        {() => (
          <table className="table table--compact">
            <caption className="visually-hidden">{t('productGroups.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('productGroups.code')}</th>
                <th scope="col">{t('productGroups.name')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common:action.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((g) => (
                <tr key={g.id} className={editing?.id === g.id ? 'selected' : undefined}>
                  <td>
                    <code>{g.id}</code>
                  </td>
                  <td>{g.name}</td>
                  <td className="row-actions">
                    <button type="button" className="icon-button" onClick={() => edit(g)} aria-label={t('productGroups.edit', { name: g.name })}>
                      <span aria-hidden="true">✎</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          )}
      </Loaded>
      {saved ? <Notice>{saved}</Notice> : null}
      <form className="form" noValidate onSubmit={form.handleSubmit((g) => {
          // Saving is an upsert: a new group with a code in use would quietly rename that group.
          if (!editing && list.some((other) => other.id === g.id)) return form.setError('id', { message: t('productGroups.codeTaken') });
          save.mutate(g);
        })} aria-labelledby="group-form-title">
        <h3 id="group-form-title">{editing ? t('productGroups.editTitle', { name: editing.name }) : t('productGroups.add')}</h3>
        <div className="field-row">
          <FormField label={t('productGroups.code')} help={editing ? t('productGroups.codeFixed') : t('productGroups.codeHelp')} error={words(form.formState.errors.id?.message)}>
            {(a11y) => <input {...a11y} type="text" maxLength={100} readOnly={editing !== null} className="input--code" {...form.register('id')} />}
          </FormField>
          <FormField label={t('productGroups.name')} error={words(form.formState.errors.name?.message)}>
            {(a11y) => <input {...a11y} type="text" maxLength={200} {...form.register('name')} />}
          </FormField>
        </div>
        {save.isError && !(save.error instanceof ApiRequestError && save.error.error.field) ? <Notice kind="error">{errorMessage(t, save.error)}</Notice> : null}
        <div className="actions actions--start">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? t('state.saving') : editing ? t('common:action.save') : t('productGroups.create')}
          </button>
          {editing ? (
            <button type="button" className="button" onClick={() => (setEditing(null), form.reset({ id: '', name: '' }))}>
              {t('common:action.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
