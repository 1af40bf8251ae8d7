// Chinese text through an import, end to end on the API: a company sheet large enough that its packed XML is read in
// many chunks is stored byte for byte, headers included; a row whose cells hold U+FFFD (a file already damaged) is
// refused with its row number and never stored; a GB18030 .csv with a four-byte character is stored as written.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Agent, type TestApp, startTestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { makeUSCC } from '../enterprises/uscc.js';

let t: TestApp;
let dcf: Agent;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

async function importFile(a: Agent, entity: string, name: string, content: Buffer) {
  const boundary = `----magnet${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="entity"\r\n\r\n${entity}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await a.post('/api/imports', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(r.status, r.body).toBe(200);
  return settled(a, r.json.id);
}

async function settled(a: Agent, id: number) {
  for (let i = 0; i < 1200; i++) {
    const r = await a.get(`/api/imports/${id}`);
    if (r.status !== 200) throw new Error(`GET import ${id}: ${r.status} ${r.body}`);
    if (!['parsing', 'committing'].includes(r.json.status)) return r.json;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('import did not settle');
}

async function commit(a: Agent, id: number, body: Record<string, unknown> = {}) {
  const r = await a.post(`/api/imports/${id}/commit`, body);
  expect(r.status, r.body).toBe(200);
  return settled(a, id);
}

const CHARS = [
  ...('聊城市东昌府区临清茌平阳谷莘县冠县高唐盛鲁酒店管理邮编统一社会信用代码新材料高端装备制造绿色化工年产吨铝合金' +
    '轴承纺织食品医药签约开工投产达产谋划洽谈联系人电话经济技术开发区主营业务产品销售服务𠮷（），。：；、'),
];
function chineseText(seed: number, len: number): string {
  let x = (seed * 2654435761) % 4294967296;
  let s = '';
  for (let i = 0; i < len; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += CHARS[x % CHARS.length];
  }
  return s;
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  dcf = await login(t.app, 'dongchangfu', DEMO_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('Chinese text through an import', () => {
  it('stores 2,000 companies with long Chinese notes byte for byte, and shows the headers whole', async () => {
    const headers = ['统一社会信用代码', '企业名称', '企业简介'];
    const companies = Array.from({ length: 2000 }, (_, i) => ({
      uscc: makeUSCC('371502', 70_000 + i),
      name: `聊城${chineseText(i, 6)}第${i}有限公司`,
      notes: chineseText(i + 1, 200 + (i % 600)),
    }));
    // ExcelJS's streaming writer (its in-memory writer splits four-byte characters now and then)
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(headers).commit();
    for (const c of companies) ws.addRow([c.uscc, c.name, c.notes]).commit();
    ws.commit();
    await wb.commit();
    const job = await importFile(dcf, 'enterprise', '企业名录.xlsx', Buffer.concat(chunks));
    expect(job.status).toBe('ready');
    expect(job.headers).toEqual(headers);
    expect(job.summary).toMatchObject({ rows: 2000, valid: 2000, invalid: 0 });
    const done = await commit(dcf, job.id);
    expect(done.summary.committed.inserted).toBe(2000);
    const stored = await rows<{ uscc: string; name: string; notes: string }>(
      sql`SELECT uscc, name, notes FROM enterprises WHERE uscc = ANY(string_to_array(${companies.map((c) => c.uscc).join(',')}, ',')) AND deleted_at IS NULL`,
    );
    const byCode = new Map(stored.map((s) => [s.uscc, s]));
    const wrong = companies.filter((c) => byCode.get(c.uscc)?.name !== c.name || byCode.get(c.uscc)?.notes !== c.notes);
    expect(wrong.map((c) => c.uscc)).toEqual([]);
    const marked = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM enterprises WHERE name LIKE ${'%\uFFFD%'} OR notes LIKE ${'%\uFFFD%'}`,
    );
    expect(marked[0].n).toBe(0);
  }, 120_000);

  it('refuses a row whose cells hold U+FFFD, naming its row, and commits the others', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(['企业名称', '统一社会信用代码', '备注']);
    ws.addRow(['聊城市盛鲁酒店管理有限公司', makeUSCC('371502', 79_001), '邮编 252800']);
    ws.addRow(['\uFFFD\uFFFD城市盛鲁物流有限公司', makeUSCC('371502', 79_002), '邮\uFFFD\uFFFD 252800']);
    const job = await importFile(dcf, 'enterprise', '损坏.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(job.summary).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    const r = await dcf.get(`/api/imports/${job.id}/rows?filter=invalid`);
    expect(r.status).toBe(200);
    expect(r.json.items).toHaveLength(1);
    expect(r.json.items[0].rowNo).toBe(3);
    const codes = r.json.items[0].errors.map((e: { code: string; message: string }) => e.code);
    expect(codes).toEqual(['unreadable_text', 'unreadable_text']);
    expect(r.json.items[0].errors[0].message).toContain('第 1 列');
    const done = await commit(dcf, job.id, { skipInvalid: true });
    expect(done.summary.committed.inserted).toBe(1);
    const stored = await rows<{ name: string }>(
      sql`SELECT name FROM enterprises WHERE uscc IN (${makeUSCC('371502', 79_001)}, ${makeUSCC('371502', 79_002)})`,
    );
    expect(stored.map((s) => s.name)).toEqual(['聊城市盛鲁酒店管理有限公司']);
  });

  it('stores a GB18030 .csv as written, a four-byte character included', async () => {
    // 企业名称,统一社会信用代码 / 𠮷祥物流（聊城）有限公司,<code> — bytes written out from the GB18030 tables
    const text = `企业名称,统一社会信用代码\r\n𠮷祥物流（聊城）有限公司,${makeUSCC('371502', 79_003)}\r\n`;
    const table = new Map<string, number[]>();
    const dec = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([hi, lo]));
        if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
    const bytes: number[] = [];
    for (const ch of text) {
      if (ch === '𠮷') bytes.push(0x95, 0x34, 0xb2, 0x35);
      else if (ch.codePointAt(0)! < 0x80) bytes.push(ch.codePointAt(0)!);
      else bytes.push(...table.get(ch)!);
    }
    const job = await importFile(dcf, 'enterprise', '企业.csv', Buffer.from(bytes));
    expect(job.summary).toMatchObject({ encoding: 'gbk', rows: 1, valid: 1 });
    expect(job.headers).toEqual(['企业名称', '统一社会信用代码']);
    await commit(dcf, job.id);
    const stored = await rows<{ name: string }>(
      sql`SELECT name FROM enterprises WHERE uscc = ${makeUSCC('371502', 79_003)}`,
    );
    expect(stored.map((s) => s.name)).toEqual(['𠮷祥物流（聊城）有限公司']);
  });
});
