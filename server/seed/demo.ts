// The demo city: 聊城市, its units, clusters and teams (public facts), with invented people.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { clusters, contacts, passwordHistory, settings, teamMembers, teams, units, users } from '../db/schema.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { DEFAULT_SECURITY_POLICY } from '../modules/settings/service.js';
import { seedDemoEnterprises } from './demo-enterprises.js';
import { seedDemoLeads } from './demo-leads.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedDemoTargets } from './demo-targets.js';
import { seedDemoField } from './demo-field.js';

export const DEMO_PASSWORD = 'Magnet@2026';

type UnitSeed = [
  code: string,
  name: string,
  kind: string,
  parent: string | null,
  division?: string,
  shortName?: string,
];

const UNITS: UnitSeed[] = [
  ['LC', '聊城市', 'city', null, '371500'],
  ['LC-LG', '聊城市双招双引工作领导小组', 'leading_group', 'LC'],
  ['LC-LGO', '领导小组办公室', 'office', 'LC-LG'],
  ['LC-IPB', '聊城市投资促进局', 'bureau', 'LC', undefined, '市投促局'],
  ['LC-FGW', '聊城市发展和改革委员会', 'department', 'LC', undefined, '市发改委'],
  ['LC-GXJ', '聊城市工业和信息化局', 'department', 'LC', undefined, '市工信局'],
  ['LC-SWJ', '聊城市商务局', 'department', 'LC', undefined, '市商务局'],
  ['LC-KJJ', '聊城市科学技术局', 'department', 'LC', undefined, '市科技局'],
  ['LC-RSJ', '聊城市人力资源和社会保障局', 'department', 'LC', undefined, '市人社局'],
  ['LC-WJW', '聊城市卫生健康委员会', 'department', 'LC', undefined, '市卫健委'],
  ['LC-NYJ', '聊城市农业农村局', 'department', 'LC', undefined, '市农业农村局'],
  ['LC-WLJ', '聊城市文化和旅游局', 'department', 'LC', undefined, '市文旅局'],
  ['LC-HGJ', '聊城市化工产业发展服务中心', 'department', 'LC', undefined, '市化工中心'],
  ['LC-DCF', '东昌府区', 'district', 'LC', '371502'],
  ['LC-CP', '茌平区', 'district', 'LC', '371503'],
  ['LC-LQ', '临清市', 'county', 'LC', '371581'],
  ['LC-YG', '阳谷县', 'county', 'LC', '371521'],
  ['LC-SX', '莘县', 'county', 'LC', '371522'],
  ['LC-DE', '东阿县', 'county', 'LC', '371524'],
  ['LC-GX', '冠县', 'county', 'LC', '371525'],
  ['LC-GT', '高唐县', 'county', 'LC', '371526'],
  ['LC-ETDZ', '聊城经济技术开发区', 'zone', 'LC', undefined, '经开区'],
  ['LC-HTZ', '聊城高新技术产业开发区', 'zone', 'LC', undefined, '高新区'],
  ['LC-JBSC', '江北水城旅游度假区', 'zone', 'LC', undefined, '度假区'],
  ['LC-DE-BIO', '东阿生物医药产业园', 'park', 'LC-DE'],
  ['LC-LQ-ZC', '临清轴承产业园', 'park', 'LC-LQ'],
  ['LC-OUT-BJ', '聊城市驻北京招商联络处', 'outpost', 'LC-IPB', undefined, '驻京联络处'],
  ['LC-OUT-SH', '聊城市驻上海招商联络处', 'outpost', 'LC-IPB', undefined, '驻沪联络处'],
  ['LC-OUT-SZ', '聊城市驻深圳招商联络处', 'outpost', 'LC-IPB', undefined, '驻深联络处'],
];

const CLUSTERS: [string, string, string][] = [
  ['NM', '新材料', 'emerging'],
  ['HEM', '高端装备制造', 'emerging'],
  ['NEV', '新能源汽车', 'emerging'],
  ['HC', '医养健康', 'emerging'],
  ['NFM', '有色金属及金属深加工', 'traditional'],
  ['GC', '绿色化工', 'traditional'],
  ['TX', '纺织服装', 'traditional'],
  ['CT', '文化旅游', 'traditional'],
  ['AG', '现代高效农业', 'traditional'],
];

// [cluster, lead department]
const TEAMS: [string, string][] = [
  ['NM', 'LC-GXJ'],
  ['HEM', 'LC-GXJ'],
  ['NEV', 'LC-FGW'],
  ['HC', 'LC-WJW'],
  ['NFM', 'LC-GXJ'],
  ['GC', 'LC-HGJ'],
  ['TX', 'LC-SWJ'],
  ['CT', 'LC-WLJ'],
  ['AG', 'LC-NYJ'],
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  unit: string;
  note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'leader', displayName: '高文远', role: 'city_leader', unit: 'LC', note: '市领导：查看全市' },
  { username: 'bureau', displayName: '周晓岚', role: 'bureau_staff', unit: 'LC-IPB', note: '投促局：管理全市业务' },
  { username: 'dongchangfu', displayName: '韩立明', role: 'county_staff', unit: 'LC-DCF', note: '东昌府区' },
  { username: 'linqing', displayName: '宋雨晴', role: 'county_staff', unit: 'LC-LQ', note: '临清市' },
  { username: 'donge', displayName: '贾志远', role: 'county_staff', unit: 'LC-DE', note: '东阿县（含生物医药产业园）' },
  { username: 'gaoxin', displayName: '鲁思源', role: 'county_staff', unit: 'LC-HTZ', note: '高新区' },
  { username: 'gongxin', displayName: '方振华', role: 'department_staff', unit: 'LC-GXJ', note: '市工信局' },
  { username: 'team_nm', displayName: '邵婉清', role: 'team_member', unit: 'LC-KJJ', note: '新材料产业招商团组' },
  { username: 'sysadmin', displayName: '系统管理员', role: 'sys_admin', unit: 'LC-IPB', note: '系统管理员' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', unit: 'LC-IPB', note: '安全管理员' },
  { username: 'auditadmin', displayName: '审计管理员', role: 'audit_admin', unit: 'LC-IPB', note: '审计管理员' },
];

const CONTACTS: [unit: string, name: string, org: string, title: string, phone: string, team?: string][] = [
  ['LC-DCF', '程子涵', '某新材料科技（上海）有限公司', '投资总监', '13800001001'],
  ['LC-DCF', '邱宏伟', '东昌府区商会', '秘书长', '13800001002'],
  ['LC-LQ', '欧阳静', '某轴承集团（无锡）有限公司', '副总经理', '13800002001'],
  ['LC-LQ', '孔德明', '临清在外乡贤联谊会', '会长', '13800002002'],
  ['LC-DE', '彭晓东', '某生物医药（苏州）有限公司', '战略发展部经理', '13800003001'],
  ['LC-DE-BIO', '雷佳怡', '某医疗器械（深圳）有限公司', '董事长助理', '13800003002'],
  ['LC-HTZ', '卫子轩', '某新能源汽车零部件（宁波）有限公司', '总经理', '13800004001'],
  ['LC-IPB', '龚雅琴', '某产业投资基金管理有限公司', '合伙人', '13800005001'],
  ['LC-GXJ', '白俊豪', '某高端装备（北京）有限公司', '副总裁', '13800006001'],
  ['LC-KJJ', '范思远', '某先进材料研究院', '院长', '13800007001', 'NM'],
];

/** Loads the demo city into an empty database. Returns false when there was data already. */
export async function seedDemo(db: Db, opts: { relaxPasswordChange?: boolean } = {}): Promise<boolean> {
  const relax = opts.relaxPasswordChange ?? true;
  const [{ n }] = (
    (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`)) as unknown as { rows: { n: number }[] }
  ).rows;
  if (Number(n) > 0) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const unitIds = new Map<string, number>();
    for (const [i, [code, name, kind, parent, divisionCode, shortName]] of UNITS.entries()) {
      const [row] = await tx
        .insert(units)
        .values({
          code,
          name,
          kind,
          parentId: parent ? unitIds.get(parent)! : null,
          divisionCode,
          shortName,
          sort: i * 10,
        })
        .returning({ id: units.id });
      unitIds.set(code, row.id);
    }
    const clusterIds = new Map<string, number>();
    for (const [i, [code, name, category]] of CLUSTERS.entries()) {
      const [row] = await tx.insert(clusters).values({ code, name, category, sort: i }).returning({ id: clusters.id });
      clusterIds.set(code, row.id);
    }
    const userIds = new Map<string, number>();
    for (const a of DEMO_ACCOUNTS) {
      const [row] = await tx
        .insert(users)
        .values({
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          unitId: unitIds.get(a.unit)!,
          passwordHash: hash,
          mustChangePassword: !relax,
        })
        .returning({ id: users.id });
      userIds.set(a.username, row.id);
      await tx.insert(passwordHistory).values({ userId: row.id, passwordHash: hash });
    }
    const teamIds = new Map<string, number>();
    for (const [cluster, lead] of TEAMS) {
      const name = `${CLUSTERS.find((c) => c[0] === cluster)![1]}产业招商团组`;
      const [row] = await tx
        .insert(teams)
        .values({
          name,
          clusterId: clusterIds.get(cluster)!,
          leadUnitId: unitIds.get(lead)!,
          leaderUserId: userIds.get('leader')!,
          description: `负责${name.replace('产业招商团组', '')}产业链招商：制定招商计划、建立重点项目库、调度项目进展、收集招商线索、协调项目落地。`,
        })
        .returning({ id: teams.id });
      teamIds.set(cluster, row.id);
    }
    await tx.insert(teamMembers).values([
      { teamId: teamIds.get('NM')!, userId: userIds.get('team_nm')! },
      { teamId: teamIds.get('NM')!, userId: userIds.get('gongxin')! },
    ]);
    for (const [unit, name, organization, title, phone, team] of CONTACTS) {
      await tx.insert(contacts).values({
        name,
        organization,
        title,
        phone,
        ownerUnitId: unitIds.get(unit)!,
        teamId: team ? teamIds.get(team)! : null,
        createdBy: userIds.get('bureau')!,
      });
    }
    await tx.insert(settings).values({ key: 'security_policy', value: DEFAULT_SECURITY_POLICY });
    const refs = {
      tx,
      unitIds,
      clusterIds,
      teamIds,
      userIds,
      enterpriseIds: new Map<string, number>(),
      projectIds: new Map<string, number>(),
    };
    await seedDemoEnterprises(refs);
    await seedDemoProjects(refs);
    await seedDemoLeads(refs);
    await seedDemoTargets(refs);
    await seedDemoField(refs);
  });
  return true;
}
