import { describe, expect, it } from 'vitest';
import {
  computeWarnings,
  DEFAULT_WARNING_CONFIG,
  mergeWarningConfig,
  worstLevel,
  type WarningFacts,
} from './warnings.js';

const NOW = new Date('2025-06-15T04:00:00Z'); // 12:00 in 聊城
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const facts = (o: Partial<WarningFacts>): WarningFacts => ({
  stage: 'planning',
  lastProgressAt: null,
  stageChangedAt: daysAgo(1),
  plannedStartMonth: null,
  ...o,
});

describe('project warnings', () => {
  it("turns a project without progress yellow after the stage's days and red after twice as many", () => {
    expect(computeWarnings(facts({ stage: 'planning', stageChangedAt: daysAgo(44) }), NOW)).toEqual([]);
    expect(computeWarnings(facts({ stage: 'planning', stageChangedAt: daysAgo(45) }), NOW)).toEqual([
      { code: 'no_progress', level: 'yellow', days: 45 },
    ]);
    expect(computeWarnings(facts({ stage: 'planning', stageChangedAt: daysAgo(90) }), NOW)).toEqual([
      { code: 'no_progress', level: 'red', days: 90 },
    ]);
    expect(computeWarnings(facts({ stage: 'negotiating', stageChangedAt: daysAgo(30) }), NOW)[0].level).toBe('yellow');
    expect(computeWarnings(facts({ stage: 'signed', stageChangedAt: daysAgo(19) }), NOW)).toEqual([]);
    expect(computeWarnings(facts({ stage: 'signed', stageChangedAt: daysAgo(20) }), NOW)[0]).toMatchObject({
      code: 'no_progress',
      level: 'yellow',
    });
  });

  it('counts from the later of the last progress report and the last stage change', () => {
    expect(
      computeWarnings(facts({ stage: 'negotiating', stageChangedAt: daysAgo(100), lastProgressAt: daysAgo(5) }), NOW),
    ).toEqual([]);
    expect(
      computeWarnings(facts({ stage: 'negotiating', stageChangedAt: daysAgo(3), lastProgressAt: daysAgo(200) }), NOW),
    ).toEqual([]);
  });

  it('does not warn about progress in stages without a limit', () => {
    expect(computeWarnings(facts({ stage: 'producing', stageChangedAt: daysAgo(400) }), NOW)).toEqual([]);
    expect(computeWarnings(facts({ stage: 'terminated', stageChangedAt: daysAgo(400) }), NOW)).toEqual([]);
  });

  it('warns about a signed project not started by its planned month: yellow the month after, red three months late', () => {
    const signed = (m: string) =>
      computeWarnings(facts({ stage: 'signed', plannedStartMonth: m }), NOW).filter((w) => w.code === 'late_start');
    expect(signed('2025-06-01')).toEqual([]);
    expect(signed('2025-08-01')).toEqual([]);
    expect(signed('2025-05-01')).toEqual([{ code: 'late_start', level: 'yellow', months: 1 }]);
    expect(signed('2025-04-01')).toEqual([{ code: 'late_start', level: 'yellow', months: 2 }]);
    expect(signed('2025-03-01')).toEqual([{ code: 'late_start', level: 'red', months: 3 }]);
    expect(signed('2024-12-01')[0].level).toBe('red');
    // registered but not started is still late; started is not
    expect(computeWarnings(facts({ stage: 'registered', plannedStartMonth: '2025-05-01' }), NOW)).toEqual([
      { code: 'late_start', level: 'yellow', months: 1 },
    ]);
    expect(computeWarnings(facts({ stage: 'started', plannedStartMonth: '2024-01-01' }), NOW)).toEqual([]);
  });

  it('uses the month in Asia/Shanghai', () => {
    // 2025-06-30T17:00Z is already 1 July in 聊城: a June plan is then one month late.
    const late = computeWarnings(
      facts({ stage: 'signed', plannedStartMonth: '2025-06-01' }),
      new Date('2025-06-30T17:00:00Z'),
    );
    expect(late).toEqual([expect.objectContaining({ code: 'late_start', level: 'yellow' })]);
    expect(
      computeWarnings(
        facts({ stage: 'signed', plannedStartMonth: '2025-06-01' }),
        new Date('2025-06-30T15:00:00Z'),
      ).filter((w) => w.code === 'late_start'),
    ).toEqual([]);
  });

  it('takes thresholds from the settings, keeping defaults for what is not set', () => {
    const cfg = mergeWarningConfig({ noProgressDays: { planning: 10 }, redMultiplier: 3 });
    expect(cfg.noProgressDays).toEqual({ planning: 10, negotiating: 30, signed: 20 });
    expect(computeWarnings(facts({ stage: 'planning', stageChangedAt: daysAgo(25) }), NOW, cfg)[0].level).toBe(
      'yellow',
    );
    expect(computeWarnings(facts({ stage: 'planning', stageChangedAt: daysAgo(30) }), NOW, cfg)[0].level).toBe('red');
    expect(mergeWarningConfig(null)).toEqual(DEFAULT_WARNING_CONFIG);
  });

  it('reports the worst level', () => {
    expect(worstLevel([])).toBeNull();
    expect(
      worstLevel([
        { code: 'late_start', level: 'yellow' },
        { code: 'no_progress', level: 'red' },
      ]),
    ).toBe('red');
  });
});
