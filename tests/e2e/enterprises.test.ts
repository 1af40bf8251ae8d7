// The enterprise library in the browser: the list, the duplicate warning before saving, the header search box,
// and the city leader's masked phone revealed with the "显示" button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { startE2E, type E2E } from '../support/browser.js';

describe('enterprise library in the browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('lists enterprises with capital in 万元/亿元 and warns of a similar name before saving', async () => {
    const page = await e.signIn('dongchangfu');
    await page.getByTestId('main-menu').getByText(zhCN['menu.enterprises']).first().click();
    const table = page.getByTestId('enterprises-table');
    await expect
      .poll(() => table.getByText('聊城市瑞驰新材料科技有限公司').first().isVisible(), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => table.getByText('1.2 亿元').first().isVisible()).toBe(true);
    await e.screenshot(page, 'enterprises-list');

    await page.getByTestId('enterprise-create').click();
    await page.locator('#enterprise-name').fill('山东聊城瑞驰树脂有限公司');
    const warning = page.getByTestId('enterprise-similar');
    await expect.poll(() => warning.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await warning.textContent()).toContain('山东瑞驰新材料有限公司');
    await e.screenshot(page, 'enterprises-similar-warning');
    expect(e.pageErrors.get(page)).toEqual([]);
  });

  it('finds a record from the header search box and opens it', async () => {
    const page = await e.signIn('bureau');
    await page.getByTestId('global-search').locator('input').fill('恒创');
    const hit = page.getByText('苏州恒创新材料科技有限公司').first();
    await expect.poll(() => hit.isVisible(), { timeout: 10_000 }).toBe(true);
    await e.screenshot(page, 'global-search');
    await hit.click();
    await expect
      .poll(() => page.getByTestId('enterprise-title').textContent(), { timeout: 10_000 })
      .toBe('苏州恒创新材料科技有限公司');
    expect(e.pageErrors.get(page)).toEqual([]);
  });

  it('shows the city leader masked phones and reveals one on request', async () => {
    const page = await e.signIn('leader');
    await page.getByTestId('global-search').locator('input').fill('恒创');
    await page.getByText('苏州恒创新材料科技有限公司').first().click();
    const contacts = page.getByTestId('enterprise-contacts');
    await expect.poll(() => contacts.getByText('139****3001').isVisible(), { timeout: 10_000 }).toBe(true);
    await contacts.getByRole('button', { name: zhCN['ent.reveal'] }).first().click();
    await expect.poll(() => contacts.getByText('13900023001').isVisible(), { timeout: 10_000 }).toBe(true);
    await e.screenshot(page, 'enterprise-detail-leader');
    expect(e.pageErrors.get(page)).toEqual([]);
  });
});
