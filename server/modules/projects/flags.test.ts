import { describe, expect, it } from 'vitest';
import { capitalOriginOf, computeFlags, DEFAULT_FLAG_CONFIG, type FlagInput } from './flags.js';

const base: FlagInput = {
  totalInvestment: null,
  foreignCapital: null,
  industryCode: null,
  clusterCategory: null,
  investor: null,
};
const investor = (o: Partial<NonNullable<FlagInput['investor']>>) => ({
  tiers: [],
  ownership: null,
  hqDivision: null,
  ...o,
});

describe('project flags', () => {
  it('marks 亿元以上 from 10000 万元 and 10亿以上 from 100000 万元, exactly at the threshold', () => {
    expect(computeFlags({ ...base, totalInvestment: '9999.99' })).toEqual([]);
    expect(computeFlags({ ...base, totalInvestment: '10000' })).toEqual(['over_100m']);
    expect(computeFlags({ ...base, totalInvestment: '99999.99' })).toEqual(['over_100m']);
    expect(computeFlags({ ...base, totalInvestment: '100000.00' })).toEqual(['over_100m', 'over_1b']);
  });

  it('takes 500强 and 央企 from the investor, never from the project', () => {
    expect(computeFlags({ ...base, investor: investor({ tiers: ['fortune500'] }) })).toContain('fortune500');
    expect(computeFlags({ ...base, investor: investor({ tiers: ['china500'] }) })).toContain('china500');
    expect(computeFlags({ ...base, investor: investor({ ownership: 'soe_central' }) })).toContain('central_soe');
    expect(computeFlags({ ...base, investor: investor({ ownership: 'private', tiers: ['listed'] }) })).toEqual([]);
  });

  it('marks 外资 from foreign capital or a foreign / HK-Macao-Taiwan investor', () => {
    expect(computeFlags({ ...base, foreignCapital: '0.00' })).not.toContain('foreign');
    expect(computeFlags({ ...base, foreignCapital: '500' })).toContain('foreign');
    expect(computeFlags({ ...base, investor: investor({ ownership: 'hmt' }) })).toContain('foreign');
    expect(computeFlags({ ...base, investor: investor({ ownership: 'foreign' }) })).toContain('foreign');
  });

  it("derives out-of-city and out-of-province capital from the investor's headquarters", () => {
    expect(capitalOriginOf(investor({ hqDivision: '371502' }))).toBe('local_city');
    expect(capitalOriginOf(investor({ hqDivision: '370102' }))).toBe('in_province');
    expect(capitalOriginOf(investor({ hqDivision: '320500' }))).toBe('out_province');
    expect(capitalOriginOf(investor({ hqCountry: 'DE' }))).toBe('abroad');
    expect(capitalOriginOf(investor({}))).toBeNull();
    expect(computeFlags({ ...base, investor: investor({ hqDivision: '371502' }) })).toEqual([]);
    expect(computeFlags({ ...base, investor: investor({ hqDivision: '370102' }) })).toEqual(['out_of_city']);
    expect(computeFlags({ ...base, investor: investor({ hqDivision: '110105' }) })).toEqual([
      'out_of_city',
      'out_of_province',
    ]);
    // Without an investor, the origin the project names is used.
    expect(computeFlags({ ...base, capitalOrigin: 'out_province' })).toEqual(['out_of_city', 'out_of_province']);
    // With an investor, the typed origin is ignored.
    expect(
      computeFlags({ ...base, capitalOrigin: 'out_province', investor: investor({ hqDivision: '371502' }) }),
    ).toEqual([]);
  });

  it('marks advanced manufacturing for the configured divisions only', () => {
    expect(computeFlags({ ...base, industryCode: 'C3461' })).toContain('advanced_manufacturing');
    expect(computeFlags({ ...base, industryCode: 'C40' })).toContain('advanced_manufacturing');
    expect(computeFlags({ ...base, industryCode: 'C26' })).not.toContain('advanced_manufacturing');
    expect(computeFlags({ ...base, industryCode: 'C' })).not.toContain('advanced_manufacturing');
    expect(
      computeFlags(
        { ...base, industryCode: 'C26' },
        { ...DEFAULT_FLAG_CONFIG, advancedManufacturingDivisions: ['26'] },
      ),
    ).toContain('advanced_manufacturing');
  });

  it('marks 战略性新兴产业 and 四新 from the cluster, and 四新 from the digital and research divisions', () => {
    expect(computeFlags({ ...base, clusterCategory: 'emerging' })).toEqual(['strategic_emerging', 'four_new']);
    expect(computeFlags({ ...base, clusterCategory: 'traditional' })).toEqual([]);
    expect(computeFlags({ ...base, industryCode: 'I6510' })).toEqual(['four_new']);
    expect(computeFlags({ ...base, industryCode: 'M73' })).toEqual(['four_new']);
    expect(computeFlags({ ...base, industryCode: 'L72' })).toEqual([]);
  });

  it('lists flags in a stable order', () => {
    const all = computeFlags({
      totalInvestment: '250000',
      foreignCapital: '100',
      industryCode: 'C36',
      clusterCategory: 'emerging',
      investor: investor({ tiers: ['fortune500', 'china500'], ownership: 'soe_central', hqDivision: '110000' }),
    });
    expect(all).toEqual([
      'over_100m',
      'over_1b',
      'fortune500',
      'china500',
      'central_soe',
      'foreign',
      'out_of_city',
      'out_of_province',
      'advanced_manufacturing',
      'strategic_emerging',
      'four_new',
    ]);
  });
});
