import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { App } from './App';

describe('App', () => {
  it('renders in the DOM test environment', () => {
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Nota' })).toBeTruthy();
  });
});
