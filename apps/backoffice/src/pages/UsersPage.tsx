import { zodResolver } from '@hookform/resolvers/zod';
import { BackOfficeRole, CreateUserRequest, UpdateUserRequest, type UserListEntry } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type Path, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { CostCentreChoice } from '../components/CostCentreChoice';
import { FormField } from '../components/FormField';
import { useFormat } from '../components/format';
import { Loaded } from '../components/Loaded';
import { errorMessage, Notice } from '../components/States';
import { explain } from '../i18n';
import { useSession } from '../session';

type NewUser = CreateUserRequest;
type UserChange = { displayName: string; role: BackOfficeRole; costCentres: string[] };

/** USERS (administrators): who may sign in, with which role and, for store managers, which cost centres. */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const me = useSession().user;
  const [editing, setEditing] = useState<UserListEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const users = useQuery({ queryKey: ['users'], queryFn: api.users.list });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users'] });
  const toggle = useMutation({
    mutationFn: (u: UserListEntry) => api.users.update(u.id, { disabled: !u.disabled }),
    onSuccess: ({ user }) => (setNotice(t(user.disabled ? 'users.disabledNotice' : 'users.enabledNotice', { name: user.displayName })), refresh()),
  });
  const setDisabled = (u: UserListEntry) => {
    if (!u.disabled && !window.confirm(t('users.disableConfirm', { name: u.displayName }))) return;
    toggle.mutate(u);
  };

  return (
    <section aria-labelledby="users-title" className="page">
      <h1 id="users-title">{t('users.title')}</h1>
      <p className="lead">{t('users.lead')}</p>
      {notice ? <Notice>{notice}</Notice> : null}
      {toggle.isError ? <Notice kind="error">{errorMessage(t, toggle.error)}</Notice> : null}
      <Loaded query={users} isEmpty={(d) => d.users.length === 0} empty={t('users.none')}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.column.username')}</th>
                  <th scope="col">{t('users.column.name')}</th>
                  <th scope="col">{t('users.column.role')}</th>
                  <th scope="col">{t('users.column.costCentres')}</th>
                  <th scope="col">{t('users.column.status')}</th>
                  <th scope="col">{t('users.column.lastSignIn')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common:action.edit')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((u) => (
                  <tr key={u.id} className={editing?.id === u.id ? 'selected' : undefined}>
                    <td>
                      <code>{u.username}</code>
                    </td>
                    <td>{u.displayName}</td>
                    <td>{t(`role.${u.role}`)}</td>
                    <td>{u.role === 'store-manager' ? u.costCentres.join(', ') : <span className="muted">{t('users.allCostCentres')}</span>}</td>
                    <td>{u.disabled ? <span className="badge badge--muted">{t('users.disabled')}</span> : <span className="badge badge--ok">{t('users.active')}</span>}</td>
                    <td>{u.lastSignInAt ? <time dateTime={u.lastSignInAt} title={format.dateTime(u.lastSignInAt)}>{format.relative(u.lastSignInAt)}</time> : t('users.never')}</td>
                    <td className="row-actions">
                      <button type="button" className="button button--small" onClick={() => (setEditing(u), setNotice(null))} aria-label={t('users.editUser', { name: u.displayName })}>
                        {t('common:action.edit')}
                      </button>
                      {u.id !== me.id ? (
                        <button
                          type="button"
                          className={`button button--small${u.disabled ? '' : ' button--danger'}`}
                          onClick={() => setDisabled(u)}
                          disabled={toggle.isPending}
                          aria-label={t(u.disabled ? 'users.enableUser' : 'users.disableUser', { name: u.displayName })}
                        >
                          {t(u.disabled ? 'users.enable' : 'users.disable')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          )}
      </Loaded>
      {editing ? (
        <EditUser
          key={editing.id}
          user={editing}
          onDone={(message) => {
            setEditing(null);
            if (message) setNotice(message);
            refresh();
          }}
        />
      ) : null}
      <NewUserForm onCreated={(name) => (setNotice(t('users.created', { name })), refresh())} />
    </section>
  );
}

/** Zod's words for a user form's field, in the reader's: what each rule asks for. */
function useUserFieldWords() {
  const { t } = useTranslation();
  return (field: string, message: string | undefined) => {
    if (!message) return undefined;
    if (/^[A-Z_]+$/.test(message)) return explain(t, { code: message, message });
    // The help below the field says the rule; the error says what is wrong with what was typed.
    if (field === 'username') return t('users.usernameInvalid');
    if (field === 'password') return t('users.passwordTooShort');
    if (/too small|expected string/i.test(message)) return t('common:error.REQUIRED');
    return message;
  };
}

/** A server refusal on the field it names (`body.costCentres[0]` → the cost centres). */
function showRefusal<T extends Record<string, unknown>>(form: UseFormReturn<T>, error: unknown, t: Parameters<typeof explain>[0]) {
  if (!(error instanceof ApiRequestError)) return;
  for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) {
    const name = field.replace(/\[\d+\]$/, '');
    if (name in form.getValues()) form.setError(name as Path<T>, { message: explain(t, problem) });
  }
}

function RoleSelect({ a11y, form }: { a11y: object; form: UseFormReturn<NewUser> | UseFormReturn<UserChange> }) {
  const { t } = useTranslation();
  return (
    <select {...a11y} {...(form as UseFormReturn<UserChange>).register('role')}>
      {BackOfficeRole.options.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}

/**
 * Checked when first submitted, then as typed: an error appearing when a field loses focus would push the
 * cost centres down under the pointer between press and release, and the click would miss.
 */
function NewUserForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const words = useUserFieldWords();
  const blank: NewUser = { username: '', displayName: '', role: 'head-office', costCentres: [], password: '' };
  const form = useForm<NewUser>({ resolver: zodResolver(CreateUserRequest) as never, mode: 'onSubmit', defaultValues: blank });
  const create = useMutation({
    mutationFn: (body: NewUser) => api.users.create({ ...body, costCentres: body.role === 'store-manager' ? body.costCentres : [] }),
    onSuccess: ({ user }) => (form.reset(blank), onCreated(user.displayName)),
    onError: (error) => showRefusal(form, error, t),
  });
  const errors = form.formState.errors;
  const role = form.watch('role');
  return (
    <form className="card form" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))} aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.add')}</h2>
      <div className="field-row">
        <FormField label={t('users.username')} help={t('users.usernameRule')} error={words('username', errors.username?.message)}>
          {(a11y) => <input {...a11y} type="text" maxLength={64} autoComplete="off" autoCapitalize="none" {...form.register('username')} />}
        </FormField>
        <FormField label={t('users.displayName')} error={words('displayName', errors.displayName?.message)}>
          {(a11y) => <input {...a11y} type="text" maxLength={100} autoComplete="off" {...form.register('displayName')} />}
        </FormField>
      </div>
      <div className="field-row">
        <FormField label={t('users.role')} help={t(`users.roleHelp.${role}`)}>
          {(a11y) => <RoleSelect a11y={a11y} form={form} />}
        </FormField>
        <FormField label={t('users.password')} help={t('users.passwordRule')} error={words('password', errors.password?.message)}>
          {(a11y) => <input {...a11y} type="password" maxLength={256} autoComplete="new-password" {...form.register('password')} />}
        </FormField>
      </div>
      {role === 'store-manager' ? <CostCentreChoice value={form.watch('costCentres')} onChange={(codes) => form.setValue('costCentres', codes, { shouldValidate: form.formState.isSubmitted })} error={words('costCentres', errors.costCentres?.message)} /> : null}
      {create.isError && !(create.error instanceof ApiRequestError && create.error.error.field) ? <Notice kind="error">{errorMessage(t, create.error)}</Notice> : null}
      <div className="actions actions--start">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('state.saving') : t('users.create')}
        </button>
      </div>
    </form>
  );
}

const UserChangeSchema = UpdateUserRequest.required({ displayName: true, role: true, costCentres: true });

function EditUser({ user, onDone }: { user: UserListEntry; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const words = useUserFieldWords();
  const form = useForm<UserChange>({
    resolver: zodResolver(UserChangeSchema) as never,
    mode: 'onSubmit',
    defaultValues: { displayName: user.displayName, role: user.role, costCentres: user.costCentres },
  });
  const update = useMutation({
    mutationFn: (body: UserChange) => api.users.update(user.id, { ...body, costCentres: body.role === 'store-manager' ? body.costCentres : [] }),
    onSuccess: ({ user: saved }) => onDone(t('users.updated', { name: saved.displayName })),
    onError: (error) => showRefusal(form, error, t),
  });
  const errors = form.formState.errors;
  const role = form.watch('role');
  return (
    <form className="card form" noValidate onSubmit={form.handleSubmit((v) => update.mutate(v))} aria-labelledby="edit-user-title">
      <h2 id="edit-user-title">{t('users.editTitle', { name: user.displayName, username: user.username })}</h2>
      <div className="field-row">
        <FormField label={t('users.displayName')} error={words('displayName', errors.displayName?.message)}>
          {(a11y) => <input {...a11y} type="text" maxLength={100} autoComplete="off" {...form.register('displayName')} />}
        </FormField>
        <FormField label={t('users.role')} help={t(`users.roleHelp.${role}`)}>
          {(a11y) => <RoleSelect a11y={a11y} form={form} />}
        </FormField>
      </div>
      {role === 'store-manager' ? <CostCentreChoice value={form.watch('costCentres')} onChange={(codes) => form.setValue('costCentres', codes, { shouldValidate: form.formState.isSubmitted })} error={words('costCentres', errors.costCentres?.message)} /> : null}
      {update.isError && !(update.error instanceof ApiRequestError && update.error.error.field) ? <Notice kind="error">{errorMessage(t, update.error)}</Notice> : null}
      <div className="actions actions--start">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('state.saving') : t('common:action.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common:action.cancel')}
        </button>
      </div>
    </form>
  );
}
