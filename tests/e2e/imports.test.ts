// The import wizard in the browser: a county's own ledger uploaded, its columns matched, the dry run's error cell
// and duplicate shown, and the valid rows committed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { startE2E, type E2E } from '../support/browser.js';

async function ledger(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['东昌府区2024年招商引资重点项目台账']);
  ws.mergeCells('A1:H1');
  ws.addRow(['填报单位：东昌府区投资促进服务中心']);
  ws.addRow(['序号', '项目名称', '项目代码', '投资主体', '计划总投资（亿元）', '进展阶段', '签约日期', '落地县区', '产业集群', '联系电话']);
  ws.addRow([1, '浏览器导入铝合金新材料项目', 'E2E-001', '某新材料科技（上海）有限公司', 1.2345, '签约', '2024年3月5日', '东昌府', '新材料', '13800000001']);
  ws.addRow([2, '浏览器导入数控机床基地项目', 'E2E-002', '某装备集团有限公司', 5, '在建', '2024/4/10', '东昌府区', '高端装备', '0635-8123456']);
  ws.addRow([3, '浏览器导入坏日期项目', 'E2E-003', '某公司', 2, '签约', '2024-02-30', '东昌府', '新材料', '13800000003']);
  ws.addRow([4, '浏览器导入铝合金新材料项目', 'E2E-001', '某新材料科技（上海）有限公司', 1.2, '签约', '20240305', '东昌府', '新材料', '']);
  ws.addRow(['合计', '', '', '', 9.4345]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-e2e-import-')), '东昌府区台账.xlsx');
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

describe('import wizard in the browser', () => {
  let e: E2E;
  beforeAll(async () => { e = await startE2E(); });
  afterAll(async () => { await e?.close(); });

  it('uploads a county ledger, shows the checks and commits the valid rows', async () => {
    const page = await e.signIn('dongchangfu');
    await page.getByTestId('main-menu').getByText(zhCN['menu.imports']).first().click();
    await page.getByTestId('imports-page').waitFor();

    await page.locator('input[type=file]').setInputFiles(await ledger());
    const mapping = page.getByTestId('mapping-table');
    await mapping.waitFor({ timeout: 30_000 });
    await expect.poll(() => mapping.getByText('计划总投资（亿元）').isVisible()).toBe(true);

    await page.getByTestId('to-review').click();
    const review = page.getByTestId('review-table');
    await expect.poll(() => review.getByText('2024-02-30').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => review.locator('[data-error="true"]').count()).toBeGreaterThan(0);
    await expect.poll(() => review.getByText('与第 4 行重复', { exact: false }).first().isVisible()).toBe(true);
    await e.screenshot(page, 'imports-review');

    await page.getByTestId('to-commit').click();
    await page.getByTestId('skip-invalid').click();
    await page.getByTestId('commit').click();
    await expect.poll(() => page.getByText('已导入项目 2 条').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(e.pageErrors.get(page)).toEqual([]);
  });
});
