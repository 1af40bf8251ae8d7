// The monthly verdict in the browser, at a desk (1440 px) and on a phone (375 px), in one pass:
//   the bureau opens the targets page and clicks a figure through to the projects behind it; opens the ranking,
//   runs the month, clicks a score through to its formula and records and on to a project; and downloads the
//   bulletin, whose Word file carries the ranking's totals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { startE2E, type E2E } from '../support/browser.js';

let e2e: E2E;
let bureau: Page;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-e2e-verdict-'));

beforeAll(async () => {
  e2e = await startE2E();
  bureau = await e2e.signIn('bureau');
});
afterAll(async () => {
  await e2e?.close();
});

interface RunUnit {
  subjectId: number;
  name: string;
  total: string;
  items: { key: string; recordIds: number[] }[];
}

for (const width of [1440, 375]) {
  describe(`at ${width} px`, () => {
    beforeAll(async () => {
      await bureau.setViewportSize({ width, height: width > 500 ? 900 : 800 });
    });

    it("opens a progress figure's records", async () => {
      await bureau.goto('/targets');
      const table = bureau.getByTestId('progress-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
      // A county whose signed amount has projects behind it (the first one the API names).
      const now = new Date(Date.now() + 8 * 3600_000);
      const q = `year=${now.getUTCFullYear()}&month=${now.getUTCMonth() + 1}&group=counties`;
      const progress = await (await bureau.request.get(`/api/targets/progress?${q}`)).json();
      const row = progress.rows.find(
        (r: { figures: { indicator: string; recordCount: number }[] }) =>
          r.figures.find((f) => f.indicator === 'signed_amount')!.recordCount > 0,
      );
      const cell = bureau.getByTestId(`figure-${row.subjectId}-signed_amount`);
      await cell.scrollIntoViewIfNeeded();
      await cell.click();
      const drawer = bureau.getByTestId('figure-records');
      await drawer.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 10_000 });
      const count = row.figures.find((f: { indicator: string }) => f.indicator === 'signed_amount').recordCount;
      expect(await drawer.locator('tbody tr.ant-table-row').count()).toBe(count);
      await bureau.keyboard.press('Escape');
    });

    it("runs the month, opens a score's records and a project, and downloads the bulletin", async () => {
      await bureau.goto('/ranking');
      await bureau.getByText(zhCN['assessment.title']).first().waitFor({ timeout: 20_000 });
      const ranking = bureau.getByTestId('ranking-table');
      if (width === 1440) {
        await expect.poll(() => bureau.getByText(zhCN['assessment.noRunYet']).count(), { timeout: 10_000 }).toBe(1);
        const answered = bureau.waitForResponse(
          (r) => r.url().endsWith('/api/assessment/runs') && r.request().method() === 'POST',
        );
        await bureau.getByTestId('run-month').click();
        expect((await answered).status()).toBe(200);
      }
      await ranking.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
      const runs = await (await bureau.request.get('/api/assessment/runs')).json();
      expect(runs.items).toHaveLength(1); // the phone pass shows the run made at the desk
      const run = await (await bureau.request.get(`/api/assessment/runs/${runs.items[0].id}`)).json();
      expect(await ranking.getByTestId('total').allTextContents()).toEqual(run.units.map((u: RunUnit) => u.total));

      const unit: RunUnit = run.units.find(
        (u: RunUnit) => u.items.find((i) => i.key === 'signed_amount')!.recordIds.length > 0,
      );
      const ids = unit.items.find((i) => i.key === 'signed_amount')!.recordIds;
      const score = bureau.getByTestId(`score-${unit.subjectId}-signed_amount`);
      await score.scrollIntoViewIfNeeded();
      await score.click();
      const drawer = bureau.getByTestId('score-records');
      await drawer.getByText(zhCN['assessment.formula']).waitFor({ timeout: 10_000 });
      const rows = drawer.getByTestId('score-records-table').locator('tbody tr.ant-table-row');
      await rows.first().waitFor({ timeout: 10_000 });
      expect(await rows.count()).toBe(ids.length);
      const project = await (await bureau.request.get(`/api/projects/${ids[0]}`)).json();
      await drawer.getByRole('button', { name: project.name }).click();
      await bureau.waitForURL(`**/projects/${ids[0]}`, { timeout: 10_000 });
      await bureau.getByText(project.name).first().waitFor({ timeout: 10_000 });
      await e2e.screenshot(bureau, `verdict-project-${width}`);

      await bureau.goBack();
      await ranking.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
      await e2e.screenshot(bureau, `verdict-ranking-${width}`);
      const button = bureau.getByTestId('bulletin-docx');
      await button.scrollIntoViewIfNeeded();
      const [download] = await Promise.all([bureau.waitForEvent('download', { timeout: 30_000 }), button.click()]);
      expect(download.suggestedFilename()).toMatch(/^关于.*通报\.docx$/);
      const file = path.join(tmp, `bulletin-${width}.docx`);
      await download.saveAs(file);
      const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
      const cells = [...xml.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
      for (const u of run.units as RunUnit[]) expect(cells[cells.indexOf(u.name) + 1], u.name).toBe(u.total);
      expect(e2e.pageErrors.get(bureau)).toEqual([]);
    });
  });
}
