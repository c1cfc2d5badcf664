import type { Page } from 'playwright-core';
import { checkScreen } from './axe';
import { MANAGER, type RegisterWorld } from './register-world';

/** A core call's data, or the test fails with the refusal's code and message. */
export async function ok<T>(result: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

/**
 * Enrols the world's register through the core (the first-start screen has its own flow in
 * register.test.ts); the first sync brings the users, products and customers, and a manager sets up
 * the virtual printer. Nobody is signed in afterwards.
 */
export async function enrolWithPrinter(world: RegisterWorld): Promise<void> {
  await ok(world.core.send('sync/enrol', { serverUrl: world.serverUrl, code: await world.enrolmentCode() }));
  await ok(world.core.send('sync/now', {}));
  await ok(world.core.send('session/sign-in', { userId: MANAGER.id, pin: MANAGER.pin }));
  await ok(world.core.send('settings/update', { printerUrl: world.printer.url }));
  await ok(world.core.send('session/sign-out', {}));
}

/** For afterEach: a failed test leaves a screenshot (and axe's findings) of the screen it stopped on. */
export async function keepFailedScreen(state: string | undefined, page: Page | null, name: string): Promise<void> {
  if (state === 'fail' && page && !page.isClosed()) {
    await checkScreen(page, `FAILED-${name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  }
}
