// 表格导入: upload a spreadsheet (progress bar) → check which field each column fills (matched by header and by content;
// guesses marked for confirmation; a layout confirmed before mapped as then) → the dry run's result, errors first, with
// the clerk's own row numbers, duplicates explained and decided (import with a reason, or skip) → commit (all or
// nothing) → summary. Nothing is written to the business tables before the commit.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Input,
  Modal,
  Progress,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../i18n';
import { ApiError } from '../../api/client';
import { reportError, toast } from '../shell/feedback';
import {
  commitImport,
  decideRow,
  download,
  getImport,
  getImportRows,
  isBusy,
  putMapping,
  uploadImport,
  type ColumnMapping,
  type ImportEntity,
  type ImportJob,
  type ImportRow,
  type MatchSource,
  type RowFilter,
} from './api';

const ENTITIES: { value: ImportEntity; label: MessageKey; list: string }[] = [
  { value: 'project', label: 'imports.entity.project', list: '/projects' },
  { value: 'enterprise', label: 'imports.entity.enterprise', list: '/enterprises' },
  { value: 'lead', label: 'imports.entity.lead', list: '/leads' },
];
const UNITS = ['元', '万元', '亿元', '美元', '万美元', '亿美元'];
const MAX_MB = 30;

type Step = 0 | 1 | 2 | 3 | 4;

/**
 * The columns the review shows first, narrow, so that at 1440 px the name, county, stage, amount and dates are in view
 * beside the problems without scrolling sideways; the others follow.
 */
const REVIEW_FIRST: Record<string, number> = {
  name: 170,
  title: 170,
  county: 100,
  ownerUnit: 110,
  stage: 80,
  totalInvestment: 110,
  intendedAmount: 110,
  signedAt: 100,
  startedAt: 100,
  producedAt: 100,
  plannedStartMonth: 90,
  uscc: 170,
  registeredUscc: 170,
  investorName: 160,
  enterpriseName: 160,
};
const MATCH_COLOR: Record<MatchSource, string> = { auto: 'green', guess: 'gold', remembered: 'blue', user: 'default' };

const display = (row: ImportRow, field: string, col: number) => {
  const label = row.labels?.[field];
  if (label) return label;
  const v = row.values?.[field];
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return row.cells[col] ?? '';
};

export default function ImportsPage() {
  const { t, tk } = useI18n();
  const navigate = useNavigate();
  const [entity, setEntity] = useState<ImportEntity>('project');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [step, setStep] = useState<Step>(0);
  const [uploadPct, setUploadPct] = useState<number | null>(null);
  const [samples, setSamples] = useState<ImportRow[]>([]);
  const [draft, setDraft] = useState<Record<number, { field: string | null; unit: string | null }>>({});
  const [filter, setFilter] = useState<RowFilter>('problems');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [rows, setRows] = useState<{ items: ImportRow[]; total: number }>({ items: [], total: 0 });
  const [loadingRows, setLoadingRows] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [working, setWorking] = useState(false);
  const [mappingErrors, setMappingErrors] = useState<string[]>([]);
  const [deciding, setDeciding] = useState<ImportRow | null>(null);
  const [reason, setReason] = useState('');
  const abort = useRef<AbortController | null>(null);

  const fieldLabel = useMemo(() => new Map((job?.fields ?? []).map((f) => [f.key, f.label])), [job]);

  // Poll while the server parses or commits.
  useEffect(() => {
    if (!job || !isBusy(job.status)) return;
    const timer = setTimeout(() => {
      getImport(job.id).then(setJob).catch(reportError);
    }, 600);
    return () => clearTimeout(timer);
  }, [job]);

  // Move on when a background step finishes.
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    if (!job) return;
    const prev = lastStatus.current;
    lastStatus.current = job.status;
    if (prev === job.status) return;
    if (job.status === 'ready' && (prev === 'parsing' || prev === null)) {
      setDraft(Object.fromEntries(job.mapping.map((m) => [m.col, { field: m.field, unit: m.unit ?? null }])));
      getImportRows(job.id, { page: 1, pageSize: 5, filter: 'all' })
        .then((r) => setSamples(r.items))
        .catch(() => {});
      setStep((s) => (s === 0 ? 1 : s));
      setPage((p) => ({ ...p, page: 1 }));
    }
    if (job.status === 'ready' && prev === 'committing') {
      if (job.error) toast('error', job.error.message);
      setStep(3);
    }
    if (job.status === 'committed') setStep(4);
  }, [job]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: rows reload when the job's id, status or summary change (a decision, a new check), not on every poll of the job
  const loadRows = useCallback(async () => {
    if (!job || (job.status !== 'ready' && job.status !== 'committed')) return;
    setLoadingRows(true);
    try {
      setRows(await getImportRows(job.id, { ...page, filter }));
    } catch (e) {
      reportError(e);
    } finally {
      setLoadingRows(false);
    }
  }, [job?.id, job?.status, job?.summary, page, filter]);
  useEffect(() => {
    if (step === 2 || step === 4) void loadRows();
  }, [step, loadRows]);

  const start = async (file: File) => {
    if (file.size > MAX_MB * 1024 * 1024) {
      toast('error', t('imports.tooLarge', { mb: MAX_MB }));
      return;
    }
    abort.current = new AbortController();
    setUploadPct(0);
    setJob(null);
    lastStatus.current = null;
    setSkipInvalid(false);
    setFilter('problems');
    try {
      const j = await uploadImport(entity, file, setUploadPct, abort.current.signal);
      setJob(j);
    } catch (e) {
      reportError(e);
    } finally {
      setUploadPct(null);
    }
  };

  const reset = () => {
    setJob(null);
    setStep(0);
    setSamples([]);
    lastStatus.current = null;
  };

  const applyMapping = async () => {
    if (!job) return;
    setWorking(true);
    try {
      const mapping = job.mapping.map((m) => ({
        col: m.col,
        field: draft[m.col]?.field ?? null,
        unit: draft[m.col]?.unit ?? null,
      }));
      lastStatus.current = 'parsing';
      setMappingErrors([]);
      const j = await putMapping(job.id, mapping);
      setJob(j);
      if (j.status === 'ready') {
        lastStatus.current = 'ready';
        setStep(2);
      } else setStep(2);
    } catch (e) {
      // A mapping that leaves out a required or key field: the server says which, in plain words.
      if (e instanceof ApiError && e.fields.some((f) => f.field.startsWith('mapping.'))) {
        lastStatus.current = 'ready';
        setMappingErrors(e.fields.map((f) => f.message));
      } else reportError(e);
    } finally {
      setWorking(false);
    }
  };

  /** Records a decision on a duplicate row, and shows the row and the counters as the server now has them. */
  const decide = async (row: ImportRow, decision: 'import' | 'skip' | null, why?: string) => {
    if (!job) return;
    try {
      const r = await decideRow(job.id, row.rowNo, decision, why);
      setRows((old) => ({ ...old, items: old.items.map((x) => (x.rowNo === row.rowNo ? r.row : x)) }));
      setJob((j) => (j ? { ...j, summary: r.summary } : j));
      setDeciding(null);
      setReason('');
    } catch (e) {
      reportError(e);
    }
  };

  const doCommit = async () => {
    if (!job) return;
    setWorking(true);
    try {
      lastStatus.current = 'ready';
      setJob(await commitImport(job.id, skipInvalid));
    } catch (e) {
      reportError(e);
    } finally {
      setWorking(false);
    }
  };

  const mappingChanged =
    !!job &&
    job.mapping.some(
      (m) => (draft[m.col]?.field ?? null) !== m.field || (draft[m.col]?.unit ?? null) !== (m.unit ?? null),
    );
  const s = job?.summary;
  const listPath = ENTITIES.find((e) => e.value === job?.entity)?.list ?? '/';

  // ---------------------------------------------------------------------------------------------- step 0: upload

  const uploadStep = (
    <Card>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Space wrap align="center">
          <Typography.Text strong>{t('imports.entity')}</Typography.Text>
          <Radio.Group
            value={entity}
            onChange={(e) => setEntity(e.target.value)}
            optionType="button"
            buttonStyle="solid"
            options={ENTITIES.map((e) => ({ value: e.value, label: t(e.label) }))}
            disabled={uploadPct !== null || (!!job && isBusy(job.status))}
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(`/api/imports/template/${entity}`).catch(reportError)}
            data-testid="import-template"
          >
            {t('imports.template')}
          </Button>
        </Space>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={uploadPct !== null || (!!job && isBusy(job.status))}
          beforeUpload={(f) => {
            void start(f);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <CloudUploadOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.drop')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint', { mb: MAX_MB })}</p>
        </Upload.Dragger>
        {uploadPct !== null && (
          <div>
            <Typography.Text>{t('imports.uploading')}</Typography.Text>
            <Progress percent={uploadPct} status="active" />
            <Button size="small" onClick={() => abort.current?.abort()}>
              {t('common.cancel')}
            </Button>
          </div>
        )}
        {job && job.status === 'parsing' && (
          <div data-testid="import-parsing">
            <Typography.Text>{t('imports.parsing', { name: job.fileName })}</Typography.Text>
            <Progress percent={job.progress} status="active" />
          </div>
        )}
        {job && job.status === 'failed' && (
          <Result
            status="error"
            title={t('imports.failed')}
            subTitle={job.error?.message}
            extra={<Button onClick={reset}>{t('imports.again')}</Button>}
          />
        )}
        <Alert type="info" showIcon title={t('imports.howTitle')} description={t('imports.how')} />
      </Space>
    </Card>
  );

  // ---------------------------------------------------------------------------------------------- step 1: mapping

  const fieldOptions = [
    { value: '', label: t('imports.map.none') },
    ...(job?.fields ?? []).map((f) => ({
      value: f.key,
      label: `${f.label}${f.required ? ' *' : ''}${f.unit ? `（${f.unit}）` : ''}`,
    })),
  ];
  const mappingColumns: TableColumnsType<ImportJob['mapping'][number]> = [
    {
      title: t('imports.map.column'),
      dataIndex: 'header',
      width: 200,
      render: (h: string, m) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{h || t('imports.map.unnamed', { n: m.col + 1 })}</Typography.Text>
          {m.field && m.match && (draft[m.col]?.field ?? null) === m.field && (
            <Tooltip title={evidence(m)}>
              <Tag color={MATCH_COLOR[m.match]} data-testid={`match-${m.col}`} data-match={m.match}>
                {t(`imports.map.${m.match}` as MessageKey)}
              </Tag>
            </Tooltip>
          )}
          {m.serial && <Tag>{t('imports.map.serial')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('imports.map.samples'),
      key: 'samples',
      render: (_, m) => (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
          {samples
            .map((r) => r.cells[m.col])
            .filter(Boolean)
            .slice(0, 3)
            .join(' · ') || t('common.empty')}
        </Typography.Text>
      ),
    },
    {
      title: t('imports.map.field'),
      key: 'field',
      width: 260,
      render: (_, m) => (
        <Select
          style={{ width: 240 }}
          value={draft[m.col]?.field ?? ''}
          options={fieldOptions}
          showSearch
          optionFilterProp="label"
          data-testid={`map-${m.col}`}
          onChange={(v: string) => setDraft((d) => ({ ...d, [m.col]: { field: v || null, unit: null } }))}
        />
      ),
    },
    {
      title: t('imports.map.unit'),
      key: 'unit',
      width: 150,
      render: (_, m) => {
        const f = job?.fields.find((x) => x.key === draft[m.col]?.field);
        if (f?.kind !== 'money') return null;
        return (
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={f.unit ?? ''}
            value={draft[m.col]?.unit ?? undefined}
            options={UNITS.filter((u) => u.endsWith('美元') === (f.unit === '万美元')).map((u) => ({
              value: u,
              label: u,
            }))}
            onChange={(v: string | undefined) =>
              setDraft((d) => ({ ...d, [m.col]: { field: d[m.col]?.field ?? null, unit: v ?? null } }))
            }
          />
        );
      },
    },
  ];
  function evidence(m: ColumnMapping) {
    const v =
      m.values && m.values.kind !== 'other' && m.values.kind !== 'serial'
        ? t('imports.map.values', {
            pct: Math.round(m.values.share * 100),
            kind: t(`imports.map.kind.${m.values.kind}` as MessageKey),
          })
        : '';
    const c = m.confidence != null ? t('imports.map.confidence', { pct: Math.round(m.confidence * 100) }) : '';
    return [c, v].filter(Boolean).join('；') || undefined;
  }
  const mappedFields = new Set(
    Object.values(draft)
      .map((d) => d.field)
      .filter(Boolean),
  );
  const missing = (job?.fields ?? []).filter((f) => f.required && !mappedFields.has(f.key));
  const guesses = (job?.mapping ?? []).filter((m) => m.field && m.match === 'guess').length;

  const mappingStep = job && (
    <Card
      title={t('imports.map.title', { name: job.fileName })}
      extra={
        s && (
          <Typography.Text type="secondary">
            {t('imports.map.where', { sheet: s.sheetName ?? '', row: s.headerRow ?? '' })}
          </Typography.Text>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {s?.remembered && (
          <Alert
            type="info"
            showIcon
            data-testid="mapping-remembered"
            title={t('imports.map.rememberedNote', { at: s.remembered.at.slice(0, 10), id: s.remembered.jobId ?? '' })}
          />
        )}
        {guesses > 0 && !mappingChanged && (
          <Alert type="warning" showIcon title={t('imports.map.guesses', { n: guesses })} />
        )}
        {missing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('imports.map.missing', { fields: missing.map((f) => f.label).join('、') })}
          />
        )}
        {(mappingChanged ? mappingErrors : job.blockers.map((b) => b.message)).length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="mapping-blockers"
            title={t('imports.map.blocked')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {(mappingChanged ? mappingErrors : job.blockers.map((b) => b.message)).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        <Table
          rowKey="col"
          size="small"
          pagination={false}
          columns={mappingColumns}
          dataSource={job.mapping}
          scroll={{ x: 800 }}
          data-testid="mapping-table"
        />
        <Space wrap>
          <Button onClick={reset}>{t('imports.again')}</Button>
          {mappingChanged ? (
            <Button
              type="primary"
              loading={working || job.status === 'parsing'}
              onClick={() => void applyMapping()}
              data-testid="apply-mapping"
            >
              {t('imports.map.apply')}
            </Button>
          ) : (
            <Button
              type="primary"
              disabled={job.blockers.length > 0}
              onClick={() => setStep(2)}
              data-testid="to-review"
            >
              {t(guesses ? 'imports.map.accept' : 'imports.next')}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );

  // ---------------------------------------------------------------------------------------------- step 2: dry run

  const mapped = (job?.mapping ?? [])
    .filter((m) => m.field)
    .sort((a, b) => (REVIEW_FIRST[a.field!] ? 0 : 1) - (REVIEW_FIRST[b.field!] ? 0 : 1) || a.col - b.col);
  const reviewWidth = 80 + 70 + 240 + mapped.reduce((w, m) => w + (REVIEW_FIRST[m.field!] ?? 140), 0);
  const statusTag = (st: ImportRow['status']) => (
    <Tag color={{ valid: 'green', invalid: 'red', duplicate: 'orange', committed: 'blue' }[st]}>
      {tk(`imports.status.${st}`, st)}
    </Tag>
  );
  const rowColumns: TableColumnsType<ImportRow> = [
    {
      title: s?.serialCol != null ? t('imports.rowAndClerk') : t('imports.row'),
      key: 'rowNo',
      width: 80,
      fixed: 'left',
      render: (_: unknown, r: ImportRow) => (
        <Space orientation="vertical" size={0} data-testid={`row-${r.rowNo}`}>
          <span>{r.rowNo}</span>
          {r.clerkNo && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.clerkNo', { n: r.clerkNo })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('imports.rowStatus'), dataIndex: 'status', width: 70, render: statusTag },
    {
      title: t('imports.problems'),
      key: 'problems',
      width: 240,
      render: (_: unknown, r: ImportRow) => (
        <Space orientation="vertical" size={2}>
          {r.duplicates.map((d) => (
            <Tag key={`d${d.message}`} color="orange" style={{ whiteSpace: 'normal' }}>
              {d.message}
            </Tag>
          ))}
          {r.status === 'duplicate' && !r.decision && job?.status === 'ready' && (
            <Space size={4} wrap>
              <Button
                size="small"
                onClick={() => {
                  setDeciding(r);
                  setReason('');
                }}
                data-testid={`not-duplicate-${r.rowNo}`}
              >
                {t('imports.dup.notDuplicate')}
              </Button>
              <Button size="small" onClick={() => void decide(r, 'skip')} data-testid={`skip-duplicate-${r.rowNo}`}>
                {t('imports.dup.skip')}
              </Button>
            </Space>
          )}
          {r.decision && (
            <Space size={4} wrap>
              <Tag
                color={r.decision === 'import' ? 'green' : 'default'}
                style={{ whiteSpace: 'normal' }}
                data-testid={`decision-${r.rowNo}`}
              >
                {r.decision === 'import'
                  ? t('imports.dup.willImport', { reason: r.decisionReason ?? '' })
                  : t('imports.dup.willSkip')}
              </Tag>
              {r.status === 'duplicate' && job?.status === 'ready' && (
                <Button size="small" type="link" onClick={() => void decide(r, null)}>
                  {t('imports.dup.undo')}
                </Button>
              )}
            </Space>
          )}
          {r.errors.map((e) => (
            <Typography.Text key={`e${e.field}${e.message}`} type="danger">
              {fieldLabel.get(e.field) ?? e.field}：{e.message}
            </Typography.Text>
          ))}
          {r.warnings.map((w) => (
            <Typography.Text key={`w${w.field}${w.message}`} type="warning">
              {fieldLabel.get(w.field) ?? w.field}：{w.message}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    ...mapped.map((m) => ({
      title: <Tooltip title={m.header}>{fieldLabel.get(m.field!) ?? m.header}</Tooltip>,
      key: `c${m.col}`,
      width: REVIEW_FIRST[m.field!] ?? 140,
      ellipsis: true,
      onCell: (r: ImportRow) => ({
        style: r.errors.some((e) => e.field === m.field)
          ? { background: '#fff1f0' }
          : r.warnings.some((w) => w.field === m.field)
            ? { background: '#fffbe6' }
            : undefined,
        'data-error': r.errors.some((e) => e.field === m.field) ? 'true' : undefined,
      }),
      render: (_: unknown, r: ImportRow) => {
        const errs = r.errors.filter((e) => e.field === m.field);
        const warns = r.warnings.filter((w) => w.field === m.field);
        const text = errs.length ? (r.cells[m.col] ?? '') : display(r, m.field!, m.col);
        if (!errs.length && !warns.length) return <span title={text}>{text}</span>;
        return (
          <Tooltip title={[...errs, ...warns].map((e) => e.message).join('；')}>
            <Typography.Text type={errs.length ? 'danger' : 'warning'}>{text || t('common.empty')}</Typography.Text>
          </Tooltip>
        );
      },
    })),
  ];

  const stats = s && (
    <Row gutter={16}>
      <Col xs={12} md={4}>
        <Statistic title={t('imports.stat.rows')} value={s.rows} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('imports.stat.valid')} value={s.valid} styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic
          title={t('imports.stat.invalid')}
          value={s.invalid}
          styles={{ content: { color: s.invalid ? '#cf1322' : undefined } }}
        />
      </Col>
      <Col xs={12} md={4}>
        <Statistic
          title={t('imports.stat.duplicate')}
          value={s.duplicate}
          styles={{ content: { color: s.duplicate ? '#d46b08' : undefined } }}
          suffix={
            s.decisions?.import ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('imports.stat.notDuplicates', { n: s.decisions.import })}
              </Typography.Text>
            ) : undefined
          }
        />
      </Col>
      <Col xs={12} md={4}>
        <Statistic
          title={t('imports.stat.skipped')}
          value={s.skipped.totals + s.skipped.empty + s.skipped.notes + s.skipped.headers}
        />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('imports.stat.warnings')} value={s.withWarnings} />
      </Col>
    </Row>
  );

  const notDuplicates = s?.decisions?.import ?? 0;
  const toImport = (s?.valid ?? 0) + notDuplicates;

  const reasonDialog = (
    <Modal
      open={!!deciding}
      title={t('imports.dup.title', {
        row: deciding?.clerkNo
          ? `${deciding.rowNo}（${t('imports.clerkNo', { n: deciding.clerkNo })}）`
          : (deciding?.rowNo ?? ''),
      })}
      okText={t('imports.dup.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !reason.trim(), ...{ 'data-testid': 'not-duplicate-ok' } }}
      onOk={() => deciding && void decide(deciding, 'import', reason.trim())}
      onCancel={() => setDeciding(null)}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {deciding?.duplicates.map((d) => (
          <Typography.Text key={d.message}>{d.message}</Typography.Text>
        ))}
        <Typography.Text type="secondary">{t('imports.dup.reasonHint')}</Typography.Text>
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="not-duplicate-reason"
        />
      </Space>
    </Modal>
  );

  const reviewStep = job && s && (
    <Card
      title={t('imports.review.title', { name: job.fileName })}
      extra={
        <Button
          icon={<FileExcelOutlined />}
          onClick={() => download(`/api/imports/${job.id}/errors.xlsx`).catch(reportError)}
          data-testid="errors-xlsx"
        >
          {t('imports.errorReport')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {stats}
        <Typography.Text type="secondary">
          {t('imports.review.skipped', {
            totals: s.skipped.totals,
            empty: s.skipped.empty,
            notes: s.skipped.notes,
            headers: s.skipped.headers,
          })}
          {s.duplicate > 0 &&
            ` ${t('imports.review.dupKinds', { file: s.duplicates.file, existing: s.duplicates.existing, imported: s.duplicates.imported })}`}
        </Typography.Text>
        {s.sameFileCommitted && (
          <Alert
            type="warning"
            showIcon
            data-testid="same-file"
            title={t('imports.review.sameFile', {
              id: s.sameFileCommitted.jobId,
              at: s.sameFileCommitted.at.slice(0, 16).replace('T', ' '),
              n: s.duplicates.imported,
            })}
          />
        )}
        {job.status === 'parsing' && <Progress percent={job.progress} status="active" />}
        <Tabs
          activeKey={filter}
          onChange={(k) => {
            setFilter(k as RowFilter);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          items={(['problems', 'invalid', 'duplicate', 'valid', 'all'] as RowFilter[]).map((k) => ({
            key: k,
            label: t(`imports.filter.${k}` as MessageKey),
          }))}
        />
        <Table
          rowKey="rowNo"
          size="small"
          loading={loadingRows}
          columns={rowColumns}
          dataSource={rows.items}
          scroll={{ x: reviewWidth }}
          locale={{ emptyText: <Empty description={t('imports.review.none')} /> }}
          data-testid="review-table"
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: rows.total,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: (p, ps) => setPage({ page: p, pageSize: ps }),
          }}
        />
        <Space wrap>
          <Button onClick={() => setStep(1)}>{t('imports.backToMapping')}</Button>
          <Button
            type="primary"
            disabled={job.status !== 'ready' || toImport === 0}
            onClick={() => setStep(3)}
            data-testid="to-commit"
          >
            {t('imports.next')}
          </Button>
          {toImport === 0 && <Typography.Text type="secondary">{t('imports.review.nothing')}</Typography.Text>}
        </Space>
      </Space>
    </Card>
  );

  // ---------------------------------------------------------------------------------------------- step 3: commit

  const commitStep = job && s && (
    <Card title={t('imports.commit.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph data-testid="commit-plan">
          {t('imports.commit.plan', {
            valid: toImport,
            duplicate: s.duplicate - notDuplicates,
            invalid: s.invalid,
            entity: job.entityLabel,
          })}
          {notDuplicates > 0 && ` ${t('imports.commit.notDuplicates', { n: notDuplicates })}`}
        </Typography.Paragraph>
        {s.invalid > 0 && (
          <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="skip-invalid">
            {t('imports.commit.skipInvalid', { n: s.invalid })}
          </Checkbox>
        )}
        <Alert type="info" showIcon title={t('imports.commit.atomic')} />
        {job.status === 'committing' && (
          <Progress percent={job.progress} status="active" data-testid="commit-progress" />
        )}
        <Space>
          <Button onClick={() => setStep(2)} disabled={job.status === 'committing'}>
            {t('imports.backToReview')}
          </Button>
          <Button
            type="primary"
            loading={working || job.status === 'committing'}
            disabled={s.invalid > 0 && !skipInvalid}
            onClick={() => void doCommit()}
            data-testid="commit"
          >
            {t('imports.commit.button')}
          </Button>
        </Space>
      </Space>
    </Card>
  );

  // ---------------------------------------------------------------------------------------------- step 4: summary

  const doneStep = job && s?.committed && (
    <Card>
      <Result
        status="success"
        title={t('imports.done.title', { n: s.committed.inserted, entity: job.entityLabel })}
        subTitle={t('imports.done.sub', { duplicates: s.committed.duplicates, invalid: s.committed.invalidSkipped })}
        extra={[
          <Button key="list" type="primary" onClick={() => navigate(listPath)}>
            {t('imports.done.open', { entity: job.entityLabel })}
          </Button>,
          <Button key="again" icon={<ReloadOutlined />} onClick={reset}>
            {t('imports.again')}
          </Button>,
          <Button
            key="report"
            icon={<FileExcelOutlined />}
            onClick={() => download(`/api/imports/${job.id}/errors.xlsx`).catch(reportError)}
          >
            {t('imports.errorReport')}
          </Button>,
        ]}
      />
    </Card>
  );

  const current =
    step === 0 || !job
      ? uploadStep
      : step === 1
        ? mappingStep
        : step === 2
          ? reviewStep
          : step === 3
            ? commitStep
            : doneStep;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="imports-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('imports.title')}
      </Typography.Title>
      <Steps
        current={step}
        status={step === 4 ? 'finish' : 'process'}
        size="small"
        items={[
          { title: t('imports.step.upload') },
          { title: t('imports.step.mapping') },
          { title: t('imports.step.review') },
          { title: t('imports.step.commit') },
          { title: t('imports.step.done') },
        ]}
      />
      {current}
      {reasonDialog}
    </Space>
  );
}
