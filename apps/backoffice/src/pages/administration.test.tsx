import type { ApiKeyView, AuditEntry, UserListEntry } from '@nota/protocol';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { fakeApi, refusal, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setCsrfToken(null);
});

const admin = { ...session, user: { ...session.user, id: 'u-admin', role: 'administrator' as const } };
const key = (over: Partial<ApiKeyView> = {}): ApiKeyView => ({
  id: '5f0c1f3e-1111-4111-8111-111111111111',
  name: 'Lönesystemet',
  role: 'head-office',
  costCentres: [],
  createdAt: '2026-11-20T09:00:00.000Z',
  revokedAt: null,
  ...over,
});
const person = (over: Partial<UserListEntry> = {}): UserListEntry => ({
  id: 'u-stina',
  username: 'stina',
  displayName: 'Stina Butik',
  role: 'store-manager',
  costCentres: ['A'],
  disabled: false,
  lastSignInAt: null,
  ...over,
});
const costCentres = { body: { costCentres: [{ code: 'A', name: 'Butik A', address: null }, { code: 'B', name: 'Butik B', address: null }] } };

function errorOf(field: HTMLElement): string | null {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field__error'))?.textContent ?? null;
}

describe('API keys', () => {
  it('shows a new key once with a copy button and a clear warning, and revokes a key after asking', async () => {
    let keys = [key()];
    const server = fakeApi({
      'GET /api/auth/session': { body: admin },
      // One cost centre only: its lone checkbox still makes a list of one.
      'GET /api/cost-centres': { body: { costCentres: [{ code: 'A', name: 'Butik A', address: null }] } },
      'GET /api/api-keys': () => ({ body: { apiKeys: keys } }),
      'POST /api/api-keys': (r) => {
        const made = key({ id: '5f0c1f3e-2222-4222-8222-222222222222', name: (r.body as { name: string }).name });
        keys = [...keys, made];
        return { body: { apiKey: made, key: 'nota_k_0123456789abcdef' } };
      },
      'POST /api/api-keys/:id/revoke': () => {
        keys = keys.map((k) => (k.name === 'Lönesystemet' ? { ...k, revokedAt: '2026-11-27T10:00:00.000Z' } : k));
        return { body: { apiKey: keys[0] } };
      },
    });
    const { user } = renderApp('/api-keys');
    await screen.findByRole('heading', { name: 'API-nycklar', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Skapa nyckeln' }));
    await waitFor(() => expect(errorOf(screen.getByLabelText('Namn'))).toBe('Obligatoriskt.'));
    await user.type(screen.getByLabelText('Namn'), 'Kassarapporter');
    await user.selectOptions(screen.getByLabelText('Roll'), 'store-manager');
    await user.click(screen.getByRole('checkbox', { name: 'A · Butik A' }));
    await user.click(screen.getByRole('button', { name: 'Skapa nyckeln' }));

    const shown = await screen.findByRole('region', { name: 'Ny API-nyckel: Kassarapporter' });
    expect(within(shown).getByText('nota_k_0123456789abcdef')).toBeTruthy();
    expect(within(shown).getByText(/Du kommer inte att kunna se den igen/)).toBeTruthy();
    expect(server.last('POST', '/api/api-keys')!.body).toEqual({ name: 'Kassarapporter', role: 'store-manager', costCentres: ['A'] });
    await user.click(within(shown).getByRole('button', { name: 'Kopiera nyckeln' }));
    await within(shown).findByText('Nyckeln är kopierad.');
    // user-event's clipboard stands in for the browser's.
    expect(await navigator.clipboard.readText()).toBe('nota_k_0123456789abcdef');
    await user.click(within(shown).getByRole('button', { name: 'Jag har sparat nyckeln' }));
    expect(screen.queryByText('nota_k_0123456789abcdef')).toBeNull();
    await screen.findByRole('cell', { name: 'Kassarapporter' });

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: 'Spärra nyckeln Lönesystemet' }));
    expect(server.sent.some((r) => r.path.endsWith('/revoke'))).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Spärra nyckeln Lönesystemet' }));
    expect(confirm).toHaveBeenLastCalledWith(expect.stringContaining('Det går inte att ångra'));
    await screen.findByText(/^Spärrad /);
    expect(server.last('POST', `/api/api-keys/${key().id}/revoke`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Spärra nyckeln Lönesystemet' })).toBeNull();
  });
});

describe('users', () => {
  it('lists users with role, cost centres and last sign-in; creates one with the server’s password rule; changes a role; deactivates after asking', async () => {
    let users = [person(), person({ id: 'u-admin', username: 'ada', displayName: 'Ada Admin', role: 'administrator', costCentres: [], lastSignInAt: '2026-11-27T09:00:00.000Z' })];
    const server = fakeApi({
      'GET /api/auth/session': { body: admin },
      'GET /api/cost-centres': costCentres,
      'GET /api/users': () => ({ body: { users } }),
      'POST /api/users': (r) => {
        const body = r.body as { username: string };
        if (body.username === 'stina') return refusal(409, { code: 'USERNAME_TAKEN', message: "The username 'stina' is taken.", field: 'username' });
        const made = person({ id: 'u-new', username: body.username, displayName: 'Bo Butik', costCentres: ['B'] });
        users = [...users, made];
        return { body: { user: made } };
      },
      'PATCH /api/users/:id': (r) => {
        users = users.map((u) => (u.id === 'u-stina' ? { ...u, ...(r.body as object) } : u));
        return { body: { user: users.find((u) => u.id === 'u-stina') } };
      },
    });
    const { user } = renderApp('/users');
    const stina = (await screen.findByRole('cell', { name: 'Stina Butik' })).closest('tr')!;
    expect(within(stina).getByText('Butikschef')).toBeTruthy();
    expect(within(stina).getByText('A')).toBeTruthy();
    expect(within(stina).getByText('Aldrig')).toBeTruthy();
    const ada = screen.getByRole('cell', { name: 'Ada Admin' }).closest('tr')!;
    expect(within(ada).getByText('Alla')).toBeTruthy();
    expect(within(ada).getByRole('time')).toBeTruthy();
    // No one deactivates themselves.
    expect(within(ada).queryByRole('button', { name: /Inaktivera/ })).toBeNull();

    const form = screen.getByRole('form', { name: 'Ny användare' });
    await user.type(within(form).getByLabelText('Användarnamn'), 'Bo B');
    await user.type(within(form).getByLabelText('Namn'), 'Bo Butik');
    await user.type(within(form).getByLabelText('Lösenord'), 'kort');
    await user.selectOptions(within(form).getByLabelText('Roll'), 'store-manager');
    await user.click(within(form).getByRole('checkbox', { name: /B · Butik B/ }));
    await user.click(within(form).getByRole('button', { name: 'Skapa användaren' }));
    await waitFor(() => expect(errorOf(within(form).getByLabelText('Lösenord'))).toBe('Lösenordet är för kort: minst 12 tecken.'));
    expect(errorOf(within(form).getByLabelText('Användarnamn'))).toBe('Användarnamnet följer inte reglerna.');
    expect(server.sent.some((r) => r.method === 'POST' && r.path === '/api/users')).toBe(false);

    await user.clear(within(form).getByLabelText('Användarnamn'));
    await user.type(within(form).getByLabelText('Användarnamn'), 'bo.butik');
    await user.clear(within(form).getByLabelText('Lösenord'));
    await user.type(within(form).getByLabelText('Lösenord'), 'en lång och bra fras');
    await user.click(within(form).getByRole('button', { name: 'Skapa användaren' }));
    await screen.findByText('Bo Butik är skapad och kan logga in.');
    expect(server.last('POST', '/api/users')!.body).toEqual({ username: 'bo.butik', displayName: 'Bo Butik', role: 'store-manager', costCentres: ['B'], password: 'en lång och bra fras' });

    await user.click(within(stina).getByRole('button', { name: 'Redigera Stina Butik' }));
    const edit = await screen.findByRole('form', { name: 'Ändra Stina Butik (stina)' });
    await user.selectOptions(within(edit).getByLabelText('Roll'), 'head-office');
    expect(within(edit).queryByRole('group', { name: 'Kostnadsställen' })).toBeNull();
    await user.click(within(edit).getByRole('button', { name: 'Spara' }));
    await screen.findByText('Ändringarna för Stina Butik är sparade.');
    expect(server.last('PATCH', '/api/users/u-stina')!.body).toEqual({ displayName: 'Stina Butik', role: 'head-office', costCentres: [] });

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Inaktivera Stina Butik' }));
    await screen.findByText('Stina Butik är inaktiverad och utloggad.');
    expect(server.last('PATCH', '/api/users/u-stina')!.body).toEqual({ disabled: true });
    await screen.findByRole('button', { name: 'Aktivera Stina Butik' });
  });
});

describe('the audit log', () => {
  const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
    id,
    at: '2026-11-27T09:15:00.000Z',
    actor: { kind: 'user', id: 'u-admin', name: 'ada' },
    entity: 'product',
    entityId: 'p-coffee',
    action: 'update',
    oldValue: { id: 'p-coffee', name: 'Kaffe', priceOre: 3_500 },
    newValue: { id: 'p-coffee', name: 'Kaffe', priceOre: 3_600 },
    ...over,
  });

  it('pages newest first, filters by what and who, and opens a row to the values before and after side by side', async () => {
    const server = fakeApi({
      'GET /api/auth/session': { body: admin },
      'GET /api/users': { body: { users: [person({ id: 'u-admin', username: 'ada', displayName: 'Ada Admin', role: 'administrator', costCentres: [] })] } },
      'GET /api/api-keys': { body: { apiKeys: [key()] } },
      'GET /api/audit': (r) =>
        r.query.get('before') === '7'
          ? { body: { entries: [entry(6, { entity: 'api-key', entityId: key().id, action: 'create', oldValue: null, newValue: { name: 'Lönesystemet', revokedAt: null } })], next: null } }
          : { body: { entries: [entry(8), entry(7, { actor: { kind: 'api-key', id: key().id, name: 'Lönesystemet' }, action: 'revoke' })], next: 7 } },
    });
    const { user } = renderApp('/audit');
    const open = await screen.findAllByRole('button', { expanded: false });
    const first = open[0]!;
    const row = first.closest('tr')!;
    expect(within(row).getByText('Artikel')).toBeTruthy();
    expect(within(row).getByText('Kaffe')).toBeTruthy();
    expect(within(row).getByText('Ändrad')).toBeTruthy();
    await user.click(first);
    expect(first.getAttribute('aria-expanded')).toBe('true');
    const changes = await screen.findByRole('table', { name: 'Artikel p-coffee: före och efter' });
    const price = within(changes).getByRole('row', { name: /priceOre/ });
    expect(within(price).getAllByRole('cell').map((c) => c.textContent?.replace(/\s/g, ' '))).toEqual(['35,00 kr', '36,00 kr']);
    expect(price.className).toBe('changed');
    expect(within(changes).getByRole('row', { name: /^name/ }).className).toBe('');

    await user.click(screen.getByRole('button', { name: /Nästa/ }));
    await screen.findByText('Lönesystemet', { selector: '.muted' });
    expect(server.last('GET', '/api/audit')!.query.get('before')).toBe('7');
    await user.click(screen.getAllByRole('button', { expanded: false })[0]!);
    expect((await screen.findAllByText('(fanns inte)')).length).toBe(2);

    await user.selectOptions(screen.getByLabelText('Vad'), 'product');
    await waitFor(() => expect(server.last('GET', '/api/audit')!.query.get('entity')).toBe('product'));
    expect(server.last('GET', '/api/audit')!.query.get('before')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Vem'), key().id);
    await waitFor(() => expect(server.last('GET', '/api/audit')!.query.get('actorId')).toBe(key().id));
  });
});
