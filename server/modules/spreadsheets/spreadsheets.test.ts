// Unit tests of the spreadsheet pieces that need no database: header detection and mapping, amounts, dates,
// total rows, zip-bomb detection, formula neutralisation, and the look-ups of units, clusters and stages.
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  autoMapping,
  cleanMapping,
  combineHeaderRows,
  detectHeaderRow,
  headerKey,
  isNoteRow,
  isTotalRow,
  mappingProblems,
  matchHeader,
  normalizeHeader,
  profileColumns,
  type ValueJudge,
} from './headers.js';
import {
  DEFAULT_STAGE_PHRASES,
  matchCluster,
  matchIndustry,
  matchPlace,
  matchStage,
  matchTiers,
  StagePhrases,
  UnitResolver,
} from './lookups.js';
import { convertRow, type ConvertContext } from './convert.js';
import { csvRows, decodeText } from './reader.js';
import {
  declaredUnit,
  excelSerialToDate,
  neutralize,
  numberToPlain,
  parseAmount,
  parseDate,
  unitOfHeader,
} from './values.js';
import { inspectXlsx, judgeSizes, readCentralDirectory } from './zip.js';
import { outCell } from './output.js';
import { registerSheetProfiles } from '../../sheet-profiles.js';

registerSheetProfiles(); // the modules' columns and record rules, as the app registers them at start

describe('header detection', () => {
  const county = [
    ['东昌府区2024年重点招商项目台账'],
    ['填报单位：东昌府区投资促进服务中心', '', '', '', '填报时间：2024年4月'],
    [
      '序号',
      '项目名称',
      '投资主体',
      '总投资（亿元）',
      '项目进展阶段',
      '签约日期',
      '县区',
      '产业链',
      '联系人',
      '联系电话',
    ],
    [
      '1',
      '年产5万吨铝合金项目',
      '某铝业有限公司',
      '5',
      '签约',
      '2024年3月5日',
      '东昌府',
      '新材料',
      '张三',
      '13800000000',
    ],
  ];

  it('finds the header row below title rows', () => {
    expect(detectHeaderRow('project', county)).toBe(2);
  });

  it('does not take a merged title cell that names a field for the header', () => {
    expect(
      detectHeaderRow('project', [['项目名称汇总表'], ['项目名称', '总投资', '所在县区'], ['甲', '1', '临清']]),
    ).toBe(1);
  });

  it('answers -1 when no row looks like a header', () => {
    expect(
      detectHeaderRow('project', [
        ['hello', 'world'],
        ['1', '2'],
      ]),
    ).toBe(-1);
  });

  it('only looks at the first 15 rows', () => {
    const rows = [...Array.from({ length: 15 }, () => ['说明文字']), ['项目名称', '总投资', '所在县区']];
    expect(detectHeaderRow('project', rows)).toBe(-1);
  });

  it('normalizes headers: spaces, full-width characters, brackets and units, required marks', () => {
    expect(normalizeHeader(' *总 投 资（亿元） ')).toBe('总投资');
    expect(normalizeHeader('Ｔｏｔａｌ Investment (万元)')).toBe('totalinvestment');
    expect(normalizeHeader('县（市、区）', true)).toBe('县市区');
  });

  it('maps each column to a field, exact names before contained ones, each field once', () => {
    const m = autoMapping('project', county[2]);
    const byHeader = Object.fromEntries(m.map((c) => [c.header, c.field]));
    expect(byHeader).toMatchObject({
      序号: null,
      项目名称: 'name',
      投资主体: 'investorName',
      '总投资（亿元）': 'totalInvestment',
      项目进展阶段: 'stage',
      签约日期: 'signedAt',
      县区: 'county',
      产业链: 'cluster',
      联系人: 'liaisonName',
      联系电话: 'liaisonPhone',
    });
    expect(m.find((c) => c.field === 'totalInvestment')!.unit).toBe('亿元');
    const twice = autoMapping('project', ['项目名称', '名称']);
    expect(twice.map((c) => c.field)).toEqual(['name', null]);
  });

  it("matches English and the entities' own names", () => {
    expect(matchHeader('enterprise', 'Credit code')?.field).toBe('uscc');
    expect(matchHeader('lead', '项目线索')?.field).toBe('title');
    expect(matchHeader('lead', '推荐人')?.field).toBe('referrer');
    expect(matchHeader('enterprise', '所有制')?.field).toBe('ownership');
    expect(matchHeader('project', '项目总投资额（万元）')?.field).toBe('totalInvestment');
    expect(matchHeader('project', '县（市、区）')?.field).toBe('county');
    expect(matchHeader('project', '序号')).toMatchObject({ field: null, ignored: true });
  });

  it('takes a unit declared above the table for amount columns whose header names none', () => {
    expect(declaredUnit(['2024年项目表', '金额单位：亿元'])).toBe('亿元');
    expect(declaredUnit(['单位: 万元'])).toBe('万元');
    expect(declaredUnit(['无单位'])).toBeNull();
    const m = autoMapping('project', ['项目名称', '总投资', '固定资产投资（万元）', '合同外资'], '亿元');
    expect(m.map((c) => c.unit)).toEqual([null, '亿元', '万元', null]);
  });

  it('checks an edited mapping', () => {
    const headers = ['名称', '金额'];
    const ok = cleanMapping('project', headers, [
      { col: 0, field: 'name' },
      { col: 1, field: 'totalInvestment', unit: '亿元' },
    ]);
    expect(ok).toMatchObject([{ field: 'name' }, { field: 'totalInvestment', unit: '亿元' }]);
    expect(
      cleanMapping('project', headers, [
        { col: 0, field: 'name' },
        { col: 1, field: 'name' },
      ]),
    ).toHaveProperty('error');
    expect(cleanMapping('project', headers, [{ col: 0, field: 'nope' }])).toHaveProperty('error');
    expect(cleanMapping('project', headers, [{ col: 5, field: 'name' }])).toHaveProperty('error');
  });
});

describe('total and note rows', () => {
  it('recognises 合计 / 总计 / 小计 in the first cells', () => {
    expect(isTotalRow(['合计', '', '', '12.5'])).toBe(true);
    expect(isTotalRow(['', '总 计', '35'])).toBe(true);
    expect(isTotalRow(['', '小计：', '35'])).toBe(true);
    expect(isTotalRow(['12', '合计项目', '35'])).toBe(true);
    expect(isTotalRow(['1', '年产合计10万吨项目', '3'])).toBe(false);
    expect(isTotalRow(['1', '某项目', '某公司', '合计'])).toBe(false);
  });
  it('recognises a note standing alone under the table', () => {
    expect(isNoteRow(['注：金额单位为亿元'])).toBe(true);
    expect(isNoteRow(['注：金额单位为亿元', '5'])).toBe(false);
  });
});

describe('amounts', () => {
  const a = (s: string, headerUnit?: '亿元' | '万元' | '元' | null) => {
    const r = parseAmount(s, { headerUnit });
    return r && !('error' in r) ? r.value : r;
  };

  it('converts 亿 to 万 exactly, never through floats', () => {
    expect(a('1.2345亿')).toBe('12345.00');
    expect(a('0.1亿元')).toBe('1000.00');
    expect(a('0.3', '亿元')).toBe('3000.00');
    expect(a('1.23456789亿')).toBe('12345.68');
    expect(a('123456789012.3456亿')).toBe('1234567890123456.00');
    expect(parseAmount('1.2345', { headerUnit: '亿元' })).toMatchObject({
      value: '12345.00',
      rounded: false,
      unit: '亿元',
    });
  });

  it('lets a cell suffix win over the header unit', () => {
    expect(a('5000万', '亿元')).toBe('5000.00');
    expect(a('2亿', '万元')).toBe('20000.00');
    expect(a('12,500')).toBe('12500.00');
    expect(a('１２５００万元')).toBe('12500.00');
    expect(a('￥1,234,567元')).toBe('123.46');
  });

  it('rounds half up to hundredths and says so', () => {
    expect(parseAmount('12345', { headerUnit: '元' })).toMatchObject({ value: '1.23', rounded: true });
    expect(parseAmount('12350', { headerUnit: '元' })).toMatchObject({ value: '1.24', rounded: true });
    expect(parseAmount('0.005', {})).toMatchObject({ value: '0.01', rounded: true });
  });

  it('marks approximate amounts and refuses words', () => {
    expect(parseAmount('约3亿元', {})).toMatchObject({ value: '30000.00', approximate: true });
    expect(parseAmount('5亿元左右', {})).toMatchObject({ value: '50000.00', approximate: true });
    expect(parseAmount('三亿', {})).toEqual({ error: 'invalid' });
    expect(parseAmount('1.2.3', {})).toEqual({ error: 'invalid' });
    expect(parseAmount('', {})).toBeNull();
  });

  it('keeps currencies apart', () => {
    expect(parseAmount('500', { currency: 'usd' })).toMatchObject({ value: '500.00', unit: '万美元' });
    expect(parseAmount('0.5亿', { currency: 'usd' })).toMatchObject({ value: '5000.00', unit: '亿美元' });
    expect(parseAmount('500万美元', { currency: 'cny' })).toEqual({ error: 'currency' });
  });

  it('reads the unit a header names', () => {
    expect(unitOfHeader('总投资（亿元）')).toBe('亿元');
    expect(unitOfHeader('注册资本(万元)')).toBe('万元');
    expect(unitOfHeader('合同外资（万美元）')).toBe('万美元');
    expect(unitOfHeader('投资额亿元')).toBe('亿元');
    expect(unitOfHeader('总投资')).toBeNull();
  });

  it('writes spreadsheet numbers without exponents', () => {
    expect(numberToPlain(1.2345)).toBe('1.2345');
    expect(numberToPlain(1e21)).toBe('1000000000000000000000');
    expect(numberToPlain(1.5e-7)).toBe('0.00000015');
    expect(numberToPlain(-2.5e22)).toBe('-25000000000000000000000');
    expect(numberToPlain(13800001001)).toBe('13800001001');
  });
});

describe('dates', () => {
  const d = (s: string) => {
    const r = parseDate(s);
    return r && 'value' in r ? r.value : r;
  };

  it('reads the usual Chinese forms', () => {
    for (const s of [
      '2024年3月5日',
      '2024-3-5',
      '2024/03/05',
      '2024.3.5',
      '20240305',
      '2024-03-05 10:30:00',
      '２０２４年３月５日',
      '2024 年 3 月 5 日',
    ]) {
      expect(d(s), s).toBe('2024-03-05');
    }
  });

  it('takes a month as its first day', () => {
    expect(parseDate('2024年3月')).toEqual({ value: '2024-03-01', monthOnly: true });
    expect(d('2024-03')).toBe('2024-03-01');
    expect(d('2024.3')).toBe('2024-03-01');
    expect(d('202403')).toBe('2024-03-01');
  });

  it('reads Excel serial numbers', () => {
    expect(d('45356')).toBe('2024-03-05');
    expect(excelSerialToDate(1)).toBe('1899-12-31');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(d('45356.75')).toBe('2024-03-05');
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseDate('2024-02-30')).toEqual({ error: 'no_such_date' });
    expect(parseDate('2023年2月29日')).toEqual({ error: 'no_such_date' });
    expect(d('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2024-13-01')).toEqual({ error: 'invalid' });
    expect(parseDate('明年三月')).toEqual({ error: 'invalid' });
    expect(parseDate('')).toBeNull();
  });
});

describe('look-ups', () => {
  const units = [
    { id: 1, name: '聊城市', shortName: null, kind: 'city', parentId: null },
    { id: 2, name: '东昌府区', shortName: null, kind: 'district', parentId: 1 },
    { id: 3, name: '临清市', shortName: null, kind: 'county', parentId: 1 },
    { id: 4, name: '莘县', shortName: null, kind: 'county', parentId: 1 },
    { id: 5, name: '聊城高新技术产业开发区', shortName: '高新区', kind: 'zone', parentId: 1 },
    { id: 6, name: '聊城经济技术开发区', shortName: '经开区', kind: 'zone', parentId: 1 },
    { id: 7, name: '江北水城旅游度假区', shortName: '度假区', kind: 'zone', parentId: 1 },
    { id: 8, name: '临清轴承产业园', shortName: null, kind: 'park', parentId: 3 },
  ];
  const r = new UnitResolver(units, ['district', 'county', 'zone', 'park']);
  const name = (s: string) => {
    const m = r.resolve(s);
    return 'unit' in m ? m.unit.name : m.error;
  };

  it('recognises short names of counties and zones', () => {
    expect(name('东昌府')).toBe('东昌府区');
    expect(name('东昌府区')).toBe('东昌府区');
    expect(name('聊城市东昌府区')).toBe('东昌府区');
    expect(name('临清')).toBe('临清市');
    expect(name('莘县')).toBe('莘县');
    expect(name('高新区')).toBe('聊城高新技术产业开发区');
    expect(name('聊城高新区')).toBe('聊城高新技术产业开发区');
    expect(name('经开区')).toBe('聊城经济技术开发区');
    expect(name('度假区')).toBe('江北水城旅游度假区');
    expect(name('临清轴承产业园')).toBe('临清轴承产业园');
    expect(name('东昌府区古楼街道')).toBe('东昌府区');
    expect(name('北京')).toBe('unknown');
  });

  it('matches clusters by short and long forms', () => {
    const clusters = [
      { id: 1, code: 'NM', name: '新材料', category: 'emerging' },
      { id: 2, code: 'HEM', name: '高端装备制造', category: 'emerging' },
      { id: 3, code: 'GC', name: '绿色化工', category: 'traditional' },
      { id: 4, code: 'NEV', name: '新能源汽车', category: 'emerging' },
    ];
    const c = (s: string) => {
      const m = matchCluster(clusters, s);
      return typeof m === 'string' ? m : m.name;
    };
    expect(c('新材料')).toBe('新材料');
    expect(c('新材料产业')).toBe('新材料');
    expect(c('高端装备')).toBe('高端装备制造');
    expect(c('高端装备制造业')).toBe('高端装备制造');
    expect(c('化工')).toBe('绿色化工');
    expect(c('nm')).toBe('新材料');
    expect(c('新')).toBe('unknown');
    expect(c('纺织')).toBe('unknown');
  });

  it('turns stage words into stage codes', () => {
    expect(
      ['在谈', '洽谈', '签约', '已签约', '注册', '落地', '开工', '在建', '投产', '竣工', '达产', '终止'].map((x) =>
        matchStage(x),
      ),
    ).toEqual([
      'negotiating',
      'negotiating',
      'signed',
      'signed',
      'registered',
      'registered',
      'started',
      'started',
      'producing',
      'producing',
      'at_capacity',
      'terminated',
    ]);
    expect(matchStage('不知道')).toBeNull();
  });

  it('reads industries, places and tags', () => {
    expect(matchIndustry('C3252')).toBe('C3252');
    expect(matchIndustry('2614')).toBe('C2614');
    expect(matchIndustry('医药制造业')).toBe('C27');
    expect(matchIndustry('C27 医药制造业')).toBe('C27');
    expect(matchIndustry('Z99')).toBeNull();
    expect(matchPlace('上海市浦东新区')).toEqual({ division: '310115' });
    expect(matchPlace('江苏苏州')).toEqual({ division: '320500' });
    expect(matchPlace('深圳')).toEqual({ division: '440300' });
    expect(matchPlace('371502')).toEqual({ division: '371502' });
    expect(matchPlace('美国加州')).toEqual({ country: '美国' });
    expect(matchTiers('上市公司、专精特新，链主 外星企业')).toEqual({
      tiers: ['listed', 'little_giant', 'chain_leader'],
      unknown: ['外星企业'],
    });
  });
});

describe('csv', () => {
  it('decodes UTF-8 with a BOM, and GBK', () => {
    expect(decodeText(Buffer.from('\uFEFF项目名称,总投资\n', 'utf8'))!.encoding).toBe('utf-8');
    const gbk = Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0xc3, 0xfb, 0xb3, 0xc6]); // 项目名称
    expect(decodeText(gbk)).toEqual({ text: '项目名称', encoding: 'gbk' });
    expect(decodeText(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toBeNull();
  });

  it('parses quoted cells, escaped quotes and line breaks', () => {
    const rows = [...csvRows('名称,内容\r\n"甲,乙","说""明""\n第二行"\n\n丙,丁')];
    expect(rows.map((r) => r.cells)).toEqual([['名称', '内容'], ['甲,乙', '说"明"\n第二行'], [], ['丙', '丁']]);
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4]);
  });
});

describe('zip bombs and file types', () => {
  /** A zip archive built by hand: [name, content, compress?][] */
  function zip(entries: [string, Buffer, boolean?][], lie?: { entry: number; uncompressed: number }): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    entries.forEach(([name, content, compress = true], i) => {
      const data = compress ? deflateRawSync(content) : content;
      const n = Buffer.from(name);
      const declared = lie && lie.entry === i ? lie.uncompressed : content.length;
      const lh = Buffer.alloc(30);
      lh.writeUInt32LE(0x04034b50, 0);
      lh.writeUInt16LE(20, 4);
      lh.writeUInt16LE(compress ? 8 : 0, 8);
      lh.writeUInt32LE(data.length, 18);
      lh.writeUInt32LE(declared, 22);
      lh.writeUInt16LE(n.length, 26);
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0);
      ch.writeUInt16LE(20, 4);
      ch.writeUInt16LE(20, 6);
      ch.writeUInt16LE(compress ? 8 : 0, 10);
      ch.writeUInt32LE(data.length, 20);
      ch.writeUInt32LE(declared, 24);
      ch.writeUInt16LE(n.length, 28);
      ch.writeUInt32LE(offset, 42);
      locals.push(lh, n, data);
      centrals.push(ch, n);
      offset += 30 + n.length + data.length;
    });
    const cd = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, cd, end]);
  }
  const base: [string, Buffer][] = [
    ['[Content_Types].xml', Buffer.from('<Types/>')],
    ['xl/workbook.xml', Buffer.from('<workbook/>')],
  ];

  it('accepts a real workbook and counts its rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (let i = 0; i < 50; i++) ws.addRow([`项目${i}`, i]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await inspectXlsx(buf);
    expect(r.problem).toBeNull();
    expect(r.sheetRows).toBe(50);
  });

  it('refuses a file that is no zip, and a zip that holds no workbook', async () => {
    expect((await inspectXlsx(Buffer.from('MZ\x90\x00 this is a program'))).problem?.code).toBe('FILE_TYPE_MISMATCH');
    expect((await inspectXlsx(zip([['word/document.xml', Buffer.from('<w/>')]]))).problem?.code).toBe(
      'FILE_TYPE_MISMATCH',
    );
  });

  it('refuses by the central directory: too much unpacked, or a ratio above 100:1', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024); // 20 MB of zeros deflate to about 20 KB
    const bomb = zip([...base, ['xl/worksheets/sheet1.xml', zeros]]);
    const cd = readCentralDirectory(bomb);
    expect('entries' in cd && judgeSizes(cd.entries)?.code).toBe('FILE_ZIP_BOMB');
    expect((await inspectXlsx(bomb)).problem?.code).toBe('FILE_ZIP_BOMB');
    const big = {
      entries: [
        {
          name: 'a',
          method: 8,
          flags: 0,
          compressedSize: 200 * 1024 * 1024,
          uncompressedSize: 301 * 1024 * 1024,
          localHeaderOffset: 0,
        },
      ],
    };
    expect(judgeSizes(big.entries)?.code).toBe('FILE_ZIP_BOMB');
  });

  it('catches an entry that unpacks to more than its directory says', async () => {
    const content = Buffer.from('<worksheet>'.padEnd(600_000, 'x'));
    const liar = zip([...base, ['xl/worksheets/sheet1.xml', content]], { entry: 2, uncompressed: 10_000 });
    expect((await inspectXlsx(liar)).problem?.code).toBe('FILE_ZIP_BOMB');
  });

  it('refuses data hidden between entries', async () => {
    const good = zip(base);
    const evil = Buffer.concat([
      good.subarray(0, 30 + 19 + deflateRawSync(base[0][1]).length),
      Buffer.alloc(100, 1),
      good.subarray(30 + 19 + deflateRawSync(base[0][1]).length),
    ]);
    expect((await inspectXlsx(evil)).problem?.code).toBe('FILE_TYPE_MISMATCH');
  });
});

describe('formula neutralisation', () => {
  it('prefixes text a spreadsheet would run', () => {
    expect(neutralize('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutralize('+1+1')).toBe("'+1+1");
    expect(neutralize('-2+3')).toBe("'-2+3");
    expect(neutralize('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralize('\tcmd')).toBe("'\tcmd");
    expect(neutralize('\rcmd')).toBe("'\rcmd");
    expect(neutralize('年产5万吨')).toBe('年产5万吨');
  });
  it('leaves numbers and empty cells alone', () => {
    expect(outCell(-5)).toBe(-5);
    expect(outCell(null)).toBeNull();
    expect(outCell('=1+1')).toBe("'=1+1");
  });
});

describe('mapping by header and by content', () => {
  const counties = new UnitResolver(
    [
      { id: 1, name: '聊城市', shortName: null, kind: 'city', parentId: null },
      { id: 2, name: '东昌府区', shortName: null, kind: 'district', parentId: 1 },
      { id: 3, name: '临清市', shortName: null, kind: 'county', parentId: 1 },
      { id: 4, name: '阳谷县', shortName: null, kind: 'county', parentId: 1 },
      { id: 5, name: '聊城高新技术产业开发区', shortName: '聊城高新区', kind: 'zone', parentId: 1 },
    ],
    ['district', 'county', 'zone', 'park'],
  );
  const judge: ValueJudge = { isCounty: (t) => counties.isName(t), isStage: (t) => matchStage(t) !== null };
  const headers = ['序号', '项目名称', '责任单位', '所在县（市、区）', '项目进展', '总投资（亿元）', '开工时间'];
  const rows = [
    ['1', '甲项目', '东昌府区投资促进服务中心', '东昌府', '正在建设', '1.5', '2025.3.18'],
    ['2', '乙项目', '市发改委', '临清市', '已签约未开工', '2', '45736'],
    ['3', '丙项目', '临清市商务局', '阳谷', '洽谈中', '0.8', ''],
    ['4', '丁项目', '市工信局', '高新区', '已投产', '3', '2024年5月1日'],
  ];

  it('takes the county and stage columns by their brackets-and-all headers and their values, not 责任单位', () => {
    const profiles = profileColumns(rows, headers.length, judge);
    expect(profiles[0]).toMatchObject({ kind: 'serial' });
    expect(profiles[3]).toMatchObject({ kind: 'county', share: 1 });
    expect(profiles[4]).toMatchObject({ kind: 'stage', share: 1 });
    const m = autoMapping('project', headers, null, profiles);
    const by = Object.fromEntries(m.map((c) => [c.header, c]));
    expect(by['所在县（市、区）']).toMatchObject({ field: 'county', match: 'auto' });
    expect(by['项目进展']).toMatchObject({ field: 'stage', match: 'auto' });
    expect(by['责任单位'].field).toBeNull();
    expect(by['序号']).toMatchObject({ field: null, serial: true });
    expect(by['总投资（亿元）']).toMatchObject({ field: 'totalInvestment', unit: '亿元' });
    expect(mappingProblems('project', m)).toEqual([]);
  });

  it('proposes a field from values alone as a guess, and stops on a key column left out', () => {
    const bare = ['项目名称', '地方', '情况'];
    const data = [
      ['甲', '东昌府', '在建'],
      ['乙', '临清', '已签约'],
      ['丙', '阳谷县', '洽谈中'],
    ];
    const m = autoMapping('project', bare, null, profileColumns(data, 3, judge));
    expect(m[1]).toMatchObject({ field: 'county', match: 'guess' });
    expect(m[2]).toMatchObject({ field: 'stage', match: 'guess' });
    const edited = cleanMapping(
      'project',
      bare,
      [
        { col: 0, field: 'name' },
        { col: 1, field: null },
        { col: 2, field: 'stage' },
      ],
      m,
    );
    if ('error' in edited) throw new Error(edited.error);
    expect(mappingProblems('project', edited)).toEqual([
      { field: 'county', code: 'unmapped_key', col: 1, header: '地方' },
    ]);
    expect(
      mappingProblems(
        'project',
        edited.map((c) => ({ ...c, field: c.field === 'name' ? null : c.field })),
      ),
    ).toContainEqual({ field: 'name', code: 'required' });
  });

  it('makes a header whose values contradict it a guess', () => {
    const m = autoMapping(
      'project',
      ['项目名称', '进展情况'],
      null,
      profileColumns(
        [
          ['甲', '已完成主体施工，正在安装设备并调试生产线'],
          ['乙', '正在办理土地手续，预计下月完成挂牌'],
          ['丙', '双方多轮对接，已形成合作框架'],
        ],
        2,
        judge,
      ),
    );
    expect(m[1]).toMatchObject({ field: 'stage', match: 'guess' });
  });

  it("combines two-level headers and keeps the upper level's unit", () => {
    const top = ['序号', '项目名称', '投资额（亿元）', '', '所在县（市、区）'];
    const bottom = ['', '', '总投资', '其中：固定资产投资', ''];
    expect(combineHeaderRows(top, bottom)).toBeNull(); // "其中：" reads as a note, not a name
    const combined = combineHeaderRows(top, ['', '', '总投资', '固定资产投资', '']);
    expect(combined).toEqual([
      '序号',
      '项目名称',
      '投资额（亿元）/总投资',
      '投资额（亿元）/固定资产投资',
      '所在县（市、区）',
    ]);
    const m = autoMapping('project', combined!);
    expect(m.slice(2, 5).map((c) => [c.field, c.unit ?? null])).toEqual([
      ['totalInvestment', '亿元'],
      ['fixedAssetInvestment', '亿元'],
      ['county', null],
    ]);
    // A header row over data is no pair.
    expect(combineHeaderRows(top, ['1', '甲项目', '1.5', '1.2', '东昌府'])).toBeNull();
  });

  it('recognises the same layout whatever its spacing and bracket widths', () => {
    expect(headerKey(['所在县（市、区）', ' 项目名称 '])).toBe(headerKey(['所在县(市、区)', '项目名称']));
    expect(headerKey(['县区', '项目名称'])).not.toBe(headerKey(['项目名称', '县区']));
  });
});

describe('stage phrases', () => {
  it('reads what people write, without mistaking 已签约未开工 for 开工', () => {
    const said = [
      '洽谈中',
      '在谈',
      '已签约未开工',
      '已签约',
      '正在建设',
      '在建',
      '开工建设',
      '已竣工',
      '已投产',
      '达产',
      '已签约，正在办理手续',
    ];
    expect(said.map((x) => matchStage(x))).toEqual([
      'negotiating',
      'negotiating',
      'signed',
      'signed',
      'started',
      'started',
      'started',
      'producing',
      'producing',
      'at_capacity',
      'signed',
    ]);
    expect(matchStage('未开工')).toBeNull();
    expect(matchStage('项目很好')).toBeNull();
  });

  it('follows a table the city gives', () => {
    const table = new StagePhrases({
      ...DEFAULT_STAGE_PHRASES,
      started: [...DEFAULT_STAGE_PHRASES.started, '热火朝天'],
    });
    expect(matchStage('热火朝天', table)).toBe('started');
    expect(matchStage('热火朝天')).toBeNull();
  });
});

describe('messages in plain words', () => {
  it('states the amount bound as a clerk reads it, not as "1亿万元"', () => {
    const units = new UnitResolver([{ id: 1, name: '聊城市', shortName: null, kind: 'city', parentId: null }]);
    const ctx: ConvertContext = {
      entity: 'project',
      principal: { userId: 1, unitId: 1, role: 'bureau_staff', teamIds: [] },
      scopeAll: true,
      scopeUnitIds: new Set(),
      homeUnitIds: new Set(),
      countyUnits: units,
      anyUnits: units,
      clusters: [],
      usersByName: new Map(),
      homeDivision: '371500',
      today: '2025-06-01',
    };
    const r = convertRow(
      ctx,
      [
        { col: 0, header: '项目名称', field: 'name' },
        { col: 1, header: '总投资（亿元）', field: 'totalInvestment', unit: '亿元' },
      ],
      ['甲项目', '20000'],
    );
    const e = r.errors.find((x) => x.field === 'totalInvestment')!;
    expect(e.code).toBe('amount_out_of_range');
    expect(e.zh).toContain('不超过 1 万亿元');
    expect(e.zh).toContain('200000000.00 万元');
    expect(e.zh).not.toContain('亿万元');
  });
});
