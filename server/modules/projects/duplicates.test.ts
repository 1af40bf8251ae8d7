import { describe, expect, it } from 'vitest';
import { amountsClose, duplicateReasons, nameBigrams, similarNames } from './duplicates.js';

const cand = {
  id: 1,
  name: '年产5万吨高性能锂电池隔膜项目',
  code: 'LC-2025-001',
  registeredUscc: null,
  enterpriseId: 7,
  investorName: null,
  totalInvestment: '150000.00',
};

describe('duplicate rules', () => {
  it('strips numbers and boilerplate words before comparing names', () => {
    expect([...nameBigrams('年产5万吨项目')]).toEqual([]);
    expect(nameBigrams('年产5万吨高性能锂电池隔膜项目').has('锂电')).toBe(true);
  });

  it('finds similar names by two shared pairs', () => {
    expect(similarNames('年产5万吨高性能锂电池隔膜项目', '高性能锂电池隔膜二期扩建项目')).toBe(true);
    expect(similarNames('年产10万吨锂电池隔膜项目', '年产3万吨隔膜项目')).toBe(false); // only 隔膜
    expect(similarNames('新能源汽车电机项目', '年产20万吨高端轴承项目')).toBe(false);
  });

  it('compares amounts within 10% of the larger one, exactly', () => {
    expect(amountsClose('100000', '90000')).toBe(true);
    expect(amountsClose('100000', '89999.99')).toBe(false);
    expect(amountsClose('100000', null)).toBe(false);
    expect(amountsClose('0', '0')).toBe(false);
  });

  it('names every reason that applies', () => {
    expect(duplicateReasons({ code: 'lc-2025-001', name: '别的' }, cand)).toEqual(['code']);
    expect(
      duplicateReasons({ enterpriseId: 7, name: '高性能锂电池隔膜扩建', totalInvestment: '140000' }, cand),
    ).toEqual(['similar_name', 'amount']);
    expect(
      duplicateReasons({ enterpriseId: 8, name: '高性能锂电池隔膜扩建', totalInvestment: '150000' }, cand),
    ).toEqual([]);
    expect(duplicateReasons({ id: 1, code: 'LC-2025-001' }, cand)).toEqual([]);
    expect(
      duplicateReasons({ registeredUscc: '91371500MA3C0000X1' }, { ...cand, registeredUscc: '91371500MA3C0000X1' }),
    ).toEqual(['uscc']);
    expect(
      duplicateReasons(
        { investorName: '某某集团', name: '锂电池隔膜', totalInvestment: '1' },
        { ...cand, enterpriseId: null, investorName: '某某集团' },
      ),
    ).toEqual(['similar_name']);
    // A typed investor name matches the library name of the candidate's investor.
    expect(
      duplicateReasons(
        { investorName: '苏州恒创新材料科技有限公司', name: '高性能锂电池隔膜', totalInvestment: '150000' },
        { ...cand, enterpriseName: '苏州恒创新材料科技有限公司' },
      ),
    ).toEqual(['similar_name', 'amount']);
  });
});
