// The monthly verdict through the API: a run of the demo year recomputed independently from the records (own SQL,
// own arithmetic) to the last decimal; the frozen run unchanged by later edits and its seal catching a direct
// database edit; re-runs explicit and audited; what a county sees; and the bulletin's figures inside the .docx.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Agent, type TestApp } from '../../../tests/support/app.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let t: TestApp;
let bureau: Agent, dongchangfu: Agent, linqing: Agent, auditor: Agent;
const now = new Date(Date.now() + 8 * 3600_000);
const YEAR = now.getUTCFullYear();
const MONTH = now.getUTCMonth() + 1;
const PERIOD = `${YEAR}-${String(MONTH).padStart(2, '0')}`;
const TO = `${PERIOD}-${String(new Date(Date.UTC(YEAR, MONTH, 0)).getUTCDate()).padStart(2, '0')}`;
let schemeId: number;
interface ItemR {
  key: string;
  score: string;
  formula: string;
  inputs: Record<string, string | null>;
  recordIds: number[];
}
interface UnitR {
  subjectId: number;
  name: string;
  total: string;
  rank: number;
  flag: boolean;
  summoned: boolean;
  items: ItemR[];
}
interface RunR {
  id: number;
  seq: number;
  hash: string;
  integrity: string;
  units: UnitR[];
}
interface Fact {
  id: number;
  owner_unit_id: number;
  flags: string[];
  psm: string | null;
  is_new: boolean;
  sa: string | null;
  ti: string | null;
  signed_on: string | null;
  started_on: string | null;
  terminated_on: string | null;
  funds: string;
}
interface Row {
  id: number;
  code: string;
  unitGroup: string;
  subjectId: number;
  key: string;
  action: string;
  detail: string;
  field: string;
}
let firstRun: RunR;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

/** Downloads a binary body with the agent's session (the agent's helper reads bodies as text). */
async function download(a: Agent, url: string) {
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    data: res.rawPayload,
    json: res.headers['content-type']?.toString().includes('json') ? res.json() : null,
  };
}

beforeAll(async () => {
  t = await startTestApp({ seed: true });
  [bureau, dongchangfu, linqing, auditor] = await Promise.all(
    ['bureau', 'dongchangfu', 'linqing', 'auditadmin'].map((u) => login(t.app, u, DEMO_PASSWORD)),
  );
  const schemes = await bureau.get(`/api/assessment/schemes?year=${YEAR}`);
  schemeId = schemes.json.items.find((s: Row) => s.unitGroup === 'counties').id;
});
afterAll(async () => {
  await t?.close();
});

// ------------------------------------------------------------------------------------------ an independent ranking
// Exact rationals [numerator, denominator] and one rounding at the end: half away from zero, two places.
type Q = [bigint, bigint];
const q = (s: string): Q => {
  const [i, f = ''] = s.split('.');
  const neg = i.startsWith('-');
  const d = 10n ** BigInt(f.length);
  const n = BigInt(i.replace('-', '')) * d + BigInt(f || '0');
  return [neg ? -n : n, d];
};
const add = (a: Q, b: Q): Q => [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
const sub = (a: Q, b: Q): Q => add(a, [-b[0], b[1]]);
const mul = (a: Q, b: Q): Q => [a[0] * b[0], a[1] * b[1]];
const div = (a: Q, b: Q): Q => (b[0] < 0n ? [-a[0] * b[1], a[1] * -b[0]] : [a[0] * b[1], a[1] * b[0]]);
const cmp = (a: Q, b: Q) => {
  const d = a[0] * b[1] - b[0] * a[1];
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};
const min = (a: Q, b: Q) => (cmp(a, b) <= 0 ? a : b);
function round2(a: Q): string {
  const neg = a[0] < 0n;
  const n = (neg ? -a[0] : a[0]) * 100n;
  const r = (n * 2n + a[1]) / (a[1] * 2n);
  return `${neg && r ? '-' : ''}${r / 100n}.${String(r % 100n).padStart(2, '0')}`;
}

async function independentRanking(reviews: Map<string, string>) {
  const units = await rows<{
    id: number;
    parent_id: number | null;
    kind: string;
    name: string;
    short_name: string | null;
    active: boolean;
  }>(sql`SELECT id, parent_id, kind, name, short_name, active FROM units`);
  const countyOf = (id: number): number | null => {
    const u = units.find((x) => x.id === id);
    if (!u) return null;
    return ['county', 'district', 'zone'].includes(u.kind) ? u.id : u.parent_id == null ? null : countyOf(u.parent_id);
  };
  const facts = await rows<Fact>(sql`
    SELECT p.id, p.owner_unit_id, p.flags, p.planned_start_month::text AS psm, p.is_new, p.signed_amount::text AS sa,
      p.total_investment::text AS ti,
      (SELECT min(timezone('Asia/Shanghai', e.reviewed_at)::date)::text FROM project_stage_events e WHERE e.project_id = p.id
         AND e.status = 'approved' AND e.to_stage IN ('signed','registered','started','producing','at_capacity')) AS signed_on,
      (SELECT min(timezone('Asia/Shanghai', e.reviewed_at)::date)::text FROM project_stage_events e WHERE e.project_id = p.id
         AND e.status = 'approved' AND e.to_stage IN ('started','producing','at_capacity')) AS started_on,
      (SELECT min(timezone('Asia/Shanghai', e.reviewed_at)::date)::text FROM project_stage_events e WHERE e.project_id = p.id
         AND e.status = 'approved' AND e.to_stage = 'terminated') AS terminated_on,
      (SELECT coalesce(sum(i.funds_in_place), 0)::text FROM project_investments i WHERE i.project_id = p.id AND i.year = ${YEAR}
         AND i.month BETWEEN 1 AND ${MONTH}) AS funds
    FROM projects p
    WHERE p.deleted_at IS NULL AND p.excluded_from_count IS NULL AND (p.capital_origin IS NULL OR p.capital_origin <> 'local_city')
      AND (p.industry_code IS NULL OR p.industry_code NOT LIKE 'K70%')`);
  const live = facts.filter((f) => f.signed_on && f.signed_on <= TO && !(f.terminated_on && f.terminated_on <= TO));
  const targets = await rows<{
    owner_unit_id: number;
    indicator: string;
    annual: string;
    months: string[] | null;
    quarters: string[] | null;
  }>(
    sql`SELECT owner_unit_id, indicator, annual::text, months, quarters FROM targets WHERE deleted_at IS NULL AND team_id IS NULL
        AND start_year = ${YEAR} AND end_year = ${YEAR}`,
  );
  const targetToDate = (unit: number, indicator: string): Q | null => {
    const tg = targets.find((x) => x.owner_unit_id === unit && x.indicator === indicator);
    if (!tg) return null;
    if (tg.months) return tg.months.slice(0, MONTH).reduce((s, m) => add(s, q(m)), [0n, 1n] as Q);
    if (tg.quarters) {
      let s: Q = [0n, 1n];
      for (let m = 1; m <= MONTH; m++) s = add(s, div(q(tg.quarters[Math.floor((m - 1) / 3)]), [3n, 1n]));
      return q(round2(s));
    }
    return q(round2(div(mul(q(tg.annual), [BigInt(MONTH), 1n]), [12n, 1n])));
  };
  const counties = units.filter((u) => ['county', 'district', 'zone'].includes(u.kind) && u.active);
  const inYear = (f: Fact) => f.signed_on! >= `${YEAR}-01-01`;
  const amount = (f: Fact) => q(f.is_new ? (f.sa ?? f.ti ?? '0') : (f.sa ?? '0'));
  const per = counties.map((c) => {
    const mine = live.filter((f) => countyOf(f.owner_unit_id) === c.id);
    const signed = mine.filter(inYear);
    const started = signed.filter((f) => f.started_on && f.started_on <= TO).length;
    const rate = signed.length ? q(round2(div([BigInt(started) * 100n, 1n], [BigInt(signed.length), 1n]))) : q('0');
    const overdue = mine.filter(
      (f) =>
        !(f.started_on && f.started_on <= TO) &&
        f.psm &&
        (() => {
          const [y, m] = f.psm.split('-').map(Number);
          const k = y * 12 + m - 1 + 3;
          return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01` <= TO;
        })(),
    ).length;
    return {
      id: c.id,
      name: c.short_name ?? c.name,
      count: q(String(signed.filter((f) => cmp(amount(f), q('10000')) >= 0).length)),
      sum: signed.reduce((s, f) => add(s, amount(f)), [0n, 1n] as Q),
      funds: mine.reduce((s, f) => add(s, q(f.funds)), [0n, 1n] as Q),
      rate,
      overdue: q(String(overdue)),
      top: q(
        String(
          signed.filter(
            (f) =>
              cmp(amount(f), q('10000')) >= 0 &&
              f.flags.some((x: string) => ['fortune500', 'china500', 'central_soe'].includes(x)),
          ).length,
        ),
      ),
    };
  });
  const range = (pick: (x: (typeof per)[number]) => Q) => {
    const xs = per.map(pick);
    return { lo: xs.reduce(min), hi: xs.reduce((a, b) => (cmp(a, b) >= 0 ? a : b)) };
  };
  const eff = (x: Q, r: { lo: Q; hi: Q }, w: string) =>
    cmp(r.hi, r.lo) === 0
      ? q(w)
      : div(mul(add(mul(div(sub(x, r.lo), sub(r.hi, r.lo)), q('40')), q('60')), q(w)), q('100'));
  const ratio = (x: Q, target: Q | null, w: string) =>
    !target || cmp(target, q('0')) <= 0 ? q('0') : mul(min(div(x, target), q('1.2')), q(w));
  const fr = range((x) => x.funds);
  const rr = range((x) => x.rate);
  const scored = per.map((u) => {
    const items: Record<string, string> = {
      signed_count: round2(ratio(u.count, targetToDate(u.id, 'signed_100m_count'), '30')),
      signed_amount: round2(ratio(u.sum, targetToDate(u.id, 'signed_amount'), '25')),
      funds: round2(eff(u.funds, fr, '20')),
      start_rate: round2(eff(u.rate, rr, '15')),
      environment: reviews.get(`${u.id}`) ?? '0.00',
      overdue: round2(mul(min(mul(u.overdue, q('2')), q('6')), q('-1'))),
      top500: round2(min(mul(u.top, q('3')), q('6'))),
    };
    const total = round2(Object.values(items).reduce((s, v) => add(s, q(v)), [0n, 1n] as Q));
    return { id: u.id, name: u.name, items, total };
  });
  scored.sort((a, b) => cmp(q(b.total), q(a.total)) || a.name.localeCompare(b.name, 'zh-CN'));
  return scored.map((s, i) => ({ ...s, rank: scored.findIndex((x) => x.total === s.total) + 1, index: i }));
}

describe('a monthly run', () => {
  it("takes a reviewer score only with evidence and within the item's weight", async () => {
    const unitId = (await bureau.get('/api/units')).json.items.find((u: Row) => u.code === 'LC-LQ').id;
    const base = { schemeId, itemKey: 'environment', unitId, period: PERIOD };
    const bad = await bureau.put('/api/assessment/reviews', { ...base, score: '12', evidence: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: Row) => `${f.field}:${f.code}`).sort()).toEqual([
      'evidence:required',
      'score:score_above_weight',
    ]);
    expect((await dongchangfu.put('/api/assessment/reviews', { ...base, score: '8', evidence: '自评' })).status).toBe(
      403,
    );
    const ok = await bureau.put('/api/assessment/reviews', {
      ...base,
      score: '8.5',
      evidence: '企业满意度调查第3期报告',
    });
    expect(ok.status, ok.body).toBe(200);
    expect((await bureau.put('/api/assessment/reviews', { ...base, score: '9', evidence: '复核' })).status).toBe(409); // no version: stale
    const again = await bureau.put('/api/assessment/reviews', {
      ...base,
      score: '9',
      evidence: '复核后调整',
      version: ok.json.version,
    });
    expect(again.json.score).toBe('9.00');
  });

  it('ranks the counties exactly as the records say, recomputed independently', async () => {
    const r = await bureau.post('/api/assessment/runs', { schemeId, period: PERIOD });
    expect(r.status, r.body).toBe(200);
    firstRun = r.json;
    expect(firstRun.integrity).toBe('ok');
    expect(firstRun.seq).toBe(1);
    const linqingId = (await bureau.get('/api/units')).json.items.find((u: Row) => u.code === 'LC-LQ').id;
    const expected = await independentRanking(new Map([[`${linqingId}`, '9.00']]));
    expect(firstRun.units).toHaveLength(11);
    // Something was actually counted: not every unit scored the same.
    expect(new Set(expected.map((e) => e.total)).size).toBeGreaterThan(1);
    for (const [i, e] of expected.entries()) {
      const got = firstRun.units[i];
      expect(got.name).toBe(e.name);
      expect(got.rank).toBe(e.rank);
      expect(got.total).toBe(e.total);
      expect(Object.fromEntries(got.items.map((x: ItemR) => [x.key, x.score]))).toEqual(e.items);
    }
    // Flags for the first three places; the last two are summoned.
    expect(firstRun.units.filter((u: UnitR) => u.flag).map((u: UnitR) => u.rank)).toEqual(
      firstRun.units.filter((u: UnitR) => u.rank <= 3).map((u: UnitR) => u.rank),
    );
    expect(firstRun.units.slice(-2).every((u: UnitR) => u.summoned)).toBe(true);
    // Each score says how it was reached and which records are behind it.
    const top = firstRun.units[0].items.find((x: ItemR) => x.key === 'signed_amount');
    expect(top!.formula).toContain('×');
  });

  it('drills a figure down to its records, the same ones the run froze', async () => {
    const u = firstRun.units.find((x: UnitR) => x.items.find((i) => i.key === 'signed_amount')!.recordIds.length > 0);
    const item = u!.items.find((i) => i.key === 'signed_amount');
    const r = await bureau.get(
      `/api/targets/progress/records?year=${YEAR}&month=${MONTH}&group=counties&subjectId=${u!.subjectId}&indicator=signed_amount`,
    );
    expect(r.status).toBe(200);
    expect(r.json.items.map((x: Row) => x.id).sort()).toEqual([...item!.recordIds].sort());
    expect(r.json.value).toBe(item!.inputs.actual);
    // The frozen run answers with the same records, and a county cannot open another county's.
    const frozen = await bureau.get(
      `/api/assessment/runs/${firstRun.id}/records?subjectId=${u!.subjectId}&itemKey=signed_amount`,
    );
    expect(frozen.json.items.map((x: Row) => x.id).sort()).toEqual([...item!.recordIds].sort());
    expect(frozen.json.item.formula).toBe(item!.formula);
    const dcf = (await bureau.get('/api/units')).json.items.find((x: Row) => x.code === 'LC-DCF').id;
    const notMine = firstRun.units.find((x: UnitR) => x.subjectId !== dcf)!.subjectId;
    const refused = await dongchangfu.get(
      `/api/assessment/runs/${firstRun.id}/records?subjectId=${notMine}&itemKey=signed_amount`,
    );
    expect(refused.status).toBe(404);
  });

  it('refuses a second run of the month unless it is explicit, with a reason, and audits it', async () => {
    expect((await bureau.post('/api/assessment/runs', { schemeId, period: PERIOD })).json.code).toBe('RUN_EXISTS');
    const noReason = await bureau.post('/api/assessment/runs', { schemeId, period: PERIOD, rerun: true });
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields[0].field).toBe('reason');
    // A target changes after the first run: the frozen run does not move, the re-run does.
    const unitId = firstRun.units[0].subjectId;
    const tg = (await bureau.get(`/api/targets?year=${YEAR}&ownerUnitId=${unitId}&indicator=signed_amount`)).json
      .items[0];
    const changed = await bureau.patch(`/api/targets/${tg.id}`, {
      annual: String(Number(tg.annual) * 4),
      quarters: null,
      version: tg.version,
    });
    expect(changed.status, changed.body).toBe(200);
    const frozen = await bureau.get(`/api/assessment/runs/${firstRun.id}`);
    expect(frozen.json.units).toEqual(firstRun.units);
    expect(frozen.json.integrity).toBe('ok');
    const re = await bureau.post('/api/assessment/runs', {
      schemeId,
      period: PERIOD,
      rerun: true,
      reason: '东昌府区年度目标调整后重新考核',
    });
    expect(re.status, re.body).toBe(200);
    expect(re.json.seq).toBe(2);
    expect(re.json.prevHash).toBe(firstRun.hash);
    const audit = await auditor.get(`/api/audit?targetType=assessment_run&targetId=${re.json.id}`);
    expect(audit.json.items.map((e: Row) => [e.action, e.detail])).toEqual([
      ['assessment_run.rerun', '东昌府区年度目标调整后重新考核'],
    ]);
    const cmp = await bureau.get(`/api/assessment/runs/compare?a=${firstRun.id}&b=${re.json.id}`);
    const row = cmp.json.units.find((u: Row) => u.subjectId === unitId);
    const before = firstRun.units[0].items.find((i) => i.key === 'signed_amount');
    if (Number(before!.inputs.actual) > 0) expect(row.changedItems.map((c: Row) => c.key)).toContain('signed_amount');
    expect(row.totalA).toBe(firstRun.units[0].total);
  });

  it('shows a county its own figures, and the others only once the bureau publishes the ranking', async () => {
    const dcf = (await bureau.get('/api/units')).json.items.find((u: Row) => u.code === 'LC-DCF').id;
    const own = await dongchangfu.get(`/api/assessment/runs/${firstRun.id}`);
    expect(own.status).toBe(200);
    expect(own.json.units.map((u: Row) => u.subjectId)).toEqual([dcf]);
    expect(own.json.units[0].items.length).toBe(7);
    const pub = await bureau.post(`/api/assessment/runs/${firstRun.id}/publish`, { level: 'ranking' });
    expect(pub.status).toBe(200);
    const seen = await linqing.get(`/api/assessment/runs/${firstRun.id}`);
    expect(seen.json.units).toHaveLength(11);
    const others = seen.json.units.filter((u: UnitR) => u.subjectId !== dcf && u.name !== '临清市');
    expect(others.every((u: UnitR) => u.items.length === 0)).toBe(true);
    expect(seen.json.units.map((u: UnitR) => u.total)).toEqual(firstRun.units.map((u: UnitR) => u.total));
    // A county's progress figures are its own records only.
    const prog = await dongchangfu.get(`/api/targets/progress?year=${YEAR}&month=${MONTH}&group=counties`);
    expect(prog.json.rows.map((r: Row) => r.subjectId)).toEqual([dcf]);
    const other = firstRun.units.find((u: UnitR) => u.subjectId !== dcf)!.subjectId;
    expect(
      (
        await dongchangfu.get(
          `/api/targets/progress/records?year=${YEAR}&month=${MONTH}&group=counties&subjectId=${other}&indicator=signed_amount`,
        )
      ).status,
    ).toBe(404);
    // Bulletins are the bureau's.
    expect((await download(dongchangfu, `/api/assessment/runs/${firstRun.id}/bulletin.docx`)).status).toBe(403);
  });

  it('writes the bulletin with exactly the frozen figures, in Word and in Excel', async () => {
    const d = await download(
      bureau,
      `/api/assessment/runs/${firstRun.id}/bulletin.docx?docNo=${encodeURIComponent('聊招引办〔2026〕9号')}`,
    );
    expect(d.status).toBe(200);
    expect(String(d.headers['content-type'])).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(d.data);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('聊招引办〔2026〕9号');
    expect(text).toContain(`关于${YEAR}年1—${MONTH}月`);
    // The ranking table: each unit's name followed by its total, in the frozen order.
    const cells = [...xml.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    for (const u of firstRun.units) {
      const at = cells.indexOf(u.name);
      expect(at, u.name).toBeGreaterThan(0);
      expect(cells[at - 1]).toBe(String(u.rank));
      expect(cells[at + 1]).toBe(u.total);
    }
    for (const u of firstRun.units.filter((x: UnitR) => x.summoned)) expect(text).toContain(u.name);
    const x = await download(bureau, `/api/assessment/runs/${firstRun.id}/bulletin.xlsx`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核排名')!;
    const sheetRows: string[][] = [];
    ws.eachRow((r, n) => {
      if (n > 2) sheetRows.push((r.values as unknown[]).slice(1, 4).map(String));
    });
    expect(sheetRows).toEqual(firstRun.units.map((u: UnitR) => [String(u.rank), u.name, u.total]));
  });

  it('detects a direct database edit of a frozen run and makes no bulletin from it', async () => {
    await t.database.db.execute(
      sql`UPDATE assessment_runs SET results = jsonb_set(results, '{units,0,total}', '"99.99"') WHERE id = ${firstRun.id}`,
    );
    const r = await bureau.get(`/api/assessment/runs/${firstRun.id}`);
    expect(r.json.integrity).toBe('tampered');
    const d = await download(bureau, `/api/assessment/runs/${firstRun.id}/bulletin.docx`);
    expect(d.status).toBe(409);
    expect(d.json.code).toBe('RUN_TAMPERED');
    // The untouched later run still checks out on its own seal, but its chain points at the edited one's.
    expect((await bureau.get(`/api/assessment/runs?schemeId=${schemeId}`)).json.items.length).toBe(2);
  });
});

describe('change since the last run and the summons for long red', () => {
  it.skipIf(MONTH === 1)('compares with the previous month and summons units red two months running', async () => {
    const prevPeriod = `${YEAR}-${String(MONTH - 1).padStart(2, '0')}`;
    const prev = await bureau.post('/api/assessment/runs', { schemeId, period: prevPeriod });
    expect(prev.status, prev.body).toBe(200);
    const now = await bureau.post('/api/assessment/runs', {
      schemeId,
      period: PERIOD,
      rerun: true,
      reason: '上月结果补算后重新排名',
    });
    expect(now.status, now.body).toBe(200);
    const before = new Map((prev.json.units as (UnitR & { red: boolean })[]).map((u) => [u.subjectId, u]));
    const n = now.json.units.length;
    let longRed = 0;
    for (const u of now.json.units as (UnitR & { red: boolean; change: number; summonsReason: string | null })[]) {
      const p = before.get(u.subjectId)!;
      expect(u.change, u.name).toBe(p.rank - u.rank);
      const bottom = u.rank > n - 2;
      const redTwice = u.red && p.red;
      if (redTwice && !bottom) longRed++;
      expect(u.summonsReason, u.name).toBe(
        bottom && redTwice ? 'bottom_and_red' : bottom ? 'bottom' : redTwice ? 'red_months' : null,
      );
    }
    expect(longRed).toBeGreaterThan(0);
  });
});

describe("a scheme's versions", () => {
  it("goes from draft to consultation to published, keeps each version and takes the units' comments only in consultation", async () => {
    const items = [
      {
        key: 'signed_count',
        section: '招商引资',
        label: '新签约亿元以上项目',
        method: 'ratio',
        indicator: 'signed_100m_count',
        weight: '100',
      },
    ];
    const bad = await bureau.post('/api/assessment/schemes', {
      year: YEAR,
      unitGroup: 'teams',
      name: '团组考核办法',
      items: [{ ...items[0], weight: '90' }],
    });
    expect(bad.json.fields.map((f: Row) => `${f.field}:${f.code}`)).toEqual(['items:weights_sum']);
    const draft = await bureau.post('/api/assessment/schemes', {
      year: YEAR,
      unitGroup: 'teams',
      name: '团组考核办法（草案）',
      items,
    });
    expect(draft.status, draft.body).toBe(200);
    expect(
      (await dongchangfu.post(`/api/assessment/schemes/${draft.json.id}/comments`, { text: '太早了' })).json.code,
    ).toBe('SCHEME_NOT_IN_CONSULTATION');
    const consult = await bureau.patch(`/api/assessment/schemes/${draft.json.id}`, {
      status: 'consultation',
      version: draft.json.version,
    });
    expect(consult.status, consult.body).toBe(200);
    const run = await bureau.post('/api/assessment/runs', { schemeId: draft.json.id, period: PERIOD });
    expect(run.json.code).toBe('SCHEME_NOT_PUBLISHED');
    const c = await dongchangfu.post(`/api/assessment/schemes/${draft.json.id}/comments`, {
      text: '建议签约项目数按季度考核',
    });
    expect(c.status, c.body).toBe(200);
    expect(
      (
        await bureau.patch(`/api/assessment/schemes/${draft.json.id}`, {
          status: 'published',
          version: draft.json.version,
        })
      ).status,
    ).toBe(409);
    const pub = await bureau.patch(`/api/assessment/schemes/${draft.json.id}`, {
      status: 'published',
      name: '团组考核办法',
      version: consult.json.version,
    });
    expect(pub.status, pub.body).toBe(200);
    expect((await linqing.post(`/api/assessment/schemes/${draft.json.id}/comments`, { text: '晚了' })).status).toBe(
      409,
    );
    const h = await schemeHistoryAsCounty(draft.json.id);
    expect(h.versions.map((v: Row & { version: number; status: string }) => [v.version, v.status])).toEqual([
      [3, 'published'],
      [2, 'consultation'],
      [1, 'draft'],
    ]);
    expect(h.versions[2].name).toBe('团组考核办法（草案）');
    expect(
      h.comments.map((x: Row & { version: number; unitName: string; text: string }) => [x.version, x.unitName, x.text]),
    ).toEqual([[2, '东昌府区', '建议签约项目数按季度考核']]);
    const audit = await auditor.get(`/api/audit?targetType=assessment_scheme&targetId=${draft.json.id}`);
    expect(audit.json.items.map((e: Row) => e.action).sort()).toEqual([
      'assessment_scheme.comment',
      'assessment_scheme.consult',
      'assessment_scheme.create',
      'assessment_scheme.publish',
    ]);
  });
});

const schemeHistoryAsCounty = async (id: number) =>
  (await dongchangfu.get(`/api/assessment/schemes/${id}/history`)).json;
