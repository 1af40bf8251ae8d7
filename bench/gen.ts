// npm run gen -- --scale city|province [--seed N] [--enterprises N]
// Loads generated data with COPY into the embedded database (DATA_DIR) or PostgreSQL (DATABASE_URL).
// The server must not be running on the same data folder: the folder lock refuses it.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/client.js';
import { lockDataDir } from '../server/db/lock.js';
import { seedDemo } from '../server/seed/demo.js';
import {
  copyLine,
  DIVISIONS,
  gramsOf,
  makeEnterprise,
  pickStage,
  projectAmount,
  projectName,
  rng,
  searchTextOf,
  type EnterpriseRow,
} from './data.js';

export interface GenOptions {
  scale: 'city' | 'province';
  seed: number;
  enterprises?: number;
  projects?: number;
  leads?: number;
  followUps?: number;
  log?: (s: string) => void;
}

export const SCALES = {
  city: { enterprises: 100_000, projects: 20_000, leads: 20_000, followUps: 200_000 },
  province: { enterprises: 1_000_000, projects: 200_000, leads: 200_000, followUps: 2_000_000 },
};

const rows = async <T>(db: Database['db'], q: ReturnType<typeof sql>) =>
  ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const HOME = '371500';
const CHUNK = 50_000;

/** The province's other 15 cities and their counties under a province root; the demo city moves under it. */
async function ensureProvince(database: Database): Promise<void> {
  const { db } = database;
  if ((await rows(db, sql`SELECT 1 FROM units WHERE code = 'SD'`)).length) return;
  const [{ id: provinceId }] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO units (code, name, kind, division_code, sort) VALUES ('SD', '山东省', 'province', '370000', 0) RETURNING id`,
  );
  await db.execute(sql`UPDATE units SET parent_id = ${provinceId} WHERE code = 'LC'`);
  const cities = Object.keys(DIVISIONS).filter(
    (c) => c.startsWith('37') && c.endsWith('00') && !c.endsWith('0000') && c !== HOME,
  );
  for (const city of cities) {
    const [{ id: cityId }] = await rows<{ id: number }>(
      db,
      sql`INSERT INTO units (code, name, kind, parent_id, division_code, sort)
      VALUES (${'G-' + city}, ${DIVISIONS[city]}, 'city', ${provinceId}, ${city}, 1) RETURNING id`,
    );
    for (const county of Object.keys(DIVISIONS).filter((c) => c.startsWith(city.slice(0, 4)) && !c.endsWith('00'))) {
      const kind = DIVISIONS[county].endsWith('区') ? 'district' : 'county';
      await db.execute(
        sql`INSERT INTO units (code, name, kind, parent_id, division_code, sort) VALUES (${'G-' + county}, ${DIVISIONS[county]}, ${kind}, ${cityId}, ${county}, 2)`,
      );
    }
  }
}

export async function generate(database: Database, opts: GenOptions): Promise<Record<string, number>> {
  const log = opts.log ?? (() => {});
  const { db } = database;
  const counts = {
    ...SCALES[opts.scale],
    ...Object.fromEntries(Object.entries(opts).filter(([k, v]) => k in SCALES.city && v !== undefined)),
  } as typeof SCALES.city;
  await seedDemo(db, {});
  if (opts.scale === 'province') await ensureProvince(database);
  const r = rng(opts.seed);

  const countyUnits = (
    await rows<{ id: number }>(db, sql`SELECT id FROM units WHERE kind IN ('county', 'district', 'zone') ORDER BY id`)
  ).map((u) => Number(u.id));
  const clusterIds = new Map(
    (await rows<{ id: number; code: string }>(db, sql`SELECT id, code FROM clusters`)).map((c) => [
      c.code,
      Number(c.id),
    ]),
  );
  const [{ uid }] = await rows<{ uid: number }>(db, sql`SELECT id AS uid FROM users WHERE username = 'bureau'`);
  const [{ next: entStart }] = await rows<{ next: number }>(
    db,
    sql`SELECT coalesce(max(id), 0) + 1 AS next FROM enterprises`,
  );
  const [{ next: projStart }] = await rows<{ next: number }>(
    db,
    sql`SELECT coalesce(max(id), 0) + 1 AS next FROM projects`,
  );
  const [{ next: leadStart }] = await rows<{ next: number }>(
    db,
    sql`SELECT coalesce(max(id), 0) + 1 AS next FROM leads`,
  );

  // GIN indexes are built far faster in one pass than row by row: drop them for the load, rebuild after.
  const ginIndexes = await rows<{ indexname: string; indexdef: string }>(
    db,
    sql`SELECT indexname, indexdef FROM pg_indexes
    WHERE tablename IN ('enterprises', 'projects', 'leads') AND indexdef LIKE '%USING gin%'`,
  );
  for (const ix of ginIndexes) await db.execute(sql.raw(`DROP INDEX "${ix.indexname}"`));

  // Enterprises: kept in memory only as much as projects need (name, tiers, region) — a sample of 200k at most.
  const sample: EnterpriseRow[] = [];
  const entCols = [
    'id',
    'name',
    'uscc',
    'ownership',
    'tiers',
    'hq_division',
    'hq_region',
    'industry_code',
    'cluster_id',
    'registered_capital',
    'owner_unit_id',
    'created_by',
    'search_text',
    'search_grams',
  ];
  let t0 = Date.now();
  for (let done = 0; done < counts.enterprises; done += CHUNK) {
    let text = '';
    for (let i = done; i < Math.min(done + CHUNK, counts.enterprises); i++) {
      const e = makeEnterprise(r, Number(entStart) + i, countyUnits, HOME);
      if (sample.length < 200_000) sample.push(e);
      text += copyLine([
        e.id,
        e.name,
        e.uscc,
        e.ownership,
        e.tiers,
        e.hqDivision,
        e.hqRegion,
        e.industryCode,
        clusterIds.get(e.cluster),
        e.registeredCapital,
        e.ownerUnitId,
        uid,
        searchTextOf(e.name, e.uscc),
        gramsOf(e.name, e.uscc),
      ]);
    }
    await database.copyIn('enterprises', entCols, text);
    log(
      `enterprises ${Math.min(done + CHUNK, counts.enterprises).toLocaleString()} / ${counts.enterprises.toLocaleString()}`,
    );
  }
  const entSeconds = (Date.now() - t0) / 1000;

  const projCols = [
    'id',
    'code',
    'name',
    'enterprise_id',
    'stage',
    'approved_stage',
    'owner_unit_id',
    'cluster_id',
    'industry_code',
    'total_investment',
    'fixed_asset_investment',
    'foreign_capital',
    'capital_origin',
    'flags',
    'signed_at',
    'signed_amount',
    'started_at',
    'produced_at',
    'planned_start_month',
    'last_progress_at',
    'stage_changed_at',
    'created_by',
    'search_text',
    'search_grams',
  ];
  const now = Date.now();
  const day = 86_400_000;
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const ORDER = ['planning', 'negotiating', 'signed', 'registered', 'started', 'producing', 'at_capacity'];
  // The bureau's approvals: a stage counts from its approval, so the monthly assessment reads these.
  const eventCols = [
    'project_id',
    'from_stage',
    'to_stage',
    'kind',
    'effective_date',
    'fields',
    'status',
    'submitted_by',
    'submitted_at',
    'reviewed_by',
    'reviewed_at',
  ];
  t0 = Date.now();
  for (let done = 0; done < counts.projects; done += CHUNK) {
    let text = '';
    let events = '';
    for (let i = done; i < Math.min(done + CHUNK, counts.projects); i++) {
      const id = Number(projStart) + i;
      const e = r.pick(sample);
      const stage = pickStage(r);
      const at = ORDER.indexOf(stage);
      const amount = projectAmount(r);
      const foreign = e.ownership === 'foreign' || e.ownership === 'hmt' ? Math.round(amount / 7 / 10) : 0;
      const origin =
        e.hqRegion === 'local'
          ? 'local_city'
          : e.hqRegion === 'in_province'
            ? 'in_province'
            : e.hqRegion === 'abroad' || e.hqRegion === 'hmt'
              ? 'abroad'
              : 'out_province';
      const flags = [
        amount >= 10_000 && 'over_100m',
        amount >= 100_000 && 'over_1b',
        e.tiers.includes('fortune500') && 'fortune500',
        e.tiers.includes('china500') && 'china500',
        e.ownership === 'soe_central' && 'central_soe',
        foreign > 0 && 'foreign',
        origin !== 'local_city' && 'out_of_city',
        (origin === 'out_province' || origin === 'abroad') && 'out_of_province',
      ].filter(Boolean);
      const signedAt = at >= 2 ? now - (30 + r.int(900)) * day : null;
      const name = projectName(r, e.name);
      text += copyLine([
        id,
        `P${String(id).padStart(8, '0')}`,
        name,
        e.id,
        stage,
        stage === 'terminated' ? 'negotiating' : stage,
        r.pick(countyUnits),
        clusterIds.get(e.cluster),
        e.industryCode,
        `${amount}.00`,
        `${Math.round(amount * 0.7)}.00`,
        foreign ? `${foreign}.00` : null,
        origin,
        flags,
        signedAt ? isoDate(signedAt) : null,
        signedAt ? `${amount}.00` : null,
        at >= 4 && signedAt ? isoDate(signedAt + 90 * day) : null,
        at >= 5 && signedAt ? isoDate(signedAt + 400 * day) : null,
        signedAt ? isoDate(signedAt + 120 * day).slice(0, 8) + '01' : null,
        new Date(now - r.int(120) * day),
        new Date(now - r.int(400) * day),
        uid,
        searchTextOf(name, e.name),
        gramsOf(name, e.name),
      ]);
      if (signedAt) {
        for (const [to, after] of [
          ['signed', 3],
          ['started', 93],
          ['producing', 403],
        ] as const) {
          if (ORDER.indexOf(to) > at || signedAt + after * day > now) break;
          const on = signedAt + (after - 3) * day;
          events += copyLine([
            id,
            ORDER[ORDER.indexOf(to) - 1],
            to,
            'forward',
            isoDate(on),
            {},
            'approved',
            uid,
            new Date(on),
            uid,
            new Date(on + 3 * day),
          ]);
        }
      }
    }
    await database.copyIn('projects', projCols, text);
    if (events) await database.copyIn('project_stage_events', eventCols, events);
    log(`projects ${Math.min(done + CHUNK, counts.projects).toLocaleString()} / ${counts.projects.toLocaleString()}`);
  }
  const projSeconds = (Date.now() - t0) / 1000;

  const CHANNELS = [
    'business_referral',
    'commissioned',
    'fund',
    'equity',
    'partner',
    'ambassador',
    'chamber',
    'native',
    'outpost',
    'event',
    'visit',
    'other',
  ];
  const leadCols = [
    'id',
    'title',
    'enterprise_id',
    'cluster_id',
    'intended_amount',
    'source_channel',
    'status',
    'owner_unit_id',
    'created_by',
    'last_follow_up_at',
    'search_text',
    'search_grams',
  ];
  for (let done = 0; done < counts.leads; done += CHUNK) {
    let text = '';
    for (let i = done; i < Math.min(done + CHUNK, counts.leads); i++) {
      const e = r.pick(sample);
      const pool = r.next() < 0.1;
      const title = `${e.name}投资意向`;
      text += copyLine([
        Number(leadStart) + i,
        title,
        e.id,
        clusterIds.get(e.cluster),
        `${projectAmount(r)}.00`,
        r.pick(CHANNELS),
        pool ? 'pool' : 'following',
        pool ? null : r.pick(countyUnits),
        uid,
        new Date(now - r.int(200) * day),
        searchTextOf(title),
        gramsOf(title),
      ]);
    }
    await database.copyIn('leads', leadCols, text);
  }
  log(`leads ${counts.leads.toLocaleString()}`);
  const fuCols = ['lead_id', 'at', 'method', 'content', 'user_id', 'unit_id'];
  const METHODS = ['visit', 'call', 'meeting', 'event'];
  for (let done = 0; done < counts.followUps; done += CHUNK * 2) {
    let text = '';
    for (let i = done; i < Math.min(done + CHUNK * 2, counts.followUps); i++) {
      text += copyLine([
        Number(leadStart) + r.int(counts.leads),
        new Date(now - r.int(700) * day),
        r.pick(METHODS),
        '电话沟通投资意向，对方计划下月来聊考察。',
        uid,
        r.pick(countyUnits),
      ]);
    }
    await database.copyIn('lead_follow_ups', fuCols, text);
    log(
      `follow-ups ${Math.min(done + CHUNK * 2, counts.followUps).toLocaleString()} / ${counts.followUps.toLocaleString()}`,
    );
  }
  t0 = Date.now();
  await db.execute(sql`SET maintenance_work_mem = '512MB'`);
  for (const ix of ginIndexes) await db.execute(sql.raw(ix.indexdef));
  log(`search indexes rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // COPY with explicit ids leaves the sequences behind.
  for (const table of ['enterprises', 'projects', 'leads']) {
    await db.execute(
      sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 1) FROM ${table}))`),
    );
  }
  await db.execute(sql`ANALYZE`);
  return {
    enterprises: counts.enterprises,
    projects: counts.projects,
    leads: counts.leads,
    followUps: counts.followUps,
    enterpriseRowsPerSecond: Math.round(counts.enterprises / entSeconds),
    projectRowsPerSecond: Math.round(counts.projects / projSeconds),
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = (arg('scale') ?? 'city') as GenOptions['scale'];
  if (!(scale in SCALES)) {
    console.error('--scale must be city or province');
    process.exit(2);
  }
  const config = loadConfig();
  const release = config.databaseUrl ? undefined : lockDataDir(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  const t = Date.now();
  const result = await generate(database, {
    scale,
    seed: Number(arg('seed') ?? 1),
    enterprises: arg('enterprises') ? Number(arg('enterprises')) : undefined,
    log: (s) => console.log(`[gen] ${s}`),
  });
  console.log(`[gen] ${database.kind}: ${JSON.stringify(result)} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await database.close();
  release?.();
}
