// 目标清单 and 进度: the bureau sets yearly targets (split into quarters or months) and multi-year goals; everyone
// sees progress computed from the records, year to date, and each figure opens the records behind it.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, DatePicker, Drawer, Popconfirm, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { useRemote } from '../shell/useRemote';
import { currentMonth, formatFigure, indicatorLabel } from './format';
import { TargetFormDrawer } from './TargetFormDrawer';
import type { FigureRecords, Indicator, Progress, Target } from './types';

export default function TargetsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [period, setPeriod] = useState(currentMonth());
  const [group, setGroup] = useState<'counties' | 'teams'>('counties');
  const [editing, setEditing] = useState<Target | null | undefined>(undefined);
  const [drill, setDrill] = useState<{ subjectId: number; subjectName: string; indicator: string } | null>(null);
  const [records, setRecords] = useState<FigureRecords | null>(null);
  const indicators = useRemote<{ items: Indicator[] }>('/api/targets/indicators', {}, { items: [] }).data.items;
  const byKey = useMemo(() => new Map(indicators.map((i) => [i.key, i])), [indicators]);
  const targets = useRemote<{ items: Target[] }>('/api/targets', { year: period.year }, { items: [] });
  const progress = useRemote<Progress | null>('/api/targets/progress', { ...period, group }, null);
  const cumulative = useRemote<{ items: (Target & { actual: string })[] }>('/api/targets/cumulative', period, {
    items: [],
  });

  const openRecords = async (subjectId: number, subjectName: string, indicator: string) => {
    setDrill({ subjectId, subjectName, indicator });
    setRecords(null);
    try {
      setRecords(
        await api.get<FigureRecords>('/api/targets/progress/records', { ...period, group, subjectId, indicator }),
      );
    } catch (e) {
      reportError(e);
    }
  };

  const withdraw = async (x: Target) => {
    try {
      await api.del(`/api/targets/${x.id}?version=${x.version}`);
      toast('success', t('common.deleted'));
      void targets.load();
    } catch (e) {
      reportError(e);
    }
  };

  const targetColumns: TableColumnsType<Target> = [
    { title: t('targets.subject'), key: 'subject', render: (_, x) => x.teamName ?? x.ownerUnitName },
    {
      title: t('targets.indicator'),
      key: 'indicator',
      render: (_, x) => indicatorLabel(byKey.get(x.indicator), lang, x.indicator),
    },
    {
      title: t('targets.years'),
      key: 'years',
      width: 110,
      render: (_, x) => (x.endYear > x.startYear ? `${x.startYear}–${x.endYear}` : x.startYear),
    },
    {
      title: t('targets.annual'),
      key: 'annual',
      render: (_, x) => formatFigure(x.annual, byKey.get(x.indicator)?.unit, t),
    },
    {
      title: t('targets.split'),
      key: 'split',
      render: (_, x) =>
        x.months ? (
          <Tag>{t('targets.split.months')}</Tag>
        ) : x.quarters ? (
          <Typography.Text type="secondary">{x.quarters.join(' / ')}</Typography.Text>
        ) : (
          t('common.empty')
        ),
    },
    ...(can('targets.manage')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, x: Target) => (
              <Space>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(x)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('targets.withdrawConfirm')} onConfirm={() => void withdraw(x)}>
                  <Button type="link" size="small" style={{ padding: 0 }}>
                    {t('targets.withdraw')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const shown = progress.data?.indicators ?? [];
  const progressColumns: TableColumnsType<Progress['rows'][number]> = [
    {
      title: group === 'teams' ? t('targets.team') : t('targets.unit'),
      dataIndex: 'subjectName',
      key: 'name',
      fixed: 'left',
      width: 120,
    },
    ...shown.map((i) => ({
      title: indicatorLabel(i, lang, i.key),
      key: i.key,
      width: 150,
      render: (_: unknown, row: Progress['rows'][number]) => {
        const f = row.figures.find((x) => x.indicator === i.key)!;
        return (
          <Space orientation="vertical" size={0}>
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              data-testid={`figure-${row.subjectId}-${i.key}`}
              onClick={() => void openRecords(row.subjectId, row.subjectName, i.key)}
            >
              {formatFigure(f.value, i.unit, t)}
            </Button>
            {f.targetToDate != null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('targets.toDate', { v: formatFigure(f.targetToDate, i.unit, t) })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    })),
  ];

  const monthPicker = (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${period.year}-${String(period.month).padStart(2, '0')}-01`)}
      onChange={(d) => d && setPeriod({ year: d.year(), month: d.month() + 1 })}
    />
  );

  return (
    <Card
      title={t('targets.title')}
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            void targets.load();
            void progress.load();
          }}
        >
          {t('common.refresh')}
        </Button>
      }
    >
      <Tabs
        items={[
          {
            key: 'progress',
            label: t('targets.tab.progress'),
            children: (
              <>
                <div className="magnet-toolbar">
                  {monthPicker}
                  <Segmented
                    value={group}
                    onChange={(v) => setGroup(v as 'counties' | 'teams')}
                    options={[
                      { value: 'counties', label: t('targets.group.counties') },
                      { value: 'teams', label: t('targets.group.teams') },
                    ]}
                  />
                  <Typography.Text type="secondary">
                    {t('targets.progressHint', { from: progress.data?.from ?? '', to: progress.data?.to ?? '' })}
                  </Typography.Text>
                </div>
                <Table
                  data-testid="progress-table"
                  rowKey="subjectId"
                  size="small"
                  loading={progress.loading}
                  columns={progressColumns}
                  dataSource={progress.data?.rows ?? []}
                  pagination={false}
                  scroll={{ x: 1400 }}
                />
                {cumulative.data.items.length > 0 && (
                  <Card size="small" title={t('targets.cumulative')} style={{ marginTop: 16 }}>
                    {cumulative.data.items.map((g) => (
                      <div key={g.id}>
                        {g.ownerUnitName} · {indicatorLabel(byKey.get(g.indicator), lang, g.indicator)} · {g.startYear}–
                        {g.endYear}：
                        {t('targets.cumulativeLine', {
                          actual: formatFigure(g.actual, byKey.get(g.indicator)?.unit, t),
                          goal: formatFigure(g.annual, byKey.get(g.indicator)?.unit, t),
                        })}
                        {g.note ? <Typography.Text type="secondary">（{g.note}）</Typography.Text> : null}
                      </div>
                    ))}
                  </Card>
                )}
              </>
            ),
          },
          {
            key: 'targets',
            label: t('targets.tab.targets'),
            children: (
              <>
                <div className="magnet-toolbar">
                  {monthPicker}
                  {can('targets.manage') && (
                    <Button
                      type="primary"
                      icon={<PlusOutlined />}
                      onClick={() => setEditing(null)}
                      data-testid="target-create"
                    >
                      {t('targets.create')}
                    </Button>
                  )}
                </div>
                <Table<Target>
                  data-testid="targets-table"
                  rowKey="id"
                  size="middle"
                  loading={targets.loading}
                  columns={targetColumns}
                  dataSource={targets.data.items}
                  pagination={{ pageSize: 50 }}
                  scroll={{ x: 900 }}
                />
              </>
            ),
          },
        ]}
      />
      <TargetFormDrawer
        open={editing !== undefined}
        target={editing ?? null}
        year={period.year}
        indicators={indicators}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void targets.load();
          void progress.load();
        }}
      />
      <Drawer
        open={!!drill}
        onClose={() => setDrill(null)}
        size={720}
        data-testid="figure-records"
        title={
          drill ? `${drill.subjectName} · ${indicatorLabel(byKey.get(drill.indicator), lang, drill.indicator)}` : ''
        }
      >
        {records && (
          <>
            <Typography.Paragraph>
              {t('targets.records.value', {
                v: formatFigure(records.value, byKey.get(records.indicator)?.unit, t),
                n: records.items.length,
              })}
              {records.base != null
                ? ` ${t('targets.records.rate', { num: records.numerator ?? 0, base: records.base })}`
                : ''}
            </Typography.Paragraph>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={records.items}
              scroll={{ x: 640 }}
              columns={[
                {
                  title: t('targets.records.project'),
                  key: 'name',
                  render: (_, r) => (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0 }}
                      onClick={() => navigate(`/projects/${r.id}`)}
                    >
                      {r.name}
                    </Button>
                  ),
                },
                { title: t('targets.records.signedOn'), dataIndex: 'signedOn', key: 'signedOn', width: 110 },
                {
                  title: t('targets.records.startedOn'),
                  dataIndex: 'startedOn',
                  key: 'startedOn',
                  width: 110,
                  render: (s) => s ?? t('common.empty'),
                },
                {
                  title: t('targets.records.amount'),
                  key: 'amount',
                  width: 120,
                  render: (_, r) => formatFigure(r.amount, 'wan_yuan', t),
                },
              ]}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}
