// 考核排名: the frozen monthly runs of a scheme. The bureau runs the month (or runs it again, with a reason),
// publishes the ranking to the units and downloads the bulletin; every score opens its formula and records.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, FileWordOutlined, FlagFilled, PlayCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatAmount } from '../../lib/amounts';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { useRemote } from '../shell/useRemote';
import { currentMonth } from '../targets/format';
import type { Run, RunRecords, RunSummary, Scheme, UnitResult } from './types';

export default function RankingPage() {
  const { t, tk } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const manage = can('assessment.manage');
  const [year, setYear] = useState(currentMonth().year);
  const schemes = useRemote<{ items: Scheme[] }>('/api/assessment/schemes', { year }, { items: [] }).data.items;
  const [schemeId, setSchemeId] = useState<number>();
  const scheme = schemes.find((s) => s.id === schemeId) ?? schemes[0];
  const runs = useRemote<{ items: RunSummary[] }>('/api/assessment/runs', { schemeId: scheme?.id }, { items: [] });
  const [runId, setRunId] = useState<number>();
  const [run, setRun] = useState<Run | null>(null);
  const [month, setMonth] = useState(dayjs());
  const [busy, setBusy] = useState(false);
  const [rerun, setRerun] = useState<{ open: boolean; reason: string }>({ open: false, reason: '' });
  const [cell, setCell] = useState<{ unit: UnitResult; key: string } | null>(null);
  const [records, setRecords] = useState<RunRecords | null>(null);

  const shownRunId = runId && runs.data.items.some((r) => r.id === runId) ? runId : runs.data.items[0]?.id;
  useEffect(() => {
    if (!shownRunId) {
      setRun(null);
      return;
    }
    api
      .get<Run>(`/api/assessment/runs/${shownRunId}`)
      .then(setRun)
      .catch((e) => {
        setRun(null);
        reportError(e);
      });
  }, [shownRunId]);

  const period = month.format('YYYY-MM');
  const start = async (again: boolean) => {
    if (!scheme) return;
    setBusy(true);
    try {
      const r = await api.post<Run>('/api/assessment/runs', {
        schemeId: scheme.id,
        period,
        ...(again ? { rerun: true, reason: rerun.reason } : {}),
      });
      toast('success', t('assessment.runDone'));
      setRerun({ open: false, reason: '' });
      setRunId(r.id);
      setRun(r);
      void runs.load();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const publish = async (on: boolean) => {
    if (!run) return;
    try {
      setRun(await api.post<Run>(`/api/assessment/runs/${run.id}/publish`, { level: on ? 'ranking' : 'none' }));
    } catch (e) {
      reportError(e);
    }
  };

  // A plain link: the browser downloads the server's answer itself (no script-made file), so the download is
  // never blocked for having started too long after the click.
  const bulletin = (format: 'docx' | 'xlsx') => {
    if (!run) return;
    const a = document.createElement('a');
    a.href = `/api/assessment/runs/${run.id}/bulletin.${format}`;
    a.download = '';
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  const openCell = async (unit: UnitResult, key: string) => {
    if (!run) return;
    setCell({ unit, key });
    setRecords(null);
    try {
      setRecords(
        await api.get<RunRecords>(`/api/assessment/runs/${run.id}/records`, {
          subjectId: unit.subjectId,
          itemKey: key,
        }),
      );
    } catch (e) {
      reportError(e);
    }
  };

  const items = run?.scheme.items ?? [];
  const columns: TableColumnsType<UnitResult> = [
    { title: t('assessment.rank'), dataIndex: 'rank', key: 'rank', width: 64, fixed: 'left' as const },
    {
      title: t('assessment.unit'),
      key: 'name',
      width: 140,
      fixed: 'left' as const,
      render: (_: unknown, u: UnitResult) => (
        <Space size={4}>
          {u.flag && <FlagFilled style={{ color: '#d4380d' }} title={t('assessment.flag')} />}
          <span>{u.name}</span>
        </Space>
      ),
    },
    {
      title: t('assessment.total'),
      dataIndex: 'total',
      key: 'total',
      width: 80,
      render: (s: string) => <b data-testid="total">{s}</b>,
    },
    {
      title: t('assessment.change'),
      key: 'change',
      width: 80,
      render: (_: unknown, u: UnitResult) =>
        u.change == null ? (
          t('common.empty')
        ) : u.change > 0 ? (
          <Tag color="green">↑{u.change}</Tag>
        ) : u.change < 0 ? (
          <Tag color="red">↓{-u.change}</Tag>
        ) : (
          '—'
        ),
    },
    ...items.map((it) => ({
      title: `${it.label}（${it.weight === '0.00' ? t('assessment.plusMinus') : it.weight}）`,
      key: it.key,
      width: 120,
      render: (_: unknown, u: UnitResult) => {
        const r = u.items.find((x) => x.key === it.key);
        return r ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            data-testid={`score-${u.subjectId}-${it.key}`}
            onClick={() => void openCell(u, it.key)}
          >
            {r.score}
          </Button>
        ) : (
          t('common.empty')
        );
      },
    })),
    {
      title: t('assessment.status'),
      key: 'status',
      width: 160,
      render: (_: unknown, u: UnitResult) => (
        <Space size={4} wrap>
          {u.red && <Tag color="red">{t('assessment.red')}</Tag>}
          {u.summoned && (
            <Tag color="volcano">{tk(`assessment.summons.${u.summonsReason}`, t('assessment.summoned'))}</Tag>
          )}
        </Space>
      ),
    },
  ];

  const item = cell?.unit.items.find((x) => x.key === cell.key);
  return (
    <Card title={t('assessment.title')}>
      <div className="magnet-toolbar">
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(d) => d && setYear(d.year())}
        />
        <Select
          style={{ minWidth: 240 }}
          value={scheme?.id}
          placeholder={t('assessment.scheme')}
          onChange={setSchemeId}
          options={schemes.map((s) => ({
            value: s.id,
            label: `${s.name}${s.status === 'published' ? '' : `（${t('assessment.draft')}）`}`,
          }))}
        />
        <Select
          style={{ minWidth: 200 }}
          value={shownRunId}
          placeholder={t('assessment.noRun')}
          onChange={setRunId}
          data-testid="run-select"
          options={runs.data.items.map((r) => ({
            value: r.id,
            label: t('assessment.runLabel', { period: r.period, seq: r.seq }),
          }))}
        />
      </div>
      {manage && scheme && (
        <div className="magnet-toolbar">
          <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d)} />
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={busy}
            onClick={() => void start(false)}
            data-testid="run-month"
          >
            {t('assessment.run')}
          </Button>
          <Button onClick={() => setRerun({ open: true, reason: '' })}>{t('assessment.rerun')}</Button>
          {run && (
            <>
              <Space>
                <Switch checked={run.publishLevel === 'ranking'} onChange={(v) => void publish(v)} />
                {t('assessment.publish')}
              </Space>
              <Button icon={<FileWordOutlined />} onClick={() => bulletin('docx')} data-testid="bulletin-docx">
                {t('assessment.bulletinDocx')}
              </Button>
              <Button icon={<FileExcelOutlined />} onClick={() => bulletin('xlsx')}>
                {t('assessment.bulletinXlsx')}
              </Button>
            </>
          )}
        </div>
      )}
      {run && (
        <>
          {run.integrity === 'tampered' && (
            <Alert type="error" showIcon title={t('assessment.tampered')} style={{ marginBottom: 12 }} />
          )}
          <Typography.Paragraph type="secondary">
            {t('assessment.runInfo', {
              from: run.from,
              to: run.to,
              seq: run.seq,
              by: run.createdByName ?? '',
              hash: run.hash.slice(0, 12),
            })}
            {run.reason ? ` ${t('assessment.reason')}：${run.reason}` : ''}
          </Typography.Paragraph>
          <Table<UnitResult>
            data-testid="ranking-table"
            rowKey="subjectId"
            size="small"
            columns={columns}
            dataSource={run.units}
            pagination={false}
            scroll={{ x: 1300 }}
          />
        </>
      )}
      {!run && <Typography.Paragraph type="secondary">{t('assessment.noRunYet')}</Typography.Paragraph>}
      <Modal
        open={rerun.open}
        title={t('assessment.rerun')}
        onCancel={() => setRerun({ open: false, reason: '' })}
        okText={t('assessment.rerun')}
        okButtonProps={{ loading: busy, disabled: !rerun.reason.trim() }}
        onOk={() => void start(true)}
      >
        <Typography.Paragraph>{t('assessment.rerunHint', { period })}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={rerun.reason}
          placeholder={t('assessment.reason')}
          onChange={(e) => setRerun({ open: true, reason: e.target.value })}
        />
      </Modal>
      <Drawer
        open={!!cell}
        onClose={() => setCell(null)}
        size={720}
        data-testid="score-records"
        title={cell ? `${cell.unit.name} · ${items.find((i) => i.key === cell.key)?.label ?? ''}` : ''}
      >
        {item && (
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'score', label: t('assessment.score'), children: item.score },
              { key: 'formula', label: t('assessment.formula'), children: <code>{item.formula}</code> },
              ...Object.entries(item.inputs).map(([k, v]) => ({
                key: k,
                label: tk(`assessment.input.${k}`, k),
                children: v ?? t('common.empty'),
              })),
            ]}
          />
        )}
        {records && (
          <Table
            style={{ marginTop: 16 }}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={records.items}
            data-testid="score-records-table"
            locale={{ emptyText: t('assessment.noRecords') }}
            scroll={{ x: 560 }}
            columns={[
              {
                title: t('targets.records.project'),
                key: 'name',
                render: (_, r) => (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate(`/projects/${r.id}`)}>
                    {r.name}
                  </Button>
                ),
              },
              { title: t('assessment.unit'), dataIndex: 'ownerUnitName', key: 'unit', width: 140 },
              {
                title: t('targets.records.amount'),
                key: 'amount',
                width: 120,
                render: (_, r) => formatAmount(r.signedAmount ?? r.totalInvestment, t) ?? t('common.empty'),
              },
            ]}
          />
        )}
      </Drawer>
    </Card>
  );
}
