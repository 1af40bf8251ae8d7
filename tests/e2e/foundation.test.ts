// The foundation in a real browser: a county user sees only their county's records and no administration;
// six wrong passwords lock an account; the audit administrator sees those events, and no one else can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/demo.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { en } from '../../web/src/i18n/en.js';
import { startE2E, type E2E } from '../support/browser.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function signOut(page: Page) {
  await page.getByTestId('logout').click();
  await page.locator('#username').waitFor({ state: 'visible', timeout: 20_000 });
}

describe('a county user in the browser', () => {
  it("sees only their county's contacts and no administration pages", async () => {
    const page = await e.newPage();
    await signIn(page, 'dongchangfu');
    const menu = page.getByTestId('main-menu');
    await menu.waitFor({ state: 'visible', timeout: 20_000 });
    for (const hidden of ['menu.users', 'menu.security', 'menu.audit'] as const) {
      expect(await menu.getByText(zhCN[hidden]).count(), hidden).toBe(0);
    }
    await page.goto('/contacts');
    const table = page.getByTestId('contacts-table');
    await expect.poll(() => table.getByText('程子涵').count(), { timeout: 20_000 }).toBe(1);
    expect(await table.getByText('邱宏伟').count()).toBe(1);
    // 临清市's and 东阿县's contacts are not there
    expect(await table.getByText('欧阳静').count()).toBe(0);
    expect(await table.getByText('彭晓东').count()).toBe(0);
    // and the audit page, typed in by hand, shows nothing of the log
    await page.goto('/audit');
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('audit-table').count()).toBe(0);
    await e.screenshot(page, 'county-contacts');
    await signOut(page);
  });

  it('switches to English and back', async () => {
    const page = await e.newPage();
    await page.goto('/login');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByText(en['auth.loginTitle']).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('lang-switch').click();
    await expect
      .poll(() => page.getByText(zhCN['auth.loginTitle']).first().isVisible(), { timeout: 10_000 })
      .toBe(true);
  });
});

describe('lockout and the audit log', () => {
  it('locks an account after wrong passwords, and only the audit administrator sees it', async () => {
    const page = await e.newPage();
    for (let i = 0; i < 6; i++) {
      await signIn(page, 'gaoxin', `Wrong#Pass${i}`);
      await expect
        .poll(() => page.getByText(zhCN['auth.loginTitle']).first().isVisible(), { timeout: 10_000 })
        .toBe(true);
      await page.waitForLoadState('networkidle');
    }
    // the right password no longer opens the account
    await signIn(page, 'gaoxin');
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('main-menu').count()).toBe(0);

    // the system administrator has no audit page
    await signIn(page, 'sysadmin');
    await page.getByTestId('main-menu').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('main-menu').getByText(zhCN['menu.audit']).count()).toBe(0);
    await signOut(page);

    await signIn(page, 'auditadmin');
    await page.getByTestId('main-menu').waitFor({ state: 'visible', timeout: 20_000 });
    await page.goto('/audit');
    const table = page.getByTestId('audit-table');
    await table.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => table.getByText('gaoxin').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => table.getByText(zhCN['audit.failure']).count()).toBeGreaterThanOrEqual(5);
    await e.screenshot(page, 'audit-log');
  });
});
