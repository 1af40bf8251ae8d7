// A project's way through the pipeline in the browser, as the bureau and a county work it:
//   a. the bureau imports 东昌府区's own project sheet (title rows, its own headers, 亿元, Chinese dates, short county
//      names, a total row, two bad rows, a duplicate); the dry run shows the problems before anything is written;
//   b. the county moves one imported 在谈 project to 签约 with the required fields and an evidence PDF; the move
//      awaits approval; the bureau approves it in the approval queue and the approved stage becomes 签约;
//   c. the bureau finds the project with the header search box by two characters of its name;
//   d. the bureau exports the project list filtered by stage: the .xlsx has the project and only 签约 rows;
//   e. the county's list, header search and export hold only 东昌府区 projects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { startE2E, type E2E } from '../support/browser.js';

const MOVED = '东昌府区氢能重卡整车制造项目'; // imported in 在谈, moved to 签约
const BEARING = '东昌府区精密轴承保持架项目'; // imported in 签约; shares “轴承” with 临清's projects
const COLD = '东昌府区智慧冷链物流园项目'; // imported in 谋划
const BAD_DATE = '东昌府区预制菜产业园项目';
const NEGATIVE = '东昌府区环保装备制造项目';
const IMPORTED = [MOVED, BEARING, COLD];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-e2e-pipeline-'));
/** A calendar day in Asia/Shanghai, `days` from today. */
const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** 东昌府区's own ledger, as a county office keeps it. */
async function countySheet(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点项目');
  ws.addRow(['东昌府区2026年招商引资重点项目推进台账']);
  ws.mergeCells('A1:G1');
  ws.addRow(['填报单位：东昌府区投资促进服务中心', '', '', '金额单位：亿元']);
  ws.addRow(['序号', '项目名称', '投资方', '总投资（亿元）', '所在县区', '项目阶段', '签约时间']);
  ws.addRow([1, MOVED, '某氢能汽车科技（上海）有限公司', 12.5, '东昌府', '在谈', '']); // row 4
  ws.addRow([2, BEARING, '某精工科技（宁波）有限公司', 3.2, '东昌府', '签约', '2026年10月8日']); // row 5
  ws.addRow([3, COLD, '某冷链物流集团有限公司', 2, '东昌府区', '谋划', '']); // row 6
  ws.addRow([4, BAD_DATE, '某食品集团有限公司', 1.5, '东昌府', '签约', '2024年2月30日']); // row 7: no such date
  ws.addRow([5, NEGATIVE, '某环保装备有限公司', -0.8, '东昌府', '在谈', '']); // row 8: a negative amount
  ws.addRow([6, MOVED, '某氢能汽车科技（上海）有限公司', 12.5, '东昌府', '在谈', '']); // row 9: repeats row 4
  ws.addRow(['合计', '', '', 17.4]);
  const file = path.join(tmp, '东昌府区重点项目台账.xlsx');
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** A small valid one-page PDF: the signed agreement. */
function agreementPdf(): string {
  const text = 'Investment agreement (e2e)';
  const body =
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
    `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>endobj\n` +
    `4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 12 Tf 72 760 Td (${text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  const file = path.join(tmp, '投资协议.pdf');
  fs.writeFileSync(file, Buffer.from(body, 'latin1'));
  return file;
}

const table = (page: Page) => page.getByTestId('projects-table');
/** Resolves once the project list has answered and drawn. */
async function listSettled(page: Page, act: () => Promise<unknown>) {
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/projects' && r.request().method() === 'GET',
    { timeout: 20_000 },
  );
  answered.catch(() => {}); // awaited below; a failed act must not leave it unhandled
  await act();
  await answered;
  await expect.poll(() => table(page).locator('.ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
}
/** The names in the list's current page. */
const listedNames = (page: Page) => table(page).locator('tbody [data-testid^="project-link-"]').allTextContents();
const totalsCount = async (page: Page) => {
  const text = (await page.getByTestId('projects-totals').textContent()) ?? '';
  const m = /共 (\d+) 个项目/.exec(text);
  if (!m) throw new Error(`no totals in “${text}”`);
  return Number(m[1]);
};
async function openProjects(page: Page) {
  await listSettled(page, () => page.getByTestId('main-menu').getByText(zhCN['menu.projects']).first().click());
}
async function searchList(page: Page, q: string) {
  const box = page.getByTestId('projects-search');
  const input = (await box.evaluate((el) => el.tagName)) === 'INPUT' ? box : box.locator('input');
  await input.fill(q);
  await listSettled(page, () => input.press('Enter'));
}

/** Clicks the list's export button; returns the downloaded workbook's first sheet as rows of cell texts (header first). */
async function exportList(page: Page, name: string): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId('export-project').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^项目库-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(tmp, `${name}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}
const column = (rows: string[][], header: string) => {
  const i = rows[0].indexOf(header);
  expect(i, `column ${header} in ${rows[0].join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i] ?? '');
};

/** Types into the header search box and presses Enter: the results page, with the projects group loaded. */
async function headerSearchAll(page: Page, q: string) {
  const answered = page.waitForResponse((r) => r.url().includes(`/api/search?q=${encodeURIComponent(q)}`), {
    timeout: 20_000,
  });
  const input = page.getByTestId('global-search').locator('input');
  await input.fill(q);
  await input.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const body = (await (await answered).json()) as { projects: { id: number; name: string; subtitle: string }[] };
  const group = page.getByTestId('search-group-projects');
  await expect
    .poll(() => group.locator('.ant-card-head-title').textContent(), { timeout: 10_000 })
    .toBe(`${zhCN['search.projects']}（${body.projects.length}）`);
  return { api: body.projects, shown: await group.locator('.ant-list-item').allTextContents() };
}

describe('a project through the pipeline, in the browser', () => {
  let e: E2E;
  let bureau: Page;
  let county: Page;
  let movedId = 0;
  const linqingNames: string[] = [];
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a. the bureau imports a county sheet: the dry run shows bad rows and the duplicate, nothing is written before the commit', async () => {
    bureau = await e.signIn('bureau');
    // A second tab of the same session, to look at the project list while the wizard is open.
    const list = await bureau.context().newPage();
    await list.goto('/projects');
    await listSettled(list, () => list.reload());

    await bureau.getByTestId('main-menu').getByText(zhCN['menu.imports']).first().click();
    await bureau.getByTestId('imports-page').waitFor();
    await bureau.locator('input[type=file]').setInputFiles(await countySheet());
    const mapping = bureau.getByTestId('mapping-table');
    await mapping.waitFor({ timeout: 30_000 });
    await expect.poll(() => mapping.getByText('总投资（亿元）').isVisible()).toBe(true);
    await bureau.getByTestId('to-review').click();

    const review = bureau.getByTestId('review-table');
    const row = (rowNo: number) =>
      review.locator('tbody tr.ant-table-row').filter({ has: bureau.getByTestId(`row-${rowNo}`) });
    await expect.poll(() => row(7).isVisible(), { timeout: 20_000 }).toBe(true);
    // The problem rows, each with its reason; the good rows are not among them.
    expect(await review.locator('tbody tr.ant-table-row').count()).toBe(3);
    const bad = await row(7).textContent();
    expect(bad).toContain(zhCN['imports.status.invalid']);
    expect(bad).toContain('日期不存在：2024年2月30日');
    expect(await row(7).locator('[data-error="true"]').count()).toBeGreaterThan(0);
    const negative = await row(8).textContent();
    expect(negative).toContain(zhCN['imports.status.invalid']);
    expect(negative).toContain('总投资：金额须不小于 0 且不超过 1 万亿元');
    const dup = await row(9).textContent();
    expect(dup).toContain(zhCN['imports.status.duplicate']);
    expect(dup).toContain('与本表第 4 行（序号 1）重复');
    // The counts: six data rows, three good, two bad, one repeat; the total row skipped.
    const stat = (title: string) =>
      bureau
        .locator('.ant-statistic')
        .filter({ has: bureau.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) })
        .locator('.ant-statistic-content')
        .textContent();
    expect(await stat(zhCN['imports.stat.rows'])).toBe('6');
    expect(await stat(zhCN['imports.stat.valid'])).toBe('3');
    expect(await stat(zhCN['imports.stat.invalid'])).toBe('2');
    expect(await stat(zhCN['imports.stat.duplicate'])).toBe('1');
    await e.screenshot(bureau, 'pipeline-dry-run');

    // Before the commit the list has none of the new projects.
    await searchList(list, '东昌府区');
    expect(await listedNames(list)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^东昌府区/)]));
    for (const n of [...IMPORTED, BAD_DATE, NEGATIVE]) expect(await listedNames(list)).not.toContain(n);

    await bureau.getByTestId('to-commit').click();
    expect(await bureau.getByText('将新增项目 3 条；重复的 1 行不会重复写入；错误行 2 行。').isVisible()).toBe(true);
    expect(await bureau.getByTestId('commit').isDisabled()).toBe(true); // bad rows must be skipped knowingly
    await bureau.getByTestId('skip-invalid').click();
    await bureau.getByTestId('commit').click();
    await expect.poll(() => bureau.getByText('已导入项目 3 条').isVisible(), { timeout: 30_000 }).toBe(true);

    // Now the list has the three good rows, once each, and neither bad one.
    await searchList(list, '东昌府区');
    const names = await listedNames(list);
    for (const n of IMPORTED) expect(names.filter((x) => x === n)).toHaveLength(1);
    expect(names).not.toContain(BAD_DATE);
    expect(names).not.toContain(NEGATIVE);
    const movedRow = table(list).locator('tbody tr.ant-table-row').filter({ hasText: MOVED });
    expect(await movedRow.textContent()).toContain('东昌府区');
    expect(await movedRow.textContent()).toContain('12.5 亿元');
    movedId = Number(
      (await movedRow.locator('[data-testid^="project-link-"]').getAttribute('data-testid'))!.replace(
        'project-link-',
        '',
      ),
    );
    expect(movedId).toBeGreaterThan(0);
    await list.close();
    expect(e.pageErrors.get(bureau)).toEqual([]);
  }, 120_000);

  it('b. the county moves the 在谈 project to 签约 with evidence; the bureau approves it from the queue', async () => {
    county = await e.signIn('dongchangfu');
    await openProjects(county);
    await searchList(county, '氢能');
    await county.getByTestId(`project-link-${movedId}`).click();
    await expect.poll(() => county.getByTestId('project-title').textContent(), { timeout: 10_000 }).toBe(MOVED);
    const head = county.locator('.ant-card-head').first();
    expect(await head.locator('.ant-tag').first().textContent()).toBe(zhCN['projects.stage.negotiating']);

    await county.getByTestId('project-move').click();
    const form = county.getByTestId('move-form');
    await form.waitFor();
    await expect.poll(() => form.getByTestId('move-to').textContent()).toContain(zhCN['projects.stage.signed']); // the next stage, offered first
    await form.getByText(zhCN['projects.agreement.investment'], { exact: true }).click();
    const signedAt = shanghaiDay(-3);
    await form.locator('#fields_signedAt').click();
    await form.locator('#fields_signedAt').fill(signedAt);
    await form.locator('#fields_signedAt').press('Enter');
    await form.locator('#fields_signedAmount').fill('120000');
    await form.locator('#fields_signedEvent').fill('2026年聊城市重点项目集中签约仪式');
    await form.locator('input[type=file]').setInputFiles(agreementPdf());
    await expect
      .poll(() => form.locator('.ant-upload-list-item').filter({ hasText: '投资协议.pdf' }).getAttribute('class'), {
        timeout: 20_000,
      })
      .toContain('ant-upload-list-item-done');
    expect(await form.locator('#fields_signedAt').inputValue()).toBe(signedAt);
    await county.getByTestId('move-submit').click();

    // The move is on record and waits for the bureau; the stage that counts is still 在谈.
    const pending = county.getByTestId('pending-move');
    await expect.poll(() => pending.isVisible(), { timeout: 15_000 }).toBe(true);
    const pendingText = (await pending.textContent()) ?? '';
    expect(pendingText).toContain(`${zhCN['projects.stage.negotiating']} → ${zhCN['projects.stage.signed']}`);
    expect(pendingText).toContain('待市投促局审核');
    expect(pendingText).toContain('投资协议.pdf');
    expect(pendingText).toContain(`签约日期：${signedAt}`);
    expect(pendingText).toContain('12 亿元');
    expect(await head.locator('.ant-tag').first().textContent()).toBe(zhCN['projects.stage.negotiating']);
    expect(await county.getByTestId('project-move').isDisabled()).toBe(true);
    // The timeline tells how the project came in, in words (not the event's code).
    const timeline = (await county.getByTestId('project-timeline').textContent()) ?? '';
    expect(timeline).toContain(`${zhCN['projects.timeline.imported']} ：表格导入`);
    expect(timeline).not.toMatch(/imported/);
    await e.screenshot(county, 'pipeline-pending-move');
    expect(e.pageErrors.get(county)).toEqual([]);

    // The bureau's queue has the move; approving it makes 签约 count.
    await bureau.getByTestId('main-menu').getByText(zhCN['menu.projectApprovals']).first().click();
    const queue = bureau.getByTestId('approvals-table');
    const item = queue.locator('tbody tr.ant-table-row').filter({ hasText: MOVED });
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await item.textContent()).toContain('东昌府区');
    expect(await item.textContent()).toContain(
      `${zhCN['projects.stage.negotiating']} → ${zhCN['projects.stage.signed']}`,
    );
    await item.getByTestId(/^approve-\d+$/).click();
    await bureau.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);

    await bureau.goto(`/projects/${movedId}`);
    await expect.poll(() => bureau.getByTestId('project-title').textContent(), { timeout: 10_000 }).toBe(MOVED);
    expect(await bureau.locator('.ant-card-head').first().locator('.ant-tag').first().textContent()).toBe(
      zhCN['projects.stage.signed'],
    );
    expect(await bureau.getByTestId('pending-move').count()).toBe(0);
    // The county sees the same.
    await county.reload();
    await expect
      .poll(() => county.locator('.ant-card-head').first().locator('.ant-tag').first().textContent(), {
        timeout: 10_000,
      })
      .toBe(zhCN['projects.stage.signed']);
    expect(await county.getByTestId('pending-move').count()).toBe(0);
    expect(e.pageErrors.get(bureau)).toEqual([]);
  }, 120_000);

  it('c. the bureau finds the project with the header search box by two characters and opens it', async () => {
    await bureau.goto('/'); // the site's root, as a bookmark opens it
    await bureau.getByTestId('main-menu').waitFor({ timeout: 20_000 });
    await bureau.getByTestId('global-search').locator('input').fill('氢能');
    const hit = bureau.getByTestId(`search-hit-projects-${movedId}`);
    await expect.poll(() => hit.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await hit.textContent()).toContain(MOVED);
    expect(await hit.textContent()).toContain('东昌府区');
    await e.screenshot(bureau, 'pipeline-header-search');
    await hit.click();
    await bureau.waitForURL(new RegExp(`/projects/${movedId}$`));
    await expect.poll(() => bureau.getByTestId('project-title').textContent(), { timeout: 10_000 }).toBe(MOVED);
    expect(e.pageErrors.get(bureau)).toEqual([]);
  }, 60_000);

  it('d. the bureau exports the list filtered by stage 签约: the file holds the project and only 签约 rows', async () => {
    await openProjects(bureau);
    await bureau.getByTestId('filter-stage').click();
    await listSettled(bureau, () =>
      bureau
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: new RegExp(`^${zhCN['projects.stage.signed']}$`) })
        .click(),
    );
    await bureau.keyboard.press('Escape');
    const names = await listedNames(bureau);
    expect(names).toContain(MOVED);
    expect(names).toContain(BEARING);
    expect(names).not.toContain(COLD);
    const count = await totalsCount(bureau);
    expect(count).toBe(names.length); // one page holds them all
    const stages = await table(bureau)
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.querySelector('.ant-tag')?.textContent));
    expect(new Set(stages)).toEqual(new Set([zhCN['projects.stage.signed']]));

    const rows = await exportList(bureau, 'bureau-signed');
    const exported = column(rows, '项目名称');
    expect(exported).toHaveLength(count);
    expect(exported).toContain(MOVED);
    expect(exported).toContain(BEARING);
    expect(exported).not.toContain(COLD);
    expect(new Set(column(rows, '已审核阶段'))).toEqual(new Set(['签约']));
    const moved = rows.find((r) => r[rows[0].indexOf('项目名称')] === MOVED)!;
    expect(moved[rows[0].indexOf('所在县区')]).toBe('东昌府区');
    expect(moved[rows[0].indexOf('签约金额（万元）')]).toBe('120000');
    expect(moved[rows[0].indexOf('签约活动')]).toBe('2026年聊城市重点项目集中签约仪式');
    // The bureau's export is city-wide: other counties' signed projects are in it.
    expect(new Set(column(rows, '所在县区')).size).toBeGreaterThan(1);

    // What the bureau sees of 临清市: the county must not.
    const { api } = await headerSearchAll(bureau, '轴承');
    linqingNames.push(...api.filter((h) => h.subtitle.includes('临清')).map((h) => h.name));
    expect(linqingNames.length).toBeGreaterThan(0);
    expect(api.map((h) => h.name)).toContain(BEARING);
    expect(e.pageErrors.get(bureau)).toEqual([]);
  }, 90_000);

  it("e. the county's list, header search and export hold only 东昌府区 projects", async () => {
    await openProjects(county);
    const rows = table(county).locator('tbody tr.ant-table-row');
    const names = await listedNames(county);
    const count = await totalsCount(county);
    expect(count).toBe(names.length);
    for (const n of IMPORTED) expect(names).toContain(n);
    for (const n of linqingNames) expect(names).not.toContain(n);
    const units = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3]?.textContent));
    expect(units.length).toBe(count);
    expect(new Set(units)).toEqual(new Set(['东昌府区']));

    const { api, shown } = await headerSearchAll(county, '轴承');
    expect(api.map((h) => h.name)).toEqual([BEARING]);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(BEARING);
    expect(shown[0]).toContain('东昌府区');
    for (const n of linqingNames) expect(shown.join('\n')).not.toContain(n);

    await openProjects(county);
    const sheet = await exportList(county, 'county-all');
    const exported = column(sheet, '项目名称');
    expect(exported).toHaveLength(count);
    for (const n of [...IMPORTED]) expect(exported).toContain(n);
    for (const n of linqingNames) expect(exported).not.toContain(n);
    expect(new Set(column(sheet, '所在县区'))).toEqual(new Set(['东昌府区']));
    await e.screenshot(county, 'pipeline-county-list');
    expect(e.pageErrors.get(county)).toEqual([]);
  }, 90_000);
});
