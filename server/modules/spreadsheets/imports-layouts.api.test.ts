// Sheets in the layouts counties really send, built here with ExcelJS's writer and imported through the HTTP API as a
// user would, accepting the mapping the product proposes: a two-level header with amounts in 亿元, stage phrases, short
// and full county names, 万元 with thousands separators, Excel date serials and "2025.3.18", full-width digits, a notes
// row and a total row, bad rows, and duplicate pairs both true and false. Every bad row must be named with the
// clerk's own number and a reason, every duplicate explained and decidable, and the committed amounts must add up to
// the sheet's good rows (summed here independently of the importer).
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Agent, type TestApp, startTestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { makeUSCC } from '../enterprises/uscc.js';

let t: TestApp;
let bureau: Agent, dcf: Agent;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

function multipart(file: { name: string; content: Buffer }, fields: Record<string, string>) {
  const boundary = `----magnet${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function settled(a: Agent, id: number) {
  for (let i = 0; i < 600; i++) {
    const r = await a.get(`/api/imports/${id}`);
    if (r.status !== 200) throw new Error(`GET import ${id}: ${r.status} ${r.body}`);
    if (!['parsing', 'committing'].includes(r.json.status)) return r.json;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('import did not settle');
}

async function importFile(a: Agent, name: string, content: Buffer) {
  const m = multipart({ name, content }, { entity: 'project' });
  const r = await a.post('/api/imports', m.payload, m.headers);
  expect(r.status, r.body).toBe(200);
  return settled(a, r.json.id);
}

async function commit(a: Agent, id: number, body: Record<string, unknown> = {}) {
  const r = await a.post(`/api/imports/${id}/commit`, body);
  expect(r.status, r.body).toBe(200);
  return settled(a, id);
}

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('重点项目'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const allRows = async (a: Agent, id: number) =>
  (await a.get(`/api/imports/${id}/rows?filter=all&pageSize=200`)).json.items as ImportRow[];
const mapOf = (job: { mapping: { header: string; field: string | null; match?: string | null }[] }) =>
  Object.fromEntries(job.mapping.map((m) => [m.header, { field: m.field, match: m.match ?? null }]));

interface ImportRow {
  rowNo: number;
  clerkNo: string | null;
  status: string;
  errors: { field: string; code: string; message: string }[];
  duplicates: { kind: string; rowNo?: number; clerkNo?: string; id?: number; reasons: string[]; message: string }[];
  values: Record<string, unknown>;
}

/** The sum of amounts as the test reads them, independently of the importer: hundredths of 万元 from a decimal in a unit. */
function cents(text: string, unit: '亿元' | '万元'): bigint {
  const half = text.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, '');
  const [int, frac = ''] = half.split('.');
  const scale = unit === '亿元' ? 6 : 2; // 1 亿元 = 10,000 万元 = 1,000,000 hundredths of 万元
  if (frac.length > scale) throw new Error(`more decimals than the test reads: ${text}`);
  return BigInt(int + frac.padEnd(scale, '0'));
}
const sumOf = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const asDecimal = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

const committedTotal = async (jobId: number) =>
  (
    await rows<{ n: number; total: string | null }>(sql`SELECT count(*)::int AS n,
    sum(p.total_investment)::text AS total FROM import_row_records rr JOIN projects p ON p.id = rr.record_id WHERE rr.job_id = ${jobId}`)
  )[0];

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dcf] = await Promise.all(['bureau', 'dongchangfu'].map((u) => login(t.app, u, DEMO_PASSWORD)));
});
afterAll(async () => {
  await t?.close();
});

// ------------------------------------------------------------------------------------------------ layout A

const USCC_A = makeUSCC('371502', 7101);

/** The city's key-project list as the bureau keeps it: a merged title, a two-level header (投资额（亿元） over 总投资 and
 *  固定资产投资), 所在县（市、区） and 项目进展 headers, a 责任单位 column, short and full county names, an Excel date serial,
 *  "2025.3.18", full-width digits, an unknown stage, a county that does not exist, and duplicate pairs true and false. */
const LAYOUT_A: (string | number)[][] = [
  // 序号, 项目名称, 投资方, 统一社会信用代码, 总投资, 固定资产投资, 所在县（市、区）, 项目进展, 开工时间, 责任单位
  [
    1,
    '年产10万吨新型铝材项目',
    '甲铝业科技有限公司',
    USCC_A,
    1.5,
    1.2,
    '东昌府',
    '正在建设',
    '2025.3.18',
    '东昌府区投资促进服务中心',
  ],
  [2, '智能装备产业园项目', '乙装备集团有限公司', '', 5, 4, '临清市', '已签约未开工', '', '临清市商务局'],
  [3, '生物医药中间体项目', '丙药业有限公司', '', '２.５', '', '高新区', '洽谈中', '', '市发改委'],
  [4, '新能源电池壳体项目', '丁新能源科技有限公司', '', 0.8, 0.5, '阳谷县', '已投产', 45734, '市工信局'],
  [5, '某阶段不明项目', '戊商贸有限公司', '', 1, '', '东昌府', '热火朝天', '', '东昌府区投资促进服务中心'],
  [6, '某县不存在项目', '己实业有限公司', '', 1, '', '南山区', '在建', '', '市商务局'],
  [
    7,
    '年产10万吨新型铝材二期项目',
    '甲铝业科技有限公司',
    '',
    3,
    2.5,
    '东昌府区',
    '在谈',
    '',
    '东昌府区投资促进服务中心',
  ],
  [8, '精密轴承生产线项目', '乙装备集团有限公司', '', 0.6, 0.5, '临清', '开工建设', '', '临清市商务局'],
  [9, '智能装备产业园项目（重复录入）', '乙装备集团有限公司', '', 5.2, 4, '临清市', '已签约', '', '临清市商务局'],
];

function layoutA(ws: ExcelJS.Worksheet) {
  ws.addRow(['2025年全市招商引资重点项目推进情况表']);
  ws.mergeCells('A1:J1');
  ws.addRow([
    '序号',
    '项目名称',
    '投资方',
    '统一社会信用代码',
    '投资额（亿元）',
    '',
    '所在县（市、区）',
    '项目进展',
    '开工时间',
    '责任单位',
  ]);
  ws.addRow(['', '', '', '', '总投资', '固定资产投资', '', '', '', '']);
  ws.mergeCells('E2:F2');
  for (const c of ['A', 'B', 'C', 'D', 'G', 'H', 'I', 'J']) ws.mergeCells(`${c}2:${c}3`);
  for (const r of LAYOUT_A) ws.addRow(r);
  ws.addRow(['合计', '', '', '', 19.6, '']);
  ws.addRow(['注：项目进展按实际填写，金额单位为亿元。']);
}

describe("the bureau's two-level sheet in 亿元", () => {
  let job: Awaited<ReturnType<typeof settled>>;
  let byRow: Map<number, ImportRow>;

  it("proposes the mapping from headers and values: county and stage taken, 责任单位 not, 序号 as the clerk's number", async () => {
    job = await importFile(bureau, '全市重点项目.xlsx', await xlsx(layoutA));
    expect(job.status).toBe('ready');
    const m = mapOf(job);
    expect(m['所在县（市、区）']).toEqual({ field: 'county', match: 'auto' });
    expect(m['项目进展']).toEqual({ field: 'stage', match: 'auto' });
    expect(m['投资额（亿元）/总投资']).toEqual({ field: 'totalInvestment', match: 'auto' });
    expect(m['投资额（亿元）/固定资产投资']).toEqual({ field: 'fixedAssetInvestment', match: 'auto' });
    expect(m['责任单位'].field).toBeNull();
    expect(job.mapping.find((c: { header: string }) => c.header === '投资额（亿元）/总投资').unit).toBe('亿元');
    expect(job.mapping.find((c: { header: string }) => c.header === '序号').serial).toBe(true);
    expect(job.blockers).toEqual([]);
    expect(job.summary).toMatchObject({ headerRow: 3, rows: 9, serialCol: 0, skipped: { totals: 1, notes: 1 } });
  });

  it("names every bad row with the clerk's number and a reason, and reads the stage phrases and dates", async () => {
    byRow = new Map((await allRows(bureau, job.id)).map((r) => [r.rowNo, r]));
    const row = (clerk: number) => [...byRow.values()].find((r) => r.clerkNo === String(clerk))!;
    expect(row(1).values).toMatchObject({
      stage: 'started',
      startedAt: '2025-03-18',
      totalInvestment: '15000.00',
      fixedAssetInvestment: '12000.00',
    });
    expect(row(2).values).toMatchObject({ stage: 'signed', totalInvestment: '50000.00' });
    expect(row(3).values).toMatchObject({ stage: 'negotiating', totalInvestment: '25000.00' });
    expect(row(4).values).toMatchObject({ stage: 'producing', startedAt: '2025-03-18' });
    expect(row(1).rowNo).toBe(4);
    const invalid = [...byRow.values()].filter((r) => r.status === 'invalid');
    expect(invalid.map((r) => r.clerkNo).sort()).toEqual(['5', '6']);
    expect(row(5).errors).toEqual([
      expect.objectContaining({ field: 'stage', code: 'unknown_stage', message: expect.stringContaining('热火朝天') }),
    ]);
    expect(row(6).errors).toEqual([
      expect.objectContaining({ field: 'county', code: 'not_found', message: expect.stringContaining('南山区') }),
    ]);
    // The problems list puts errors first.
    const problems = (await bureau.get(`/api/imports/${job.id}/rows`)).json.items as ImportRow[];
    expect(problems.slice(0, 2).map((r) => r.status)).toEqual(['invalid', 'invalid']);
  });

  it('flags only true duplicates, saying which row and why; a shared investor alone is not one', async () => {
    const row = (clerk: number) => [...byRow.values()].find((r) => r.clerkNo === String(clerk))!;
    expect(row(8).status).toBe('valid'); // same investor as 序号 2, another project and another amount
    expect(row(7).status).toBe('duplicate'); // same investor as 序号 1 and a similar name (a second phase)
    expect(row(7).duplicates[0]).toMatchObject({
      kind: 'file',
      rowNo: row(1).rowNo,
      clerkNo: '1',
      reasons: ['investor', 'similar_name'],
    });
    expect(row(7).duplicates[0].message).toContain('序号 1');
    expect(row(9).status).toBe('duplicate');
    expect(row(9).duplicates[0]).toMatchObject({
      kind: 'file',
      clerkNo: '2',
      reasons: expect.arrayContaining(['investor', 'amount_close']),
    });
    expect(job.summary).toMatchObject({ valid: 5, invalid: 2, duplicate: 2 });
  });

  it('lets the user decide: "not a duplicate" needs a reason; the decision is audited with the commit', async () => {
    const row = (clerk: number) => [...byRow.values()].find((r) => r.clerkNo === String(clerk))!;
    const noReason = await bureau.put(`/api/imports/${job.id}/rows/${row(7).rowNo}/decision`, { decision: 'import' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields[0].field).toBe('reason');
    const notDup = await bureau.put(`/api/imports/${job.id}/rows/${row(8).rowNo}/decision`, { decision: 'skip' });
    expect(notDup.status).toBe(400); // a valid row has nothing to decide
    const ok = await bureau.put(`/api/imports/${job.id}/rows/${row(7).rowNo}/decision`, {
      decision: 'import',
      reason: '二期项目，另行签约',
    });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json.row).toMatchObject({ decision: 'import', decisionReason: '二期项目，另行签约' });
    expect(ok.json.summary.decisions).toEqual({ import: 1, skip: 0 });
    expect(
      (await bureau.put(`/api/imports/${job.id}/rows/${row(9).rowNo}/decision`, { decision: 'skip' })).status,
    ).toBe(200);
    expect((await rows(sql`SELECT 1 FROM audit_events WHERE action = 'import.not_duplicate'`)).length).toBe(0);

    const done = await commit(bureau, job.id, { skipInvalid: true });
    expect(done.status).toBe('committed');
    expect(done.summary.committed).toMatchObject({ inserted: 6, duplicates: 1, invalidSkipped: 2, notDuplicates: 1 });
    const audit = await rows<{ detail: string; target_label: string }>(
      sql`SELECT detail, target_label FROM audit_events WHERE action = 'import.not_duplicate'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toContain('二期项目，另行签约');
    expect(audit[0].detail).toContain('序号 1');
  });

  it("commits the good rows, and their amounts add up to the sheet's", async () => {
    const good = LAYOUT_A.filter((r) => [1, 2, 3, 4, 7, 8].includes(Number(r[0])));
    const expected = sumOf(good.map((r) => cents(String(r[4]), '亿元')));
    const got = await committedTotal(job.id);
    expect(got.n).toBe(6);
    expect(got.total).toBe(asDecimal(expected));
    const placed = await rows<{
      name: string;
      unit: string;
      stage: string;
    }>(sql`SELECT p.name, u.name AS unit, p.stage FROM import_row_records rr
      JOIN projects p ON p.id = rr.record_id JOIN units u ON u.id = coalesce(p.park_unit_id, p.owner_unit_id) WHERE rr.job_id = ${job.id} ORDER BY rr.row_no`);
    expect(placed.map((p) => [p.unit, p.stage])).toEqual([
      ['东昌府区', 'started'],
      ['临清市', 'signed'],
      ['聊城高新技术产业开发区', 'negotiating'],
      ['阳谷县', 'producing'],
      ['东昌府区', 'negotiating'],
      ['临清市', 'started'],
    ]);
  });
});

// ------------------------------------------------------------------------------------------------ layout B

/** A county's own monthly list: 万元 with thousands separators (full-width too), 县市区 and 进展情况 headers, a column
 *  the user maps by hand (招引企业), Chinese and "2025.3.18" dates, a notes row under the header, a total row. */
const LAYOUT_B: (string | number | Date)[][] = [
  // 序号, 项目名称, 招引企业, 计划总投资(万元), 县市区, 进展情况, 签约时间
  ['1', '高端铝型材深加工项目', '庚铝材有限公司', '12,000', '东昌府', '已签约', '2024年3月5日'],
  ['2', '冷链物流园项目', '辛物流有限公司', '8,500.5', '东昌府区', '在建', new Date(Date.UTC(2024, 3, 10))],
  ['3', '功能性面料项目', '壬纺织有限公司', '３，０００', '东昌府', '达产', '2025.3.18'],
  ['4', '跨县项目', '癸实业有限公司', '1,000', '临清', '在谈', ''],
  ['5', '汽车轻量化零部件项目', '庚铝材有限公司', '20,000', '东昌府', '在建', ''],
  ['6', '新型铝材项目', '甲铝业科技有限公司', '15,500', '东昌府', '在建', ''],
];

function layoutB(rowsB: typeof LAYOUT_B, spacing = '') {
  return (ws: ExcelJS.Worksheet) => {
    ws.addRow(['东昌府区2025年招商项目月报']);
    ws.addRow([
      '序号',
      `项目名称${spacing}`,
      '招引企业',
      '计划总投资(万元)',
      spacing ? '县 市 区' : '县市区',
      '进展情况',
      '签约时间',
    ]);
    for (const r of rowsB) ws.addRow(r);
    ws.addRow(['合计', '', '', '58,500.5']);
    ws.addRow(['填表说明：金额单位为万元']);
  };
}

describe("a county's monthly list in 万元, mapped by hand once and remembered", () => {
  let job: Awaited<ReturnType<typeof settled>>;

  it('leaves the unknown column for the user, refuses a mapping that drops the county column, and re-runs when corrected', async () => {
    job = await importFile(dcf, '东昌府区月报.xlsx', await xlsx(layoutB(LAYOUT_B)));
    const m = mapOf(job);
    expect(m['县市区']).toEqual({ field: 'county', match: 'auto' });
    expect(m['进展情况']).toEqual({ field: 'stage', match: 'auto' });
    expect(m['招引企业'].field).toBeNull();
    const mapping = job.mapping.map((c: { col: number; header: string; field: string | null }) => ({
      col: c.col,
      field: c.header === '招引企业' ? 'investorName' : c.field,
    }));
    const dropped = await dcf.put(`/api/imports/${job.id}/mapping`, {
      mapping: mapping.map((c: { field: string | null }) => (c.field === 'county' ? { ...c, field: null } : c)),
    });
    expect(dropped.status).toBe(400);
    expect(dropped.json.fields).toEqual([
      expect.objectContaining({
        field: 'mapping.county',
        code: 'unmapped_key',
        message: expect.stringContaining('县市区'),
      }),
    ]);
    const r = await dcf.put(`/api/imports/${job.id}/mapping`, { mapping });
    expect(r.status, r.body).toBe(200);
    job = await settled(dcf, job.id);
    expect(mapOf(job)['招引企业']).toEqual({ field: 'investorName', match: 'user' });
  });

  it('reads 万元 with separators, names the out-of-scope row, keeps a shared investor apart, and explains the match with an existing project', async () => {
    const all = await allRows(dcf, job.id);
    const row = (clerk: string) => all.find((r) => r.clerkNo === clerk)!;
    expect(row('1').values).toMatchObject({ totalInvestment: '12000.00', stage: 'signed', signedAt: '2024-03-05' });
    expect(row('2').values).toMatchObject({ totalInvestment: '8500.50', stage: 'started', signedAt: '2024-04-10' });
    expect(row('3').values).toMatchObject({ totalInvestment: '3000.00', stage: 'at_capacity', signedAt: '2025-03-18' });
    expect(row('4').errors).toEqual([expect.objectContaining({ field: 'county', code: 'not_in_scope' })]);
    expect(row('5').status).toBe('valid'); // the same investor as 序号 1, another project and amount
    expect(row('6').status).toBe('duplicate');
    expect(row('6').duplicates[0]).toMatchObject({
      kind: 'existing',
      reasons: expect.arrayContaining(['investor', 'amount_close']),
    });
    expect(row('6').duplicates[0].message).toContain('年产10万吨新型铝材项目');
    expect(job.summary).toMatchObject({
      rows: 6,
      valid: 4,
      invalid: 1,
      duplicate: 1,
      skipped: { totals: 1, notes: 1 },
    });
  });

  it("commits the good rows with the sheet's total; the duplicate left undecided is skipped", async () => {
    const done = await commit(dcf, job.id, { skipInvalid: true });
    expect(done.summary.committed).toMatchObject({ inserted: 4, duplicates: 1, invalidSkipped: 1 });
    const expected = sumOf(
      LAYOUT_B.filter((r) => ['1', '2', '3', '5'].includes(String(r[0]))).map((r) => cents(String(r[3]), '万元')),
    );
    const got = await committedTotal(job.id);
    expect(got).toEqual({ n: 4, total: asDecimal(expected) });
  });

  it("maps next month's sheet of the same layout as confirmed, and says so", async () => {
    const next: typeof LAYOUT_B = [['1', '智慧农业示范园项目', '子农业科技有限公司', '6,000', '东昌府', '洽谈中', '']];
    const again = await importFile(dcf, '东昌府区月报（下月）.xlsx', await xlsx(layoutB(next, ' ')));
    expect(again.summary.remembered).toMatchObject({ jobId: job.id });
    const m = mapOf(again);
    expect(m['招引企业']).toEqual({ field: 'investorName', match: 'remembered' });
    expect(m['县 市 区']).toEqual({ field: 'county', match: 'remembered' });
    const [r] = await allRows(dcf, again.id);
    expect(r.values).toMatchObject({
      investorName: '子农业科技有限公司',
      stage: 'negotiating',
      totalInvestment: '6000.00',
    });
    // Another unit's sheet of the same layout is not mapped from this unit's choice.
    const other = await importFile(bureau, '东昌府区月报（转报）.xlsx', await xlsx(layoutB(next)));
    expect(other.summary.remembered).toBeNull();
    expect(mapOf(other)['招引企业'].field).toBeNull();
  });
});

// ------------------------------------------------------------------------------------------------ layout C

describe('a sheet whose headers say nothing useful', () => {
  it('proposes county and stage from the values as guesses to confirm', async () => {
    const job = await importFile(
      bureau,
      '简表.xlsx',
      await xlsx((ws) => {
        ws.addRow(['项目名称', '地方', '情况', '总投资']);
        ws.addRow(['甲项目', '茌平', '在建', '1000']);
        ws.addRow(['乙项目', '冠县', '已签约', '2000']);
        ws.addRow(['丙项目', '东阿县', '洽谈中', '3000']);
      }),
    );
    const m = mapOf(job);
    expect(m['地方']).toEqual({ field: 'county', match: 'guess' });
    expect(m['情况']).toEqual({ field: 'stage', match: 'guess' });
    expect(job.summary).toMatchObject({ rows: 3, valid: 3 });
  });

  it('stops at a required field no column gives: the job says why in plain words and the commit is refused', async () => {
    const job = await importFile(
      bureau,
      '无名称.xlsx',
      await xlsx((ws) => {
        ws.addRow(['序号', '内容摘要', '所在县区', '项目阶段', '总投资']);
        ws.addRow([1, '甲', '茌平', '在建', '1000']);
        ws.addRow([2, '乙', '冠县', '已签约', '2000']);
      }),
    );
    expect(job.blockers).toEqual([
      expect.objectContaining({
        field: 'mapping.name',
        code: 'required',
        message: expect.stringContaining('项目名称'),
      }),
    ]);
    const r = await bureau.post(`/api/imports/${job.id}/commit`, { skipInvalid: true });
    expect(r.status).toBe(400);
    expect(r.json.fields[0]).toMatchObject({ field: 'mapping.name', code: 'required' });
    expect((await rows(sql`SELECT 1 FROM import_row_records WHERE job_id = ${job.id}`)).length).toBe(0);
  });

  it('keeps the stage table in the settings, versioned, for the city office only', async () => {
    const cur = (await bureau.get('/api/imports/stage-phrases')).json;
    expect(cur).toMatchObject({ custom: false, version: 0 });
    expect(cur.table.signed).toContain('已签约未开工');
    expect((await dcf.put('/api/imports/stage-phrases', { table: cur.table, version: 0 })).status).toBe(403);
    const table = { ...cur.table, started: [...cur.table.started, '热火朝天'] };
    const saved = await bureau.put('/api/imports/stage-phrases', { table, version: 0 });
    expect(saved.status, saved.body).toBe(200);
    expect(saved.json).toMatchObject({ custom: true, version: 1 });
    expect((await bureau.put('/api/imports/stage-phrases', { table, version: 0 })).status).toBe(409);
    const clash = await bureau.put('/api/imports/stage-phrases', {
      table: { ...table, signed: [...table.signed, '在建'] },
      version: 1,
    });
    expect(clash.status).toBe(400);
    const job = await importFile(
      bureau,
      '新说法.xlsx',
      await xlsx((ws) => {
        ws.addRow(['项目名称', '所在县区', '项目进展', '总投资']);
        ws.addRow(['热火项目', '莘县', '热火朝天', '100']);
      }),
    );
    expect((await allRows(bureau, job.id))[0].values).toMatchObject({ stage: 'started' });
  });
});
