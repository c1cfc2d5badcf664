import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';

describe('DomainError', () => {
  it('carries code, field and details and is a real Error', () => {
    const details = [{ field: 'name', code: 'REQUIRED', message: 'name: is required' }];
    const e = new DomainError('INVALID', 'customer: invalid', 'customer', details);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DomainError');
    expect(e.message).toBe('customer: invalid');
    expect(e.code).toBe('INVALID');
    expect(e.field).toBe('customer');
    expect(e.details).toEqual(details);
  });

  it('defaults field to undefined and details to an empty list', () => {
    const e = new DomainError('NO_VAT_RATE', 'no rate');
    expect(e.field).toBeUndefined();
    expect(e.details).toEqual([]);
  });
});
