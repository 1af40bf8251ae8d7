// Spreadsheets in and out through the HTTP API, on the bundled and an external PostgreSQL: a county's own project sheet (title rows,
// its own headers, 亿元 amounts, Chinese dates, short county names, a total row, bad rows, a duplicate), the dry run,
// the commit (all or nothing), re-import, data scope of imports and exports, and files that must be refused.
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Agent, type TestApp, startTestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { makeUSCC } from '../enterprises/uscc.js';

let t: TestApp;
let bureau: Agent, dcf: Agent, leader: Agent;
let dcfUnit: number, lqUnit: number;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

function multipart(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----magnet${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
  );
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(a: Agent, entity: string, name: string, content: Buffer) {
  const m = multipart({ name, content }, { entity });
  return a.post('/api/imports', m.payload, m.headers);
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

async function importFile(a: Agent, entity: string, name: string, content: Buffer) {
  const r = await upload(a, entity, name, content);
  expect(r.status, r.body).toBe(200);
  return settled(a, r.json.id);
}

async function commit(a: Agent, id: number, body: Record<string, unknown> = {}) {
  const r = await a.post(`/api/imports/${id}/commit`, body);
  if (r.status !== 200) return r;
  return { ...r, json: await settled(a, id) };
}

/** GET with the agent's session, keeping the raw bytes (for .xlsx answers). */
async function download(a: Agent, url: string) {
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return res;
}

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const sheetRows = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
};

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('项目台账'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const USCC1 = makeUSCC('371502', 9001);
const USCC2 = makeUSCC('371502', 9002);

/** 东昌府区's own ledger: two title rows (one merged), its own headers, amounts in 亿元, Chinese dates, short county names,
 *  an empty row, two bad rows, one duplicate of an earlier row, and a total row. */
function countySheet(ws: ExcelJS.Worksheet) {
  ws.addRow(['东昌府区2024年招商引资重点项目台账']);
  ws.mergeCells('A1:L1');
  ws.addRow(['填报单位：东昌府区投资促进服务中心', '', '', '', '', '金额单位：亿元']);
  ws.addRow([
    '序号',
    '项目名称',
    '项目代码',
    '投资主体',
    '信用代码',
    '计划总投资（亿元）',
    '进展阶段',
    '签约日期',
    '落地县区',
    '产业集群',
    '联络人',
    '联系电话',
    '建设内容',
  ]);
  ws.addRow([
    1,
    '年产5万吨高性能铝合金新材料项目',
    'DCF-2024-001',
    '某新材料科技（上海）有限公司',
    USCC1,
    1.2345,
    '签约',
    '2024年3月5日',
    '东昌府',
    '新材料',
    '李某',
    '13800000001',
    '新建厂房8万平方米',
  ]);
  ws.addRow([
    2,
    '高端数控机床生产基地项目',
    'DCF-2024-002',
    '某装备集团有限公司',
    '',
    5,
    '在建',
    new Date(Date.UTC(2024, 3, 10)),
    '东昌府区',
    '高端装备',
    '王某',
    '0635-8123456',
    '=SUM(A1:A9)',
  ]);
  ws.addRow(['', ' ', '　']); // an empty row (spaces only)
  ws.addRow([
    3,
    '医疗器械产业园项目',
    'DCF-2024-003',
    '某医疗器械（深圳）有限公司',
    USCC2,
    '3000万',
    '洽谈',
    '2024.5',
    '',
    '医养健康',
    '赵某',
    '13800000003',
    '',
  ]);
  ws.addRow([
    4,
    '坏日期项目',
    'DCF-2024-004',
    '某公司甲',
    '',
    2,
    '签约',
    '2024-02-30',
    '东昌府',
    '新材料',
    '钱某',
    '12345',
    '',
  ]);
  ws.addRow([
    5,
    '越界项目',
    'DCF-2024-005',
    '某公司乙',
    '',
    'abc',
    '签约',
    '2024/6/1',
    '临清',
    '新材料',
    '孙某',
    '13800000005',
    '',
  ]);
  ws.addRow([
    6,
    '年产5万吨铝合金新材料项目（重复录入）',
    'DCF-2024-001',
    '某新材料科技（上海）有限公司',
    '',
    1.2,
    '签约',
    '20240305',
    '东昌府',
    '新材料',
    '',
    '',
    '',
  ]);
  ws.addRow(['合计', '', '', '', '', 11.4345]);
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dcf, leader] = await Promise.all(
    ['bureau', 'dongchangfu', 'leader'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
  dcfUnit = dcf.user.unitId;
  [{ id: lqUnit }] = await rows<{ id: number }>(sql`SELECT id FROM units WHERE code = 'LC-LQ'`);
});
afterAll(async () => {
  await t?.close();
});

const countDcf = async () =>
  Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM projects WHERE code LIKE 'DCF-2024-%'`))[0].n);

describe('a county imports its own project ledger', () => {
  let jobId: number;
  let file: Buffer;

  it('runs the dry run: title rows, total and empty rows skipped, 亿元 and dates converted, errors and the duplicate shown', async () => {
    file = await xlsx(countySheet);
    const job = await importFile(dcf, 'project', '东昌府区项目台账.xlsx', file);
    jobId = job.id;
    expect(job.status).toBe('ready');
    expect(job.summary).toMatchObject({
      headerRow: 3,
      rows: 6,
      valid: 3,
      invalid: 2,
      duplicate: 1,
      duplicates: { file: 1 },
      skipped: { totals: 1, empty: 1 },
    });
    expect(job.progress).toBe(100);
    const fields = Object.fromEntries(job.mapping.map((m: { header: string; field: string }) => [m.header, m.field]));
    expect(fields).toMatchObject({
      项目名称: 'name',
      项目代码: 'code',
      投资主体: 'investorName',
      信用代码: 'registeredUscc',
      '计划总投资（亿元）': 'totalInvestment',
      进展阶段: 'stage',
      签约日期: 'signedAt',
      落地县区: 'county',
      产业集群: 'cluster',
      联络人: 'liaisonName',
      联系电话: 'liaisonPhone',
      建设内容: 'content',
      序号: null,
    });

    const all = (await dcf.get(`/api/imports/${jobId}/rows?filter=all&pageSize=50`)).json.items;
    const byRow = new Map(all.map((r: { rowNo: number }) => [r.rowNo, r]));
    const r4 = byRow.get(4) as { status: string; values: Record<string, unknown>; labels: Record<string, string> };
    expect(r4.status).toBe('valid');
    expect(r4.values).toMatchObject({
      name: '年产5万吨高性能铝合金新材料项目',
      code: 'DCF-2024-001',
      totalInvestment: '12345.00',
      stage: 'signed',
      signedAt: '2024-03-05',
      ownerUnitId: dcfUnit,
      registeredUscc: USCC1,
      liaisonPhone: '13800000001',
    });
    expect(r4.labels).toMatchObject({ county: '东昌府区', cluster: '新材料' });
    const r5 = byRow.get(5) as { values: Record<string, unknown> };
    expect(r5.values).toMatchObject({
      totalInvestment: '50000.00',
      stage: 'started',
      signedAt: '2024-04-10',
      content: '=SUM(A1:A9)',
    });
    const r7 = byRow.get(7) as { values: Record<string, unknown>; warnings: { code: string }[] };
    expect(r7.values).toMatchObject({
      totalInvestment: '3000.00',
      stage: 'negotiating',
      signedAt: '2024-05-01',
      ownerUnitId: dcfUnit,
    });
    expect(r7.warnings.map((w) => w.code)).toContain('month_only');

    const problems = (await dcf.get(`/api/imports/${jobId}/rows`)).json;
    const bad = Object.fromEntries(
      problems.items.map((r: { rowNo: number; errors: { field: string; code: string; message: string }[] }) => [
        r.rowNo,
        r.errors,
      ]),
    );
    expect(bad[8].map((e: { field: string }) => e.field).sort()).toEqual(['liaisonPhone', 'signedAt']);
    expect(bad[8].find((e: { field: string }) => e.field === 'signedAt').message).toContain('日期不存在');
    expect(bad[9].map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'county:not_in_scope',
      'totalInvestment:invalid',
    ]);
    const dup = problems.items.find((r: { rowNo: number }) => r.rowNo === 10);
    expect(dup.status).toBe('duplicate');
    expect(dup.clerkNo).toBe('6');
    expect(dup.duplicates[0]).toMatchObject({
      kind: 'file',
      rowNo: 4,
      clerkNo: '1',
      reasons: expect.arrayContaining(['code']),
    });
    expect(dup.duplicates[0].message).toContain('第 4 行（序号 1）');

    const en = (await dcf.get(`/api/imports/${jobId}/rows`, { 'accept-language': 'en' })).json;
    expect(
      en.items
        .find((r: { rowNo: number }) => r.rowNo === 8)
        .errors.find((e: { field: string }) => e.field === 'liaisonPhone').message,
    ).toBe('is not a valid phone number');
  });

  it('writes nothing before the commit', async () => {
    expect(await countDcf()).toBe(0);
    expect(
      (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'import.commit'`))[0].n,
    ).toBe(0);
  });

  it('offers the error report as .xlsx with the original cells', async () => {
    const res = await download(dcf, `/api/imports/${jobId}/errors.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ws = (await readXlsx(res.rawPayload)).worksheets[0];
    const data = sheetRows(ws);
    expect(data[0].slice(0, 5)).toEqual(['行号', '序号', '状态', '问题说明', '序号']);
    const rowNos = data.slice(1).map((r) => r[0]);
    expect(rowNos).toEqual(expect.arrayContaining([8, 9, 10]));
    expect(data.find((r) => r[0] === 8)![1]).toBe('4'); // the clerk's own number of sheet row 8
    expect(String(data.find((r) => r[0] === 8)![3])).toContain('联系电话');
  });

  it('refuses to commit while rows are invalid, unless told to skip them', async () => {
    const r = await dcf.post(`/api/imports/${jobId}/commit`, {});
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('IMPORT_HAS_ERRORS');
    expect(await countDcf()).toBe(0);
  });

  it('lets the mapping be changed and runs the dry run again', async () => {
    const job = (await dcf.get(`/api/imports/${jobId}`)).json;
    const mapping = job.mapping.map((m: { col: number; field: string | null; header: string }) => ({
      col: m.col,
      field: m.header === '产业集群' ? null : m.field,
    }));
    const r = await dcf.put(`/api/imports/${jobId}/mapping`, { mapping });
    expect(r.status).toBe(200);
    const again = await settled(dcf, jobId);
    expect(again.summary).toMatchObject({ rows: 6, valid: 3, invalid: 2, duplicate: 1 });
    const row = (await dcf.get(`/api/imports/${jobId}/rows?filter=valid`)).json.items[0];
    expect(row.values.clusterId ?? null).toBeNull();
    const back = job.mapping.map((m: { col: number; field: string | null; unit?: string | null }) => ({
      col: m.col,
      field: m.field,
      unit: m.unit ?? null,
    }));
    expect((await dcf.put(`/api/imports/${jobId}/mapping`, { mapping: back })).status).toBe(200);
    await settled(dcf, jobId);
    const twice = await dcf.put(`/api/imports/${jobId}/mapping`, {
      mapping: [
        { col: 1, field: 'name' },
        { col: 2, field: 'name' },
      ],
    });
    expect(twice.status).toBe(400);
  });

  it('commits the valid rows in one go, with one audit event', async () => {
    const r = await commit(dcf, jobId, { skipInvalid: true });
    expect(r.status, r.body).toBe(200);
    expect(r.json.status).toBe('committed');
    expect(r.json.summary.committed).toMatchObject({ inserted: 3, invalidSkipped: 2 });
    const made = await rows<
      Record<string, unknown>
    >(sql`SELECT code, name, owner_unit_id, total_investment, signed_at::text AS signed_at, stage,
        approved_stage, pending_stage_event_id, search_text, array_length(search_grams, 1) AS grams FROM projects WHERE code LIKE 'DCF-2024-%' ORDER BY code`);
    expect(made.map((p) => p.code)).toEqual(['DCF-2024-001', 'DCF-2024-002', 'DCF-2024-003']);
    expect(made.every((p) => Number(p.owner_unit_id) === dcfUnit)).toBe(true);
    expect(made[0]).toMatchObject({
      total_investment: '12345.00',
      signed_at: '2024-03-05',
      stage: 'signed',
      approved_stage: 'planning',
    });
    expect(made[0].pending_stage_event_id).not.toBeNull(); // a county's stage counts once the bureau approves it
    expect(String(made[0].search_text)).toContain('年产5万吨');
    expect(Number(made[0].grams)).toBeGreaterThan(10);
    const audit = await rows<{ action: string; detail: string }>(
      sql`SELECT action, detail FROM audit_events WHERE action = 'import.commit'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toContain('新增 3 条');
    const done = (await dcf.get(`/api/imports/${jobId}/rows?filter=valid`)).json.items;
    expect(done.map((x: { status: string }) => x.status)).toEqual(['committed', 'committed', 'committed']);
    expect(done.every((x: { recordId: number | null }) => x.recordId != null)).toBe(true);
    expect((await dcf.post(`/api/imports/${jobId}/commit`, { skipInvalid: true })).json.code).toBe('IMPORT_STATE');
  });

  it('inserts nothing new when the same file is imported again', async () => {
    const job = await importFile(dcf, 'project', '东昌府区项目台账.xlsx', file);
    expect(job.summary).toMatchObject({ valid: 0, invalid: 2 });
    expect(job.summary.sameFileCommitted.jobId).toBe(jobId);
    const dups = (await dcf.get(`/api/imports/${job.id}/rows?filter=duplicate`)).json.items;
    expect(dups.map((d: { rowNo: number }) => d.rowNo).sort((a: number, b: number) => a - b)).toEqual([4, 5, 7, 10]);
    // The banner and the counters say the same: the rows imported before are counted as such.
    expect(dups.find((d: { rowNo: number }) => d.rowNo === 4).duplicates[0]).toMatchObject({ kind: 'imported', jobId });
    expect(job.summary.duplicates.imported).toBe(3);
    const r = await commit(dcf, job.id, { skipInvalid: true });
    expect(r.json.summary.committed.inserted).toBe(0);
    expect(await countDcf()).toBe(3);
  });

  it("exports only the county's own projects, neutralising formulas", async () => {
    const res = await download(dcf, '/api/exports/project');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const ws = (await readXlsx(res.rawPayload)).worksheets[0];
    const data = sheetRows(ws);
    const header = data[0] as string[];
    const col = (h: string) => header.indexOf(h);
    expect(col('所在县区')).toBeGreaterThanOrEqual(0);
    expect(col('总投资（万元）')).toBeGreaterThanOrEqual(0);
    const body = data.slice(1);
    expect(body.length).toBeGreaterThan(3);
    expect(body.every((r) => r[col('所在县区')] === '东昌府区')).toBe(true);
    const mine = body.find((r) => r[col('项目编号')] === 'DCF-2024-001')!;
    expect(mine[col('总投资（万元）')]).toBe(12345);
    const formula = body.find((r) => r[col('项目编号')] === 'DCF-2024-002')!;
    expect(formula[col('建设内容')]).toBe("'=SUM(A1:A9)");
    const audit = await rows<{ detail: string; target_type: string }>(
      sql`SELECT detail, target_type FROM audit_events WHERE action = 'export'`,
    );
    expect(audit.at(-1)).toMatchObject({ target_type: 'project' });
  });

  it("exports with the list's filters, and masks phones for the city leader", async () => {
    const filtered = sheetRows(
      (
        await readXlsx(
          (
            await download(bureau, `/api/exports/project?q=${encodeURIComponent('数控机床生产基地')}`)
          ).rawPayload,
        )
      ).worksheets[0],
    );
    expect(filtered).toHaveLength(2);
    const byLeader = sheetRows(
      (await readXlsx((await download(leader, `/api/exports/project?ownerUnitId=${dcfUnit}`)).rawPayload))
        .worksheets[0],
    );
    const header = byLeader[0] as string[];
    const row = byLeader.find((r) => r[header.indexOf('项目编号')] === 'DCF-2024-001')!;
    expect(row[header.indexOf('联系电话')]).toBe('138****0001');
  });

  it('exports the same leads as the lead list for its owner and staleness filters', async () => {
    const titles = async (query: string) => {
      const list = await dcf.get(`/api/leads?${query}${query ? '&' : ''}pageSize=100`);
      expect(list.status, list.body).toBe(200);
      const exported = sheetRows(
        (await readXlsx((await download(dcf, `/api/exports/lead${query ? `?${query}` : ''}`)).rawPayload))
          .worksheets[0],
      ).slice(1);
      const listed = list.json.items.map((l: { title: string }) => l.title).sort();
      expect(exported.map((r) => r[0]).sort()).toEqual(listed);
      return listed as string[];
    };
    const all = await titles('');
    const mine = await titles('ownerUserId=me');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    await titles('stale=true');
  });
});

describe('the bureau imports for the counties', () => {
  it('files each project under the county its row names', async () => {
    const file = await xlsx((ws) => {
      ws.addRow(['全市重点项目', '', '', '金额单位：亿元']);
      ws.addRow(['项目名称', '项目编号', '所在县区', '总投资', '项目阶段']);
      ws.addRow(['临清轴承配套项目', 'BUR-001', '临清', 0.8, '签约']);
      ws.addRow(['高新区智能制造项目', 'BUR-002', '高新区', '1.5亿', '谋划']);
    });
    const job = await importFile(bureau, 'project', 'bureau.xlsx', file);
    expect(job.summary).toMatchObject({ valid: 2, invalid: 0 });
    const r = await commit(bureau, job.id);
    expect(r.json.status).toBe('committed');
    const made = await rows<{
      code: string;
      owner: string;
      total: string;
      approved: string;
    }>(sql`SELECT p.code, u.name AS owner, p.total_investment AS total,
        p.approved_stage AS approved FROM projects p JOIN units u ON u.id = p.owner_unit_id WHERE p.code LIKE 'BUR-%' ORDER BY p.code`);
    expect(made).toEqual([
      { code: 'BUR-001', owner: '临清市', total: '8000.00', approved: 'signed' },
      { code: 'BUR-002', owner: '聊城高新技术产业开发区', total: '15000.00', approved: 'planning' },
    ]);
    expect(
      Number(
        (
          await rows<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM projects WHERE owner_unit_id = ${lqUnit} AND code = 'BUR-001'`,
          )
        )[0].n,
      ),
    ).toBe(1);
    const other = sheetRows((await readXlsx((await download(dcf, '/api/exports/project')).rawPayload)).worksheets[0]);
    expect(other.some((r) => r.includes('BUR-001'))).toBe(false);
  });
});

describe('a commit is all or nothing', () => {
  it('rolls back every row when one fails, and can be committed again afterwards', async () => {
    await t.database.db.execute(
      sql.raw(`CREATE FUNCTION magnet_test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`),
    );
    await t.database.db.execute(
      sql.raw(
        'CREATE TRIGGER magnet_test_boom BEFORE INSERT ON projects FOR EACH ROW EXECUTE FUNCTION magnet_test_boom()',
      ),
    );
    try {
      const file = await xlsx((ws) => {
        ws.addRow(['项目名称', '项目编号', '总投资（万元）']);
        for (let i = 1; i <= 1500; i++)
          ws.addRow([i === 1400 ? 'BOOM' : `批量项目${i}`, `ATOM-${String(i).padStart(4, '0')}`, i]);
      });
      const job = await importFile(dcf, 'project', 'atomic.xlsx', file);
      expect(job.summary).toMatchObject({ rows: 1500, valid: 1500 });
      const r = await commit(dcf, job.id);
      expect(r.json.status).toBe('ready');
      expect(r.json.error.code).toBe('INTERNAL');
      expect(
        Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM projects WHERE code LIKE 'ATOM-%'`))[0].n),
      ).toBe(0);
      expect(
        Number(
          (
            await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_row_records WHERE job_id = ${job.id}`)
          )[0].n,
        ),
      ).toBe(0);
      await t.database.db.execute(sql.raw('DROP TRIGGER magnet_test_boom ON projects'));
      const again = await commit(dcf, job.id);
      expect(again.json.status).toBe('committed');
      expect(
        Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM projects WHERE code LIKE 'ATOM-%'`))[0].n),
      ).toBe(1500);
    } finally {
      await t.database.db.execute(sql.raw('DROP TRIGGER IF EXISTS magnet_test_boom ON projects'));
      await t.database.db.execute(sql.raw('DROP FUNCTION IF EXISTS magnet_test_boom()'));
    }
  });
});

describe('enterprises and leads', () => {
  it('imports enterprises from a GBK csv, catching a credit code taken in the library', async () => {
    const [taken] = await rows<{ uscc: string; name: string }>(
      sql`SELECT uscc, name FROM enterprises WHERE uscc IS NOT NULL AND owner_unit_id = ${dcfUnit} LIMIT 1`,
    );
    const lines = [
      '企业名称,统一社会信用代码,企业性质,注册资本（亿元）,总部所在地,企业标签,联系人,联系电话',
      `聊城测试导入企业有限公司,${makeUSCC('371502', 9100)},民营,0.5,上海市浦东新区,"上市公司、专精特新",周某,13900000001`,
      `${taken ? taken.name : '已有企业'},${taken ? taken.uscc : makeUSCC('371502', 9101)},国企,1,北京,,,`,
      '信用代码错误企业有限公司,91371500XXXXXXXXXX,民企,1,山东,,,',
    ];
    const gbk = Buffer.from(new TextEncoderGbk().encode(lines.join('\r\n')));
    const job = await importFile(dcf, 'enterprise', '企业名录.csv', gbk);
    expect(job.status).toBe('ready');
    expect(job.summary).toMatchObject({ encoding: 'gbk', rows: 3, valid: 1, invalid: 1, duplicate: taken ? 1 : 0 });
    const r = await commit(dcf, job.id, { skipInvalid: true });
    expect(r.json.summary.committed.inserted).toBe(1);
    const [e] = await rows<
      Record<string, unknown>
    >(sql`SELECT e.registered_capital, e.ownership, e.hq_division, e.tiers, e.owner_unit_id, c.name AS contact
      FROM enterprises e LEFT JOIN enterprise_contacts c ON c.enterprise_id = e.id WHERE e.name = '聊城测试导入企业有限公司'`);
    expect(e).toMatchObject({
      registered_capital: '5000.00',
      ownership: 'private',
      hq_division: '310115',
      owner_unit_id: dcfUnit,
      contact: '周某',
    });
    expect(e.tiers).toEqual(['listed', 'little_giant']);
  });

  it('imports leads, linking the target enterprise when its name is in the library', async () => {
    const [ent] = await rows<{ id: number; name: string }>(
      sql`SELECT id, name FROM enterprises WHERE owner_unit_id = ${dcfUnit} AND deleted_at IS NULL ORDER BY id LIMIT 1`,
    );
    const file = await xlsx((ws) => {
      ws.addRow(['项目线索', '目标企业', '意向投资额', '来源', '推荐人', '线索内容']);
      ws.addRow(['导入线索一', ent.name, '2亿', '以商招商', '某会长', '拟建华北基地']);
      ws.addRow(['导入线索二', '某外地企业', 800, '基金', '', '']);
    });
    const job = await importFile(dcf, 'lead', 'leads.xlsx', file);
    expect(job.summary).toMatchObject({ valid: 2 });
    await commit(dcf, job.id);
    const made = await rows<
      Record<string, unknown>
    >(sql`SELECT title, enterprise_id, enterprise_name, intended_amount, source_channel, owner_unit_id, status
      FROM leads WHERE title LIKE '导入线索%' ORDER BY title`);
    expect(made[0]).toMatchObject({
      enterprise_id: ent.id,
      enterprise_name: null,
      intended_amount: '20000.00',
      source_channel: 'business_referral',
      owner_unit_id: dcfUnit,
      status: 'following',
    });
    expect(made[1]).toMatchObject({ enterprise_id: null, enterprise_name: '某外地企业', source_channel: 'fund' });
  });

  it('keeps text with tabs, line breaks, backslashes and quotes exactly as the cell has it', async () => {
    const content = '一期：厂房\t2栋\n二期：仓库 C:\\data\\"东区"\\N {a,b}';
    const file = await xlsx((ws) => {
      ws.addRow(['项目名称', '投资主体', '总投资（万元）', '所在县区', '建设内容']);
      ws.addRow(['特殊字符测试项目', '某"引号"企业\\分公司', 1200, '东昌府', content]);
    });
    const job = await importFile(dcf, 'project', 'special.xlsx', file);
    expect(job.summary).toMatchObject({ valid: 1 });
    const done = await commit(dcf, job.id);
    expect(done.json.status).toBe('committed');
    const [p] = await rows<{ content: string; investor_name: string; search_grams: string[] }>(
      sql`SELECT content, investor_name, search_grams FROM projects WHERE name = '特殊字符测试项目'`,
    );
    expect(p.content).toBe(content);
    expect(p.investor_name).toBe('某"引号"企业\\分公司');
    expect(p.search_grams).toEqual(expect.arrayContaining(['特殊', '引号']));
    const found = await dcf.get(`/api/search?q=${encodeURIComponent('符测')}`);
    expect(JSON.stringify(found.json)).toContain('特殊字符测试项目');
  });

  it('offers a template with the expected headers, an example and notes', async () => {
    const res = await download(dcf, '/api/imports/template/project');
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['导入数据', '填写说明']);
    const [header, example] = sheetRows(wb.worksheets[0]);
    expect(header).toEqual(expect.arrayContaining(['*项目名称', '总投资（万元）', '所在县区', '签约时间']));
    expect(example.length).toBeGreaterThan(5);
    // the template's own headers are recognised
    const job = await importFile(dcf, 'project', 'template.xlsx', res.rawPayload);
    expect(job.summary.missingRequired).toEqual([]);
    expect(job.mapping.filter((m: { field: string | null }) => m.field).length).toBe(header.length);
  });
});

describe('files that are refused', () => {
  it('refuses a program renamed to .xlsx or .csv', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
      randomBytes(2048),
    ]);
    const a = await upload(dcf, 'project', 'setup.xlsx', exe);
    expect(a.status).toBe(415);
    expect(a.json.code).toBe('FILE_TYPE_MISMATCH');
    const b = await upload(dcf, 'project', 'data.csv', exe);
    expect(b.json.code).toBe('FILE_TYPE_MISMATCH');
    const c = await upload(dcf, 'project', 'setup.exe', exe);
    expect(c.json.code).toBe('FILE_TYPE_MISMATCH');
  });

  it('refuses a zip bomb before reading it', async () => {
    const entries: [string, Buffer][] = [
      ['[Content_Types].xml', Buffer.from('<Types/>')],
      ['xl/workbook.xml', Buffer.from('<workbook/>')],
      ['xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024)],
    ];
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const [name, content] of entries) {
      const data = deflateRawSync(content);
      const n = Buffer.from(name);
      const lh = Buffer.alloc(30);
      lh.writeUInt32LE(0x04034b50, 0);
      lh.writeUInt16LE(20, 4);
      lh.writeUInt16LE(8, 8);
      lh.writeUInt32LE(data.length, 18);
      lh.writeUInt32LE(content.length, 22);
      lh.writeUInt16LE(n.length, 26);
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0);
      ch.writeUInt16LE(20, 6);
      ch.writeUInt16LE(8, 10);
      ch.writeUInt32LE(data.length, 20);
      ch.writeUInt32LE(content.length, 24);
      ch.writeUInt16LE(n.length, 28);
      ch.writeUInt32LE(offset, 42);
      locals.push(lh, n, data);
      centrals.push(ch, n);
      offset += 30 + n.length + data.length;
    }
    const cd = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(3, 8);
    end.writeUInt16LE(3, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    const bomb = Buffer.concat([...locals, cd, end]);
    expect(bomb.length).toBeLessThan(200_000);
    const r = await upload(dcf, 'project', 'bomb.xlsx', bomb);
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('FILE_ZIP_BOMB');
    expect(r.json.message).toContain('压缩');
  });

  it('refuses a file over 30 MB with 413', async () => {
    const r = await upload(dcf, 'project', 'huge.csv', Buffer.alloc(31 * 1024 * 1024, 0x41));
    expect(r.status).toBe(413);
    expect(r.json.code).toBe('FILE_TOO_LARGE');
  });

  it('says so when no header row is found, and needs the entity', async () => {
    const job = await importFile(dcf, 'project', 'noheader.csv', Buffer.from('a,b,c\n1,2,3\n'));
    expect(job.status).toBe('failed');
    expect(job.error.code).toBe('IMPORT_NO_HEADER');
    const m = multipart({ name: 'x.csv', content: Buffer.from('项目名称\n甲\n') });
    expect((await dcf.post('/api/imports', m.payload, m.headers)).status).toBe(400);
  });

  it('keeps imports to writers, and jobs to their owner', async () => {
    const r = await upload(leader, 'project', 'x.csv', Buffer.from('项目名称\n甲\n'));
    expect(r.status).toBe(403);
    const mine = await importFile(dcf, 'project', 'mine.csv', Buffer.from('项目名称,总投资\n私有项目,1\n'));
    expect((await bureau.get(`/api/imports/${mine.id}`)).status).toBe(404);
    expect((await bureau.get(`/api/imports/${mine.id}/rows`)).status).toBe(404);
  });
});

/** GBK bytes for the test's Chinese text (Node's TextEncoder only writes UTF-8): built from TextDecoder's table. */
class TextEncoderGbk {
  private static table: Map<string, number[]> | null = null;
  private static build() {
    const m = new Map<string, number[]>();
    const dec = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !m.has(ch)) m.set(ch, [hi, lo]);
      }
    }
    return m;
  }
  encode(s: string): Uint8Array {
    TextEncoderGbk.table ??= TextEncoderGbk.build();
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.charCodeAt(0);
      if (c < 0x80) out.push(c);
      else out.push(...(TextEncoderGbk.table.get(ch) ?? [0x3f]));
    }
    return Uint8Array.from(out);
  }
}
