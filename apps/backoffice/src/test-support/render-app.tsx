import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { App, createQueryClient } from '../App';
import { createBackofficeI18n } from '../i18n';

// Two cores shared by many test processes: a first paint can take seconds under load.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 60_000 });

/** The whole app at `path`, in Swedish unless asked, against whatever `fakeApi` answers. */
export function renderApp(path: string, options: { language?: 'sv' | 'en' } = {}) {
  const location = memoryLocation({ path, record: true });
  const user = userEvent.setup();
  const view = render(<App i18n={createBackofficeI18n(options.language ?? 'sv')} queryClient={createQueryClient()} location={location.hook} />);
  return { ...view, user, location };
}
