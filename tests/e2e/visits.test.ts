// Visits in the browser: a county user records a visit on a phone-sized screen with two leads and sees the county's
// quota progress move; a visit submitted offline waits as a draft and is recorded once when the phone is back online;
// the bureau reads the list on a wide screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { startE2E, type E2E } from '../support/browser.js';

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function countyTotal(page: Page) {
  await page.goto('/visits/quotas');
  const row = page.getByTestId('quota-table').locator('tr', { hasText: '东昌府区' });
  const cell = row.locator('[data-testid^="quota-total-"]');
  await cell.waitFor({ state: 'visible', timeout: 20_000 });
  return Number(await cell.textContent());
}

async function pick(page: Page, testId: string, typed: string, option: string) {
  const select = page.getByTestId(testId);
  await select.click();
  await select.locator('input').fill(typed);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.click();
  await page.keyboard.press('Escape');
}

describe('visits in the browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('records a visit on a phone with two leads, and the county quota moves', async () => {
    const page = await e.signIn('dongchangfu');
    await page.setViewportSize({ width: 375, height: 800 });
    const before = await countyTotal(page);

    await page.goto('/visits/new');
    await page.getByTestId('visit-form').waitFor({ state: 'visible', timeout: 20_000 });
    await pick(page, 'visit-division', '浦东', '浦东新区');
    await pick(page, 'visit-enterprises', '山东瑞驰', '山东瑞驰新材料有限公司');
    await page.getByTestId('visit-lead-add').click();
    await page.getByTestId('visit-lead-title-0').fill('华东研发中心');
    await page.getByTestId('visit-lead-add').click();
    await page.getByTestId('visit-lead-title-1').fill('高性能膜材料二期');
    expect(await noSideways(page)).toBe(true);
    await e.screenshot(page, 'visit-form-phone');
    await page.getByTestId('visit-submit').click();

    const leadsList = page.getByTestId('visit-leads');
    await expect.poll(() => leadsList.getByText('高性能膜材料二期').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await leadsList.getByText('华东研发中心').isVisible()).toBe(true);
    expect(await noSideways(page)).toBe(true);

    expect(await countyTotal(page)).toBe(before + 1);
    expect(await noSideways(page)).toBe(true);
    await e.screenshot(page, 'visit-quotas-phone');
    expect(e.pageErrors.get(page)).toEqual([]);
  });

  it('keeps a visit submitted offline as a draft and records it once when back online', async () => {
    const page = await e.signIn('dongchangfu');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/visits/new');
    await page.getByTestId('visit-form').waitFor({ state: 'visible', timeout: 20_000 });
    await pick(page, 'visit-division', '朝阳', '北京市 朝阳区');
    await pick(page, 'visit-enterprises', '瑞驰', '聊城市瑞驰新材料科技有限公司');
    const outcome = `断网草稿${Date.now()}`;
    await page.locator('#outcome').fill(outcome);
    await page.context().setOffline(true);
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-draft-waiting').waitFor({ state: 'visible', timeout: 10_000 });
    // A reload while still offline keeps the draft (the page itself comes from the browser's cache or not at all).
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('visit-detail').isVisible(), { timeout: 15_000 }).toBe(true);
    // Coming back to the form does not send it again.
    await page.goto('/visits/new');
    await page.getByTestId('visit-form').waitFor({ state: 'visible', timeout: 20_000 });
    const count = await page.evaluate(async (text) => {
      const r = await fetch('/api/visits?pageSize=200');
      const body = (await r.json()) as { items: { outcome: string | null }[] };
      return body.items.filter((v) => v.outcome === text).length;
    }, outcome);
    expect(count).toBe(1);
    expect(await page.getByTestId('visit-draft-waiting').count()).toBe(0);
  });

  it('lists the visits and the events on a wide screen', async () => {
    const page = await e.signIn('bureau');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('main-menu').getByText(zhCN['menu.visits']).first().click();
    const table = page.getByTestId('visits-table');
    await expect
      .poll(() => table.locator('[data-testid^="visit-link-"]').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    expect(await table.getByText(zhCN['visits.kind.visit']).first().isVisible()).toBe(true);
    expect(await noSideways(page)).toBe(true);
    await e.screenshot(page, 'visits-list-wide');
    // The events, with their signing figures, beside them.
    await page.getByTestId('main-menu').getByText(zhCN['menu.events']).first().click();
    const events = page.getByTestId('events-table');
    await expect
      .poll(() => events.getByText('投资聊城·共赢未来 长三角专场推介会').isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(await noSideways(page)).toBe(true);
    await e.screenshot(page, 'events-list-wide');
    expect(e.pageErrors.get(page)).toEqual([]);
  });
});
