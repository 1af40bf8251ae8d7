// Leads and problems in the browser: a county claims a lead from the pool (公海) and finds it among its own, and a
// department sees the open problems assigned to it, not another department's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { startE2E, type E2E } from '../support/browser.js';

describe('leads and problems in the browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('claims a lead from the pool, which then leaves the pool and shows among my leads', async () => {
    const page = await e.signIn('dongchangfu');
    await page.getByTestId('main-menu').getByText(zhCN['menu.leads']).first().click();
    await page.getByTestId('lead-tabs').getByText(zhCN['leads.tab.pool']).click();
    const table = page.getByTestId('leads-table');
    const claim = table.locator('[data-testid^="lead-claim-"]').first();
    await claim.waitFor({ state: 'visible', timeout: 20_000 });
    const id = (await claim.getAttribute('data-testid'))!.replace('lead-claim-', '');
    const title = (await table.getByTestId(`lead-link-${id}`).textContent())!;
    expect(title.length).toBeGreaterThan(1);
    await e.screenshot(page, 'leads-pool');

    await claim.click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByText(zhCN['leads.claimed']).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => table.getByTestId(`lead-link-${id}`).count(), { timeout: 10_000 }).toBe(0);

    await page.getByTestId('lead-tabs').getByText(zhCN['leads.tab.mine']).click();
    await expect.poll(() => table.getByTestId(`lead-link-${id}`).isVisible(), { timeout: 10_000 }).toBe(true);
    await e.screenshot(page, 'leads-mine-after-claim');
    expect(e.pageErrors.get(page)).toEqual([]);
  });

  it('shows a department the open problems assigned to it', async () => {
    const page = await e.signIn('gongxin');
    await page.getByTestId('main-menu').getByText(zhCN['menu.projectProblems']).first().click();
    const table = page.getByTestId('problems-table');
    await expect
      .poll(() => table.getByText('申请纳入省级重点技术改造项目库').first().isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(await table.getByText('产品注册证办理周期长').count()).toBe(0); // another department's
    expect(await table.getByText('企业反映技改设备补贴申报流程不清楚').count()).toBe(0); // solved, not open
    await e.screenshot(page, 'problems-department');
    expect(e.pageErrors.get(page)).toEqual([]);
  });
});
