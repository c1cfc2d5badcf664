import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderRegister } from './screens/test-support';

describe('App', () => {
  it('starts on the sign-in screen of an enrolled register, in Swedish', async () => {
    renderRegister();
    expect(await screen.findByRole('heading', { name: 'Vem är du?' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('sv');
  });
});
