// The import wizard in the browser, as a county clerk uses it: their own sheet uploaded, the proposed mapping accepted,
// the check read with errors first and the clerk's own row numbers, a duplicate decided, the rows committed and
// counted — on a 1440 px screen (county, stage and date in view without scrolling sideways) and on a 375 px phone
// (no sideways scrolling of the page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { startE2E, type E2E } from '../support/browser.js';

async function sheetFile(name: string, build: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('台账'));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-e2e-import-')), name);
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** 东昌府区's ledger: its own wide header (所在县（市、区）, 项目进展, 责任单位 …), 万元 with separators, short and full
 *  county names, stage phrases, a bad stage, a second phase of an investor's project, and a total row. */
const ledger = () =>
  sheetFile('东昌府区重点项目.xlsx', (ws) => {
    ws.addRow(['东昌府区2025年招商引资重点项目推进表']);
    ws.mergeCells('A1:L1');
    ws.addRow([
      '序号',
      '项目编号',
      '项目名称',
      '投资方',
      '计划总投资（万元）',
      '所在县（市、区）',
      '项目进展',
      '签约时间',
      '责任单位',
      '产业集群',
      '联系人',
      '联系电话',
      '建设内容',
    ]);
    ws.addRow([
      1,
      'E2E-101',
      '浏览器导入高强铝合金型材项目',
      '浏览器甲铝业有限公司',
      '12,000',
      '东昌府',
      '正在建设',
      '2025.3.18',
      '东昌府区投资促进服务中心',
      '新材料',
      '李某',
      '13800000001',
      '新建厂房',
    ]);
    ws.addRow([
      2,
      'E2E-102',
      '浏览器导入冷链物流园项目',
      '浏览器乙物流有限公司',
      '8,500',
      '东昌府区',
      '已签约未开工',
      '2025年2月8日',
      '东昌府区商务局',
      '',
      '王某',
      '13800000002',
      '',
    ]);
    ws.addRow([
      3,
      'E2E-103',
      '浏览器导入阶段不明项目',
      '浏览器丙公司',
      '1,000',
      '东昌府',
      '热火朝天',
      '',
      '东昌府区商务局',
      '',
      '',
      '',
      '',
    ]);
    ws.addRow([
      4,
      'E2E-104',
      '浏览器导入高强铝合金型材二期项目',
      '浏览器甲铝业有限公司',
      '30,000',
      '东昌府',
      '洽谈中',
      '',
      '东昌府区投资促进服务中心',
      '新材料',
      '',
      '',
      '',
    ]);
    ws.addRow(['合计', '', '', '', '51,500']);
  });

/** 临清市's short list, for the phone. */
const shortList = () =>
  sheetFile('临清市项目.xlsx', (ws) => {
    ws.addRow(['序号', '项目名称', '投资方', '总投资（亿元）', '县市区', '进展情况']);
    ws.addRow([1, '手机导入轴承产业园项目', '手机甲轴承有限公司', 2.5, '临清', '在建']);
    ws.addRow([2, '手机导入纺织面料项目', '手机乙纺织有限公司', '１.２', '临清市', '已投产']);
  });

async function openImports(page: Page) {
  await page.goto('/imports');
  await page.getByTestId('imports-page').waitFor();
}

/** The widest part of the page beyond the viewport, in CSS pixels (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('import wizard in the browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it("at 1440 px: accepts the proposed columns, shows errors first with the clerk's numbers, decides a duplicate, commits", async () => {
    const page = await e.signIn('dongchangfu');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('main-menu').getByText(zhCN['menu.imports']).first().click();
    await page.getByTestId('imports-page').waitFor();

    await page.locator('input[type=file]').setInputFiles(await ledger());
    const mapping = page.getByTestId('mapping-table');
    await mapping.waitFor({ timeout: 30_000 });
    // 所在县（市、区） (column 6) and 项目进展 (column 7) are matched; 责任单位 is not taken for the county.
    await expect.poll(() => page.getByTestId('match-5').getAttribute('data-match')).toBe('auto');
    expect(await page.getByTestId('match-6').getAttribute('data-match')).toBe('auto');
    expect(await page.getByTestId('match-8').count()).toBe(0);
    expect(await mapping.getByText(zhCN['imports.map.serial']).count()).toBe(1);

    await page.getByTestId('to-review').click();
    const review = page.getByTestId('review-table');
    // Errors first: the unknown stage of 序号 3 (sheet row 5) heads the list.
    await expect
      .poll(() => review.locator('tbody tr.ant-table-row').first().textContent(), { timeout: 20_000 })
      .toContain('序号 3');
    expect(await review.locator('tbody tr.ant-table-row').first().textContent()).toContain('热火朝天');
    // County, stage and the signing date are in view beside the problems, without scrolling sideways.
    for (const label of ['所在县区', '项目阶段', '签约时间']) {
      const box = await review.locator('thead th').filter({ hasText: label }).first().boundingBox();
      expect(box, label).not.toBeNull();
      expect(box!.x + box!.width, label).toBeLessThanOrEqual(1440);
    }
    await e.screenshot(page, 'imports-review-1440');

    // 序号 4 is flagged against 序号 1 (same investor, similar name); it is a second phase: import it, with the reason.
    const dupRow = review.locator('tbody tr.ant-table-row').filter({ hasText: '序号 4' });
    expect(await dupRow.textContent()).toContain('序号 1');
    await dupRow.getByRole('button', { name: zhCN['imports.dup.notDuplicate'] }).click();
    await page.getByTestId('not-duplicate-reason').fill('二期项目，另行签约');
    await page.getByTestId('not-duplicate-ok').click();
    await expect.poll(() => dupRow.textContent()).toContain('二期项目，另行签约');

    await page.getByTestId('to-commit').click();
    await expect.poll(() => page.getByTestId('commit-plan').textContent()).toContain('将新增项目 3 条');
    await page.getByTestId('skip-invalid').click();
    await page.getByTestId('commit').click();
    await expect.poll(() => page.getByText('已导入项目 3 条').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(e.pageErrors.get(page)).toEqual([]);
  });

  it('on a 375 px phone: the same steps without the page scrolling sideways', async () => {
    const page = await e.signIn('linqing');
    await page.setViewportSize({ width: 375, height: 812 });
    await openImports(page);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await page.locator('input[type=file]').setInputFiles(await shortList());
    await page.getByTestId('mapping-table').waitFor({ timeout: 30_000 });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('to-review').click();
    await page.getByTestId('review-table').waitFor();
    await expect.poll(() => page.getByTestId('to-commit').isEnabled()).toBe(true);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await e.screenshot(page, 'imports-review-375');

    await page.getByTestId('to-commit').click();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('commit').click();
    await expect.poll(() => page.getByText('已导入项目 2 条').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(e.pageErrors.get(page)).toEqual([]);
  });
});
