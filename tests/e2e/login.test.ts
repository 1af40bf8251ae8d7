// The e2e tier's own check: the real server and web app in Chromium. The login page shows Chinese text,
// a demo county user signs in and sees the main menu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/seed/demo.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { cjkRendersAsGlyphs, startE2E, type E2E } from '../support/browser.js';

const county = DEMO_ACCOUNTS.find((a) => a.role === 'county_staff')!;

describe('login in the browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('shows the Chinese login page, signs in a county user and shows the main menu', async () => {
    const page = await e.newPage();
    await page.goto('/login');
    await expect
      .poll(() => page.getByText(zhCN['auth.loginTitle']).first().isVisible(), { timeout: 20_000 })
      .toBe(true);
    // The title is laid out, and Chinese is drawn with real glyphs (a CJK font is installed), not as empty boxes.
    const title = page.getByText(zhCN['auth.loginTitle']).first();
    const box = await title.boundingBox();
    expect(box!.width).toBeGreaterThan(40);
    expect(await cjkRendersAsGlyphs(page)).toBe(true);
    await e.screenshot(page, 'login-page');

    await page.locator('#username').fill(county.username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();

    const menu = page.getByTestId('main-menu');
    await menu.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => menu.getByText(zhCN['menu.home']).first().isVisible()).toBe(true);
    await expect.poll(() => menu.getByText(zhCN['menu.contacts']).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText(county.displayName).first().isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    await e.screenshot(page, 'after-login');
    expect(e.pageErrors.get(page)).toEqual([]);
  });
});
