import type { Page } from 'playwright-core';

/** Who is selling: pick a user, type the PIN (the keyboard's digits work as well as the pad). */
export class SignInPage {
  constructor(private readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { name: 'Vem är du?' });

  async signIn(user: { name: string; pin: string }): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(user.name) }).click();
    await this.page.keyboard.type(user.pin);
    await this.page.keyboard.press('Enter');
  }

  /** The PIN pad by mouse or finger, digit by digit. */
  async signInWithPad(user: { name: string; pin: string }): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(user.name) }).click();
    for (const digit of user.pin) await this.page.getByRole('button', { name: digit, exact: true }).click();
    await this.page.getByRole('button', { name: 'Logga in' }).click();
  }
}
