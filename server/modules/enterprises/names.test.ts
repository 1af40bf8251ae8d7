import { describe, expect, it } from 'vitest';
import { isUSCC } from '../../core/validators.js';
import { nameSimilarity, tradeNameOf } from './names.js';
import { makeUSCC, usccCheckChar } from './uscc.js';

describe('the 字号 of an enterprise name', () => {
  it('drops the region prefix, the industry words and the organisation form', () => {
    expect(tradeNameOf('苏州恒创新材料科技有限公司')).toBe('恒创');
    expect(tradeNameOf('山东聊城恒创新材料有限公司')).toBe('恒创');
    expect(tradeNameOf('北京恒创科技股份有限公司')).toBe('恒创');
    expect(tradeNameOf('宁波甬达汽车零部件有限公司')).toBe('甬达');
    expect(tradeNameOf('山东凤祥股份有限公司')).toBe('凤祥');
  });
  it('ignores text in brackets', () => {
    expect(tradeNameOf('聊城市鲁西化工集团（东阿）有限公司')).toBe('鲁西');
    expect(tradeNameOf('恒创新材料(苏州)有限公司')).toBe('恒创');
  });
  it('keeps a 字号 that looks like a region or an industry word', () => {
    expect(tradeNameOf('东方电气集团有限公司')).toBe('东方');
    expect(tradeNameOf('上海浦江智能装备有限公司')).toBe('浦江');
  });
  it('never answers an empty string', () => {
    expect(tradeNameOf('聊城市有限公司')).toBe('聊城市');
    expect(tradeNameOf('恒创')).toBe('恒创');
  });
});

describe('name similarity', () => {
  it('ranks the same 字号 above a shared industry', () => {
    const same = nameSimilarity('苏州恒创新材料科技有限公司', '山东聊城恒创新材料有限公司');
    const industryOnly = nameSimilarity('苏州恒创新材料科技有限公司', '苏州瑞驰新材料科技有限公司');
    const unrelated = nameSimilarity('苏州恒创新材料科技有限公司', '临清市瑞驰轴承有限公司');
    expect(same).toBeGreaterThan(industryOnly);
    expect(industryOnly).toBeGreaterThan(unrelated);
    expect(same).toBeGreaterThanOrEqual(0.6);
    expect(unrelated).toBeLessThan(0.4);
  });
  it('gives 1 for the same name written with other brackets or spaces', () => {
    expect(nameSimilarity('恒创新材料（苏州）有限公司', '恒创新材料 (无锡) 有限公司')).toBe(1);
  });
});

describe('generated credit codes', () => {
  it('pass the GB 32100 check and differ by number', () => {
    const codes = Array.from({ length: 50 }, (_, i) => makeUSCC('371502', i));
    for (const c of codes) expect(isUSCC(c), c).toBe(true);
    expect(new Set(codes).size).toBe(50);
  });
  it('fail when one character changes', () => {
    const c = makeUSCC('320505', 7);
    const wrong = c.slice(0, 17) + (c[17] === '0' ? '1' : '0');
    expect(isUSCC(wrong)).toBe(false);
    expect(usccCheckChar(c.slice(0, 17))).toBe(c[17]);
  });
});
