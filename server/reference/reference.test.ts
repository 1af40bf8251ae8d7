import { describe, expect, it } from 'vitest';
import { divisionName, findDivisionByName, isDivisionCode, regionGroupOf } from './divisions.js';
import { industryName, isManufacturing, normalizeIndustryCode } from './industries.js';

describe('GB/T 2260 divisions', () => {
  it('knows the demo city and refuses unknown codes', () => {
    expect(isDivisionCode('371502')).toBe(true);
    expect(isDivisionCode('371599')).toBe(false);
    expect(divisionName('371502')).toBe('山东省 聊城市 东昌府区');
    expect(findDivisionByName('东昌府区')).toBe('371502');
  });
  it('groups headquarters into regions', () => {
    expect(regionGroupOf('110105', '371500')).toBe('jjj');
    expect(regionGroupOf('320505', '371500')).toBe('yrd');
    expect(regionGroupOf('440305', '371500')).toBe('prd');
    expect(regionGroupOf('440500', '371500')).toBe('other'); // 汕头 is in Guangdong but not the delta
    expect(regionGroupOf('370102', '371500')).toBe('in_province');
    expect(regionGroupOf('371502', '371500')).toBe('local');
    expect(regionGroupOf(null, '371500', true)).toBe('abroad');
  });
});

describe('GB/T 4754 industries', () => {
  it('normalizes and validates codes', () => {
    expect(normalizeIndustryCode('c2614')).toBe('C2614');
    expect(normalizeIndustryCode('2614')).toBe('C2614');
    expect(normalizeIndustryCode('A26')).toBe(null); // 26 is in section C
    expect(normalizeIndustryCode('C99')).toBe(null);
    expect(industryName('C2614')).toBe('制造业 / 化学原料和化学制品制造业');
    expect(isManufacturing('C36')).toBe(true);
    expect(isManufacturing('K70')).toBe(false);
  });
});
