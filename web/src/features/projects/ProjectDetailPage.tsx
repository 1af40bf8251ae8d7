// One project: its facts and derived flags, the stage steps with the move awaiting review, the 推进阶段 form,
// evidence files, the timeline, progress reports, problems (问题诉求) and the investment plan.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams, Link } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PaperClipOutlined, RiseOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { fmtDate, fmtMonth, fmtSize, fmtTime, formatAmount, formatUsd, PROBLEM_COLORS, STAGE_COLORS } from './format';
import { InvestmentPanel } from './InvestmentPanel';
import { ProjectFormDrawer } from './ProjectFormDrawer';
import { ReviewButtons } from './ReviewButtons';
import { ACCEPT, StageMoveModal, uploadEvidence } from './StageMoveModal';
import {
  PROBLEM_STATUSES,
  STAGES,
  type FileMeta,
  type Problem,
  type Progress,
  type Project,
  type StageEvent,
  type TimelineItem,
} from './types';
import { useProjectRefs } from './useProjectRefs';
import { WarningTags } from './WarningTags';

export default function ProjectDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { t, tk } = useI18n();
  const { can } = useAuth();
  const refs = useProjectRefs();
  const canWrite = can('business.write');
  const [project, setProject] = useState<Project | null>(null);
  const [missing, setMissing] = useState(false);
  const [timeline, setTimeline] = useState<TimelineItem[]>([]);
  const [progress, setProgress] = useState<Progress[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [files, setFiles] = useState<FileMeta[]>([]);
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);

  const load = useCallback(async () => {
    try {
      const p = await api.get<Project>(`/api/projects/${id}`);
      setProject(p);
      const [tl, pr, pb, fs] = await Promise.all([
        api.get<{ items: TimelineItem[] }>(`/api/projects/${id}/timeline`),
        api.get<{ items: Progress[] }>(`/api/projects/${id}/progress`),
        api.get<{ items: Problem[] }>(`/api/projects/${id}/problems`),
        api.get<{ items: FileMeta[] }>(`/api/projects/${id}/files`),
      ]);
      setTimeline(tl.items);
      setProgress(pr.items);
      setProblems(pb.items);
      setFiles(fs.items);
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else reportError(e);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (missing)
    return (
      <Result
        status="404"
        title={t('projects.notFound')}
        extra={<Button onClick={() => navigate('/projects')}>{t('projects.backToList')}</Button>}
      />
    );
  if (!project) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const p = project;
  const amount = (v: string | null) => formatAmount(v, t) ?? t('common.empty');
  const text = (v: string | null | undefined) => v ?? t('common.empty');
  const terminated = p.stage === 'terminated' || p.approvedStage === 'terminated';
  const approvedIdx = (STAGES as readonly string[]).indexOf(p.approvedStage ?? 'planning');
  const pendingIdx = p.pendingMove ? (STAGES as readonly string[]).indexOf(p.pendingMove.toStage) : -1;
  const lastEvent = (stage: string) => p.stageEvents.find((e) => e.toStage === stage && e.status === 'approved');

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={
          <Space wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/projects')}
              aria-label={t('projects.backToList')}
            />
            <span data-testid="project-title">{p.name}</span>
            {p.code && <Typography.Text type="secondary">{p.code}</Typography.Text>}
            <Tag color={STAGE_COLORS[p.approvedStage ?? 'planning']}>
              {refs.stageLabel(p.approvedStage ?? 'planning')}
            </Tag>
            {p.warnings.length > 0 && <WarningTags warnings={p.warnings} />}
          </Space>
        }
        extra={
          canWrite && (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('common.edit')}
              </Button>
              <Button
                type="primary"
                icon={<RiseOutlined />}
                disabled={!!p.pendingMove}
                onClick={() => setMoving(true)}
                data-testid="project-move"
              >
                {t('projects.move.button')}
              </Button>
            </Space>
          )
        }
      >
        {p.pendingMove && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="pending-move"
            title={t('projects.pendingAlert', {
              from: refs.stageLabel(p.pendingMove.fromStage),
              to: refs.stageLabel(p.pendingMove.toStage),
              kind: tk(`projects.move.kind.${p.pendingMove.kind}`, p.pendingMove.kind),
              who: p.pendingMove.submittedByName ?? '',
              at: fmtTime(p.pendingMove.submittedAt),
            })}
            description={<EventDetails event={p.pendingMove} />}
            action={<ReviewButtons event={p.pendingMove} onDone={() => void load()} />}
          />
        )}
        {terminated && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('projects.terminatedAlert', { reason: p.terminatedReason ?? '' })}
          />
        )}
        <Steps
          size="small"
          style={{ marginBottom: 16 }}
          current={pendingIdx >= 0 ? pendingIdx : approvedIdx}
          status={terminated ? 'error' : pendingIdx >= 0 ? 'process' : 'finish'}
          items={STAGES.map((s, i) => {
            const ev = lastEvent(s);
            return {
              title: refs.stageLabel(s),
              status:
                i <= approvedIdx && !(pendingIdx >= 0 && i > pendingIdx)
                  ? 'finish'
                  : i === pendingIdx
                    ? 'process'
                    : 'wait',
              content:
                i === pendingIdx ? (
                  <Tag color="orange">{t('projects.pendingShort')}</Tag>
                ) : ev ? (
                  <span style={{ fontSize: 12 }}>{ev.effectiveDate}</span>
                ) : null,
            };
          })}
        />
        <Space size={[0, 6]} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('projects.flags')}：</Typography.Text>
          {p.flags.length ? (
            p.flags.map((f) => (
              <Tag key={f} color="blue" data-testid={`flag-${f}`}>
                {refs.flagLabel(f)}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
          )}
        </Space>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'owner', label: t('projects.ownerUnit'), children: p.ownerUnitName },
            { key: 'park', label: t('projects.park'), children: text(p.parkUnitName) },
            {
              key: 'investor',
              label: t('projects.investor'),
              children: p.enterpriseId ? (
                <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link>
              ) : (
                text(p.investorName)
              ),
            },
            { key: 'cluster', label: t('projects.cluster'), children: text(p.clusterName) },
            { key: 'team', label: t('projects.team'), children: text(p.teamName) },
            {
              key: 'industry',
              label: t('projects.industry'),
              children: p.industryCode ? `${p.industryCode} ${p.industryName ?? ''}` : t('common.empty'),
            },
            { key: 'total', label: t('projects.totalInvestment'), children: amount(p.totalInvestment) },
            { key: 'fixed', label: t('projects.fixedAssetInvestment'), children: amount(p.fixedAssetInvestment) },
            {
              key: 'foreign',
              label: t('projects.foreignCapital'),
              children: formatUsd(p.foreignCapital, t) ?? t('common.empty'),
            },
            {
              key: 'origin',
              label: t('projects.capitalOrigin'),
              children: p.capitalOrigin ? tk(`projects.origin.${p.capitalOrigin}`, p.capitalOrigin) : t('common.empty'),
            },
            {
              key: 'signed',
              label: t('projects.signedAt'),
              children: p.signedAt
                ? `${p.signedAt}（${tk(`projects.agreement.${p.agreementType}`, p.agreementType ?? '')}）`
                : t('common.empty'),
            },
            { key: 'signedAmount', label: t('projects.signedAmount'), children: amount(p.signedAmount) },
            { key: 'signedEvent', label: t('projects.signedEvent'), children: text(p.signedEvent) },
            {
              key: 'uscc',
              label: t('projects.registeredUscc'),
              children: p.registeredUscc ? <span className="magnet-mono">{p.registeredUscc}</span> : t('common.empty'),
            },
            { key: 'capital', label: t('projects.registeredCapital'), children: amount(p.registeredCapital) },
            {
              key: 'land',
              label: t('projects.landMu'),
              children: p.landMu ? `${p.landMu} ${t('projects.unit.mu')}` : t('common.empty'),
            },
            {
              key: 'plan',
              label: t('projects.plannedStartMonth'),
              children: fmtMonth(p.plannedStartMonth) || t('common.empty'),
            },
            { key: 'started', label: t('projects.startedAt'), children: text(p.startedAt) },
            {
              key: 'produced',
              label: t('projects.producedAt'),
              children: p.producedAt ? `${p.producedAt} ${p.capacity ?? ''}` : t('common.empty'),
            },
            { key: 'leader', label: t('projects.leaderName'), children: text(p.leaderName) },
            {
              key: 'liaison',
              label: t('projects.liaisonName'),
              children: [p.liaisonName, p.liaisonPhone].filter(Boolean).join(' ') || t('common.empty'),
            },
            {
              key: 'progress',
              label: t('projects.lastProgressAt'),
              children: fmtDate(p.lastProgressAt) || t('common.empty'),
            },
            {
              key: 'content',
              label: t('projects.content'),
              span: 'filled',
              children: (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {text(p.content)}
                </Typography.Paragraph>
              ),
            },
            ...(p.excludedFromCount
              ? [{ key: 'excluded', label: t('projects.excludedFromCount'), children: p.excludedFromCount }]
              : []),
          ]}
        />
      </Card>

      <Card>
        <Tabs
          items={[
            { key: 'timeline', label: t('projects.tab.timeline'), children: <TimelinePanel items={timeline} /> },
            {
              key: 'progress',
              label: t('projects.tab.progress', { n: progress.length }),
              children: (
                <ProgressPanel project={p} items={progress} canWrite={canWrite} onChanged={() => void load()} />
              ),
            },
            {
              key: 'problems',
              label: t('projects.tab.problems', { n: problems.filter((x) => x.status !== 'solved').length }),
              children: (
                <ProblemsPanel
                  project={p}
                  items={problems}
                  canWrite={canWrite}
                  departments={refs.departmentOptions}
                  onChanged={() => void load()}
                />
              ),
            },
            {
              key: 'investments',
              label: t('projects.tab.investments'),
              children: <InvestmentPanel project={p} canWrite={canWrite} onChanged={() => void load()} />,
            },
            {
              key: 'files',
              label: t('projects.tab.files', { n: files.length }),
              children: <FilesPanel project={p} items={files} canWrite={canWrite} onChanged={() => void load()} />,
            },
            { key: 'stages', label: t('projects.tab.stages'), children: <StageEventsTable events={p.stageEvents} /> },
          ]}
        />
      </Card>

      <ProjectFormDrawer
        open={editing}
        project={p}
        refs={refs}
        onClose={() => setEditing(false)}
        onSaved={(x) => {
          setEditing(false);
          setProject(x);
          void load();
        }}
      />
      <StageMoveModal
        open={moving}
        project={p}
        refs={refs}
        onClose={() => {
          setMoving(false);
          void load();
        }}
        onMoved={(x) => {
          setMoving(false);
          setProject(x);
          void load();
        }}
      />
    </Space>
  );
}

/** The fields and evidence a move carries. */
export function EventDetails({ event }: { event: StageEvent }) {
  const { t, tk } = useI18n();
  const entries = Object.entries(event.fields ?? {});
  const show = (k: string, v: unknown) => {
    if (
      ['intendedInvestment', 'signedAmount', 'registeredCapital', 'fundsInPlace', 'sales', 'output', 'tax'].includes(k)
    )
      return formatAmount(String(v), t);
    if (k === 'agreementType') return tk(`projects.agreement.${v}`, String(v));
    if (k === 'landMu') return `${v} ${t('projects.unit.mu')}`;
    return String(v);
  };
  return (
    <Space orientation="vertical" size={4}>
      <Typography.Text type="secondary">
        {t('projects.move.effectiveDate')}：{event.effectiveDate}
      </Typography.Text>
      {entries.length > 0 && (
        <Typography.Text>
          {entries
            .filter(([k]) => k !== 'parkUnitId' && k !== 'enterpriseId')
            .map(([k, v]) => `${tk(`projects.field.${k}`, k)}：${show(k, v)}`)
            .join('；')}
        </Typography.Text>
      )}
      {event.reason && (
        <Typography.Text>
          {t('projects.move.reason')}：{event.reason}
        </Typography.Text>
      )}
      {event.files.length > 0 && (
        <Space wrap>
          {event.files.map((f) => (
            <a key={f.id} href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {f.name}
            </a>
          ))}
        </Space>
      )}
    </Space>
  );
}

function TimelinePanel({ items }: { items: TimelineItem[] }) {
  const { t, tk } = useI18n();
  const refs = useProjectRefs();
  if (!items.length) return <Empty description={t('projects.timeline.empty')} />;
  const describe = (x: TimelineItem) => {
    const d = x.data ?? {};
    const move = d.toStage ? `${refs.stageLabel(String(d.fromStage))} → ${refs.stageLabel(String(d.toStage))}` : '';
    switch (x.kind) {
      case 'edited':
        return t('projects.timeline.edited', {
          fields: ((d.fields as string[]) ?? []).map((f) => tk(`projects.fieldName.${f}`, f)).join('、'),
        });
      case 'created':
        return t('projects.timeline.created');
      case 'investments':
        return t('projects.timeline.investments', { year: String(d.year ?? x.text) });
      case 'progress':
        return `${t('projects.timeline.progress')}（${String(d.date ?? '')}）：${x.text}`;
      case 'problem':
        return `${t('projects.timeline.problem')}${d.departmentName ? `（${String(d.departmentName)}）` : ''}：${x.text}`;
      case 'problem_solved':
        return `${t('projects.timeline.problemSolved')}：${x.text}`;
      default:
        return `${tk(`projects.timeline.${x.kind}`, x.kind)} ${move}${x.text ? `：${x.text}` : ''}`;
    }
  };
  const color = (k: string) =>
    k === 'stage_approved' || k === 'problem_solved'
      ? 'green'
      : k === 'stage_returned'
        ? 'red'
        : k.startsWith('stage')
          ? 'blue'
          : 'gray';
  return (
    <Timeline
      data-testid="project-timeline"
      items={items.map((x, i) => ({
        key: i,
        color: color(x.kind),
        title: (
          <Typography.Text type="secondary">
            {fmtTime(x.at)} {x.userName ?? ''}
          </Typography.Text>
        ),
        content: describe(x),
      }))}
    />
  );
}

function ProgressPanel({
  project,
  items,
  canWrite,
  onChanged,
}: {
  project: Project;
  items: Progress[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ at: Dayjs; content: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/api/projects/${project.id}/progress`, {
        at: v.at.format('YYYY-MM-DD'),
        content: v.content.trim(),
      });
      form.resetFields();
      toast('success', t('common.saved'));
      onChanged();
    } catch (e) {
      reportError(e, { form });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Row gutter={24}>
      {canWrite && (
        <Col xs={24} lg={10}>
          <Form form={form} layout="vertical" initialValues={{ at: dayjs() }} data-testid="progress-form">
            <Form.Item
              name="at"
              label={t('projects.progress.at')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'))} />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('projects.progress.content')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="progress-save">
              {t('projects.progress.add')}
            </Button>
          </Form>
        </Col>
      )}
      <Col xs={24} lg={canWrite ? 14 : 24}>
        {items.length ? (
          <Timeline
            items={items.map((x) => ({ key: x.id, title: `${x.at} ${x.userName ?? ''}`, content: x.content }))}
          />
        ) : (
          <Empty description={t('projects.progress.empty')} />
        )}
      </Col>
    </Row>
  );
}

function ProblemsPanel({
  project,
  items,
  canWrite,
  departments,
  onChanged,
}: {
  project: Project;
  items: Problem[];
  canWrite: boolean;
  departments: { value: number; label: string }[];
  onChanged: () => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<{ content: string; departmentUnitId?: number }>();
  const [saving, setSaving] = useState(false);
  const add = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/api/projects/${project.id}/problems`, {
        content: v.content.trim(),
        departmentUnitId: v.departmentUnitId ?? null,
      });
      form.resetFields();
      onChanged();
    } catch (e) {
      reportError(e, { form });
    } finally {
      setSaving(false);
    }
  };
  const columns: TableColumnsType<Problem> = [
    { title: t('projects.problem.content'), dataIndex: 'content', key: 'content' },
    {
      title: t('projects.problem.department'),
      dataIndex: 'departmentName',
      key: 'dept',
      width: 180,
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('projects.problem.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: string) => <Tag color={PROBLEM_COLORS[s]}>{tk(`projects.problemStatus.${s}`, s)}</Tag>,
    },
    {
      title: t('projects.problem.resolution'),
      dataIndex: 'resolution',
      key: 'resolution',
      render: (s: string | null) => s ?? t('common.empty'),
    },
    { title: t('projects.problem.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 110, render: fmtDate },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: Problem) => <ProblemEditButton problem={r} onDone={onChanged} />,
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Form form={form} layout="inline" data-testid="problem-form">
          <Form.Item
            name="content"
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            style={{ minWidth: 320, flex: 1 }}
          >
            <Input placeholder={t('projects.problem.placeholder')} maxLength={2000} />
          </Form.Item>
          <Form.Item name="departmentUnitId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('projects.problem.department')}
              options={departments}
              style={{ width: 220 }}
            />
          </Form.Item>
          <Button type="primary" loading={saving} onClick={() => void add()}>
            {t('projects.problem.add')}
          </Button>
        </Form>
      )}
      <Table<Problem> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} />
    </Space>
  );
}

/** Changes a problem's status and resolution (the assigned department may do this even outside its scope). */
export function ProblemEditButton({ problem, onDone }: { problem: Problem; onDone: () => void }) {
  const { t, tk } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ status: string; resolution?: string }>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api.patch(`/api/projects/problems/${problem.id}`, {
        status: v.status,
        resolution: v.resolution?.trim() || null,
        version: problem.version,
      });
      setOpen(false);
      onDone();
    } catch (e) {
      reportError(e, {
        form,
        onConflict: () => {
          setOpen(false);
          onDone();
        },
      });
    }
  };
  return (
    <>
      <Button
        type="link"
        size="small"
        onClick={() => {
          form.setFieldsValue({ status: problem.status, resolution: problem.resolution ?? undefined });
          setOpen(true);
        }}
        data-testid={`problem-edit-${problem.id}`}
      >
        {t('projects.problem.handle')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        title={t('projects.problem.handleTitle')}
        forceRender
      >
        <Typography.Paragraph>{problem.content}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="status" label={t('projects.problem.status')}>
            <Select
              options={PROBLEM_STATUSES.map((s) => ({ value: s, label: tk(`projects.problemStatus.${s}`, s) }))}
            />
          </Form.Item>
          <Form.Item
            name="resolution"
            label={t('projects.problem.resolution')}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  getFieldValue('status') === 'solved' && !v?.trim()
                    ? Promise.reject(new Error(t('common.required')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function FilesPanel({
  project,
  items,
  canWrite,
  onChanged,
}: {
  project: Project;
  items: FileMeta[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const columns: TableColumnsType<FileMeta> = [
    {
      title: t('projects.file.name'),
      dataIndex: 'name',
      key: 'name',
      render: (n: string, f) => (
        <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {n}
        </a>
      ),
    },
    { title: t('projects.file.size'), dataIndex: 'size', key: 'size', width: 90, render: fmtSize },
    {
      title: t('projects.file.event'),
      dataIndex: 'stageEventId',
      key: 'event',
      width: 120,
      render: (e: number | null) => (e ? <Tag>{t('projects.file.attached')}</Tag> : t('common.empty')),
    },
    { title: t('projects.file.uploadedBy'), dataIndex: 'uploadedByName', key: 'by', width: 120 },
    { title: t('projects.file.at'), dataIndex: 'createdAt', key: 'at', width: 150, render: fmtTime },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          customRequest={async (opts) => {
            try {
              await uploadEvidence(project.id, opts.file as File);
              opts.onSuccess?.({});
              toast('success', t('projects.file.uploaded'));
              onChanged();
            } catch (e) {
              reportError(e);
              opts.onError?.(e as Error);
            }
          }}
        >
          <Button icon={<UploadOutlined />}>{t('projects.file.upload')}</Button>
        </Upload>
      )}
      <Typography.Text type="secondary">{t('projects.move.evidenceHint')}</Typography.Text>
      <Table<FileMeta> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} />
    </Space>
  );
}

function StageEventsTable({ events }: { events: StageEvent[] }) {
  const { t, tk } = useI18n();
  const refs = useProjectRefs();
  const columns: TableColumnsType<StageEvent> = [
    {
      title: t('projects.event.move'),
      key: 'move',
      render: (_, e) => `${refs.stageLabel(e.fromStage)} → ${refs.stageLabel(e.toStage)}`,
    },
    {
      title: t('projects.event.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 90,
      render: (k: string) => <Tag color={k === 'forward' ? 'blue' : 'orange'}>{tk(`projects.move.kind.${k}`, k)}</Tag>,
    },
    { title: t('projects.move.effectiveDate'), dataIndex: 'effectiveDate', key: 'date', width: 110 },
    {
      title: t('projects.event.submitted'),
      key: 'sub',
      width: 170,
      render: (_, e) => `${e.submittedByName ?? ''} ${fmtTime(e.submittedAt)}`,
    },
    {
      title: t('projects.event.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: string) => (
        <Tag color={s === 'approved' ? 'success' : s === 'returned' ? 'error' : 'warning'}>
          {tk(`projects.eventStatus.${s}`, s)}
        </Tag>
      ),
    },
    {
      title: t('projects.event.review'),
      key: 'review',
      render: (_, e) =>
        e.reviewedAt ? `${e.reviewedByName ?? ''} ${fmtTime(e.reviewedAt)} ${e.reviewNote ?? ''}` : t('common.empty'),
    },
  ];
  return (
    <Table<StageEvent>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={events}
      pagination={false}
      expandable={{ expandedRowRender: (e) => <EventDetails event={e} /> }}
    />
  );
}
