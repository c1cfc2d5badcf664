import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../../register/support/axe';

/** Gitignored: every page's screenshot, to look at before calling a page done. */
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** A page's check: its screenshot kept, and its serious or critical axe-core violations (none wanted). */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  return seriousViolations(page);
}
