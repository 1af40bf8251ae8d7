// Annual investment plan and monthly completion / funds in place (万元) of one project, one year at a time.
import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Select, Space, Table, Typography } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError, toast } from '../shell/feedback';
import { formatAmount } from './format';
import type { InvestmentYear, Project } from './types';

type Row = { month: number; planned: string; completed: string; fundsInPlace: string };
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const AMOUNT = /^\d{0,9}(\.\d{0,2})?$/;

export function InvestmentPanel({
  project,
  canWrite,
  onChanged,
}: {
  project: Project;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [years, setYears] = useState<InvestmentYear[]>([]);
  const [year, setYear] = useState(thisYear);
  const [planned, setPlanned] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      setYears((await api.get<{ years: InvestmentYear[] }>(`/api/projects/${project.id}/investments`)).years);
    } catch (e) {
      reportError(e);
    }
  }, [project.id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const y = years.find((x) => x.year === year);
    setPlanned(y?.planned ?? '');
    setRows(
      MONTHS.map((m) => {
        const r = y?.months.find((x) => x.month === m);
        return {
          month: m,
          planned: r?.planned ?? '',
          completed: r?.completed ?? '',
          fundsInPlace: r?.fundsInPlace ?? '',
        };
      }),
    );
  }, [years, year]);

  const edit = (month: number, k: keyof Omit<Row, 'month'>, v: string) => {
    if (!AMOUNT.test(v)) return;
    setRows((rs) => rs.map((r) => (r.month === month ? { ...r, [k]: v } : r)));
  };
  const save = async () => {
    setSaving(true);
    try {
      const r = await api.put<{ years: InvestmentYear[] }>(`/api/projects/${project.id}/investments/${year}`, {
        planned: planned || null,
        version: project.version,
        months: rows
          .filter((x) => x.planned || x.completed || x.fundsInPlace)
          .map((x) => ({
            month: x.month,
            planned: x.planned || null,
            completed: x.completed || null,
            fundsInPlace: x.fundsInPlace || null,
          })),
      });
      setYears(r.years);
      toast('success', t('common.saved'));
      onChanged();
    } catch (e) {
      reportError(e, { onConflict: onChanged });
    } finally {
      setSaving(false);
    }
  };

  const cell = (k: keyof Omit<Row, 'month'>) => (v: string, r: Row) =>
    canWrite ? (
      <Input
        size="small"
        value={v}
        inputMode="decimal"
        suffix={t('unit.wan')}
        onChange={(e) => edit(r.month, k, e.target.value)}
        style={{ width: 150 }}
      />
    ) : (
      (formatAmount(v || null, t) ?? t('common.empty'))
    );
  const current = years.find((x) => x.year === year);
  const yearOptions = [...new Set([...years.map((y) => y.year), thisYear - 1, thisYear, thisYear + 1])]
    .sort()
    .map((y) => ({ value: y, label: String(y) }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="investments">
      <Space wrap>
        <Select value={year} options={yearOptions} onChange={setYear} style={{ width: 100 }} />
        <Typography.Text>{t('projects.invest.yearPlan')}</Typography.Text>
        {canWrite ? (
          <Input
            value={planned}
            onChange={(e) => AMOUNT.test(e.target.value) && setPlanned(e.target.value)}
            suffix={t('unit.wan')}
            style={{ width: 180 }}
            inputMode="decimal"
          />
        ) : (
          <Typography.Text strong>{formatAmount(planned || null, t) ?? t('common.empty')}</Typography.Text>
        )}
        {current && (
          <Typography.Text type="secondary">
            {t('projects.invest.totals', {
              completed: formatAmount(current.completedTotal, t) ?? '0',
              funds: formatAmount(current.fundsInPlaceTotal, t) ?? '0',
            })}
          </Typography.Text>
        )}
        {canWrite && (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="investments-save">
            {t('common.save')}
          </Button>
        )}
      </Space>
      <Table<Row>
        rowKey="month"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('projects.invest.month'),
            dataIndex: 'month',
            key: 'month',
            width: 80,
            render: (m: number) => t('projects.invest.monthN', { m }),
          },
          { title: t('projects.invest.planned'), dataIndex: 'planned', key: 'planned', render: cell('planned') },
          {
            title: t('projects.invest.completed'),
            dataIndex: 'completed',
            key: 'completed',
            render: cell('completed'),
          },
          {
            title: t('projects.invest.fundsInPlace'),
            dataIndex: 'fundsInPlace',
            key: 'fundsInPlace',
            render: cell('fundsInPlace'),
          },
        ]}
      />
    </Space>
  );
}
