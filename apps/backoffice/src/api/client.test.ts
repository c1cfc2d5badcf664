import { afterEach, describe, expect, it, vi } from 'vitest';
import { customer, fakeApi, refusal } from '../test-support/fake-api';
import { ApiRequestError, formFieldErrors, setCsrfToken, whenUnauthenticated } from './client';
import { api } from './endpoints';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('the api module', () => {
  it('sends the session CSRF token on writes only, and the body as JSON', async () => {
    const server = fakeApi({ 'GET /api/customers': { body: { customers: [], total: 0, totalCapped: false } }, 'POST /api/customers': { body: { customer: customer() } } });
    setCsrfToken('t0k3n');
    await api.customers.list({ q: 'skola', limit: 50, offset: 0 });
    await api.customers.create({ ...customer(), externalId: null });
    const get = server.last('GET', '/api/customers')!;
    expect(get.headers['x-csrf-token']).toBeUndefined();
    expect(get.query.get('q')).toBe('skola');
    const post = server.last('POST', '/api/customers')!;
    expect(post.headers['x-csrf-token']).toBe('t0k3n');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.body).toMatchObject({ customer: { name: 'Björkskolan' } });
  });

  it('turns a refusal into an ApiRequestError with the server’s code and fields, and a 401 into a sign-in', async () => {
    fakeApi({
      'PUT /api/customers/:id': refusal(400, { code: 'INVALID_CUSTOMER', message: 'email: bad', field: 'body.customer.email', details: [{ field: 'body.customer.email', code: 'INVALID_EMAIL', message: 'email: bad' }] }),
      'GET /api/registers': refusal(401, { code: 'UNAUTHENTICATED', message: 'Sign in.' }),
    });
    const error = await api.customers.update(customer().id, 3, customer()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).status).toBe(400);
    expect(formFieldErrors((error as ApiRequestError).error, 'body.customer.')).toEqual({ email: { code: 'INVALID_EMAIL', message: 'email: bad' } });

    const signedOut = vi.fn();
    whenUnauthenticated(signedOut);
    await expect(api.registers.list()).rejects.toMatchObject({ status: 401, error: { code: 'UNAUTHENTICATED' } });
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it('refuses an answer that does not match the protocol’s schema, and says when the server cannot be reached', async () => {
    fakeApi({ 'GET /api/customers': { body: { customers: [{ name: 'no id' }], total: 1 } } });
    await expect(api.customers.list({ limit: 50, offset: 0 })).rejects.toMatchObject({ status: 0, error: { code: 'BAD_RESPONSE' } });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(api.invoices.count()).rejects.toMatchObject({ status: 0, error: { code: 'NETWORK' } });
  });
});
