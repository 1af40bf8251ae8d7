// One lead: its facts, the follow-up log (with a form that works on a phone), who held it (claims, releases,
// handovers) and its timeline; and the actions the server says the user may take now.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { ArrowLeftOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError, toast } from '../shell/feedback';
import { fmtTime, formatAmount, STATUS_COLORS } from './format';
import { LeadFormDrawer } from './LeadFormDrawer';
import { useLeadRefs } from './useLeadRefs';
import type { Assignee, DuplicateCandidate, LeadDetail, Transfer } from './types';

type Dialog = null | 'release' | 'drop' | 'handover' | 'convert' | 'edit';

/** People a lead can be handed to, searched as the user types. */
function AssigneePicker({
  value,
  onChange,
  exclude,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  exclude?: number | null;
  id?: string;
}) {
  const { t } = useI18n();
  const [found, setFound] = useState<Assignee[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const search = useCallback((q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const r = await api.get<{ items: Assignee[] }>('/api/leads/assignees', { q: q.trim() || undefined });
        if (mine === seq.current) setFound(r.items);
      } catch {
        if (mine === seq.current) setFound([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  }, []);
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, [search]);
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      placeholder={t('leads.handoverPick')}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      options={found
        .filter((a) => a.id !== exclude)
        .map((a) => ({ value: a.id, label: `${a.displayName}（${a.unitName}）` }))}
      style={{ width: '100%' }}
    />
  );
}

function transferText(x: Transfer, t: ReturnType<typeof useI18n>['t']) {
  const who = (unit: string | null, user: string | null) =>
    [unit, user].filter(Boolean).join(' · ') || t('leads.inPool');
  return `${who(x.fromUnitName, x.fromUserName)} → ${who(x.toUnitName, x.toUserName)}`;
}

export default function LeadDetailPage() {
  const { t, tk } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const refs = useLeadRefs();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [lead, setLead] = useState<LeadDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<{ candidates: DuplicateCandidate[]; hiddenCount: number } | null>(null);
  const [followForm] = Form.useForm<{ at: Dayjs; method?: string; content: string; nextStep?: string }>();
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [handoverForm] = Form.useForm<{ toUserId: number; reason: string }>();
  const [convertForm] = Form.useForm<{ name: string }>();

  const load = useCallback(async () => {
    try {
      setLead(await api.get<LeadDetail>(`/api/leads/${id}`));
      setMissing(false);
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else reportError(e);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const reloadAfterConflict = () => {
    void load().then(() => toast('info', t('error.conflictReloaded'), 'conflict-reloaded'));
  };
  const allowed = (a: LeadDetail['allowedActions'][number]) => !!lead?.allowedActions.includes(a);

  const run = async (fn: () => Promise<void>, form?: FormInstance) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return; // the form shows what is missing
      reportError(e, { form, onConflict: reloadAfterConflict });
    } finally {
      setBusy(false);
    }
  };

  if (missing) {
    return (
      <Result
        status="404"
        title="404"
        subTitle={t('leads.notFound')}
        extra={
          <Link to="/leads">
            <Button type="primary">{t('leads.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (!lead) return <Card loading />;

  const claim = () =>
    run(async () => {
      setLead(await api.post<LeadDetail>(`/api/leads/${lead.id}/claim`, { version: lead.version }));
      toast('success', t('leads.claimed'));
    });

  const submitReason = () =>
    run(async () => {
      const { reason } = await reasonForm.validateFields();
      const kind = dialog === 'drop' ? 'drop' : 'release';
      setLead(
        await api.post<LeadDetail>(`/api/leads/${lead.id}/${kind}`, { reason: reason.trim(), version: lead.version }),
      );
      toast('success', t(kind === 'drop' ? 'leads.dropped' : 'leads.released'));
      setDialog(null);
    }, reasonForm);

  const submitHandover = () =>
    run(async () => {
      const v = await handoverForm.validateFields();
      const r = await api.post<{ ok: boolean; lead: LeadDetail | null }>(`/api/leads/${lead.id}/handover`, {
        toUserId: v.toUserId,
        reason: v.reason.trim(),
        version: lead.version,
      });
      setDialog(null);
      if (r.lead) {
        setLead(r.lead);
        toast('success', t('leads.handedOver'));
      } else {
        toast('success', t('leads.handedOverAway'));
        navigate('/leads');
      }
    }, handoverForm);

  const submitConvert = (confirmDuplicates = false) =>
    run(async () => {
      const v = await convertForm.validateFields();
      try {
        const r = await api.post<LeadDetail>(`/api/leads/${lead.id}/convert`, {
          name: v.name?.trim() || undefined,
          version: lead.version,
          confirmDuplicates: confirmDuplicates || undefined,
        });
        setLead(r);
        setDialog(null);
        setDuplicates(null);
        toast('success', t('leads.converted'));
      } catch (e) {
        if (isApiError(e) && e.code === 'DUPLICATE') {
          // The API client keeps code, message and fields of an error: the look-alikes are asked for separately.
          setDuplicates(
            await api.get<{ candidates: DuplicateCandidate[]; hiddenCount: number }>(
              `/api/leads/${lead.id}/project-duplicates`,
              { name: v.name?.trim() || undefined },
            ),
          );
          return;
        }
        throw e;
      }
    }, convertForm);

  const submitFollowUp = () =>
    run(async () => {
      const v = await followForm.validateFields();
      const r = await api.post<LeadDetail>(`/api/leads/${lead.id}/follow-ups`, {
        at: (v.at ?? dayjs()).toISOString(),
        method: v.method ?? null,
        content: v.content.trim(),
        nextStep: v.nextStep?.trim() || null,
      });
      setLead(r);
      followForm.resetFields();
      followForm.setFieldsValue({ at: dayjs() });
      toast('success', t('leads.followUp.saved'));
    }, followForm);

  const openDialog = (d: Dialog) => {
    reasonForm.resetFields();
    handoverForm.resetFields();
    convertForm.resetFields();
    if (d === 'convert') convertForm.setFieldsValue({ name: lead.title });
    setDuplicates(null);
    setDialog(d);
  };

  const actions = (
    <Space wrap>
      {allowed('claim') && (
        <Popconfirm title={t('leads.claimConfirm', { title: lead.title })} onConfirm={claim}>
          <Button type="primary" loading={busy} data-testid="lead-claim">
            {t('leads.claim')}
          </Button>
        </Popconfirm>
      )}
      {allowed('edit') && (
        <Button onClick={() => openDialog('edit')} data-testid="lead-edit">
          {t('common.edit')}
        </Button>
      )}
      {allowed('handover') && (
        <Button icon={<SwapOutlined />} onClick={() => openDialog('handover')} data-testid="lead-handover">
          {t('leads.handover')}
        </Button>
      )}
      {allowed('convert') && (
        <Button type="primary" onClick={() => openDialog('convert')} data-testid="lead-convert">
          {t('leads.convert')}
        </Button>
      )}
      {allowed('release') && (
        <Button onClick={() => openDialog('release')} data-testid="lead-release">
          {t('leads.release')}
        </Button>
      )}
      {allowed('drop') && (
        <Button danger onClick={() => openDialog('drop')} data-testid="lead-drop">
          {t('leads.drop')}
        </Button>
      )}
    </Space>
  );

  const empty = t('common.empty');
  const facts = [
    { key: 'enterprise', label: t('leads.field.enterprise'), children: lead.enterpriseName ?? empty },
    { key: 'channel', label: t('leads.field.sourceChannel'), children: refs.channelLabel(lead.sourceChannel) },
    { key: 'referrer', label: t('leads.field.referrer'), children: lead.referrer ?? empty },
    {
      key: 'industry',
      label: t('leads.field.industry'),
      children: lead.industryCode ? `${lead.industryCode} ${lead.industryName ?? ''}` : empty,
    },
    { key: 'cluster', label: t('leads.field.cluster'), children: lead.clusterName ?? empty },
    { key: 'amount', label: t('leads.field.intendedAmount'), children: formatAmount(lead.intendedAmount, t) ?? empty },
    {
      key: 'owner',
      label: t('leads.field.owner'),
      children:
        lead.status === 'pool' ? (
          <Tag color="gold">{t('leads.inPool')}</Tag>
        ) : (
          [lead.ownerUnitName, lead.ownerUserName].filter(Boolean).join(' · ') || empty
        ),
    },
    { key: 'team', label: t('leads.field.team'), children: lead.teamName ?? empty },
    { key: 'last', label: t('leads.field.lastFollowUpAt'), children: fmtTime(lead.lastFollowUpAt) || empty },
    {
      key: 'created',
      label: t('leads.field.createdAt'),
      children: `${fmtTime(lead.createdAt)}${lead.createdByName ? ` · ${lead.createdByName}` : ''}`,
    },
    ...(lead.projectId
      ? [
          {
            key: 'project',
            label: t('leads.field.project'),
            children: <Link to={`/projects/${lead.projectId}`}>{t('leads.viewProject', { id: lead.projectId })}</Link>,
          },
        ]
      : []),
    ...(lead.dropReason ? [{ key: 'drop', label: t('leads.field.dropReason'), children: lead.dropReason }] : []),
    {
      key: 'content',
      label: t('leads.field.content'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {lead.content ?? empty}
        </Typography.Paragraph>
      ),
    },
  ];

  const followUpForm = allowed('followUp') && (
    <Form
      form={followForm}
      layout="vertical"
      initialValues={{ at: dayjs() }}
      data-testid="follow-up-form"
      style={{ marginBottom: 16 }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item
            name="at"
            label={t('leads.followUp.at')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              inputReadOnly={phone}
              disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="method" label={t('leads.followUp.method')}>
            <Select allowClear options={refs.methodOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="content"
        label={t('leads.followUp.content')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input.TextArea id="follow-up-content" rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="nextStep" label={t('leads.followUp.nextStep')}>
        <Input id="follow-up-next" maxLength={1000} />
      </Form.Item>
      <Button
        type="primary"
        block={phone}
        size={phone ? 'large' : 'middle'}
        loading={busy}
        onClick={() => void submitFollowUp()}
        data-testid="follow-up-save"
      >
        {t('leads.followUp.add')}
      </Button>
    </Form>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap size={8}>
            <Link to="/leads" aria-label={t('leads.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span>{lead.title}</span>
            <Tag color={STATUS_COLORS[lead.status]}>{refs.statusLabel(lead.status)}</Tag>
            {lead.stale && <Tag color="orange">{t('leads.stale')}</Tag>}
          </Space>
        }
        extra={phone ? undefined : actions}
      >
        {phone && <div style={{ marginBottom: 12 }}>{actions}</div>}
        {lead.status === 'pool' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('leads.poolHint')} />
        )}
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, xl: 3 }} items={facts} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('leads.followUps')} data-testid="follow-ups">
            {followUpForm}
            {lead.followUps.length ? (
              <List
                dataSource={lead.followUps}
                renderItem={(f) => (
                  <List.Item key={f.id}>
                    <div style={{ width: '100%' }}>
                      <Space wrap size={8}>
                        <Typography.Text strong>{fmtTime(f.at)}</Typography.Text>
                        {f.method && <Tag>{refs.methodLabel(f.method)}</Tag>}
                        <Typography.Text type="secondary">
                          {[f.unitName, f.userName].filter(Boolean).join(' · ')}
                        </Typography.Text>
                      </Space>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                        {f.content}
                      </Typography.Paragraph>
                      {f.nextStep && (
                        <Typography.Text type="secondary">
                          {t('leads.followUp.nextStep')}：{f.nextStep}
                        </Typography.Text>
                      )}
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.followUp.none')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('leads.transfers')} data-testid="transfers">
              {lead.transfers.length ? (
                <Timeline
                  items={lead.transfers.map((x) => ({
                    key: x.id,
                    color: x.kind === 'release' ? 'gray' : x.kind === 'claim' ? 'green' : 'blue',
                    content: (
                      <div>
                        <Typography.Text type="secondary">{fmtTime(x.at)}</Typography.Text>
                        <div>
                          <Space wrap size={6}>
                            <Tag>{tk(`leads.transfer.${x.kind}`, x.kind)}</Tag>
                            <span>{transferText(x, t)}</span>
                          </Space>
                        </div>
                        <div>
                          <Typography.Text type="secondary">
                            {t('leads.transfer.by', { name: x.byUserName ?? '' })}
                            {x.reason ? `；${x.reason}` : ''}
                          </Typography.Text>
                        </div>
                      </div>
                    ),
                  }))}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.transfer.none')} />
              )}
            </Card>
            <Card title={t('leads.timeline')}>
              <Timeline
                items={lead.timeline.map((e) => ({
                  key: e.id,
                  content: (
                    <div>
                      <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                        {fmtTime(e.at)}
                      </Typography.Text>
                      <Tag>{tk(`leads.event.${e.kind}`, e.kind)}</Tag>
                      <Typography.Text>{e.summary}</Typography.Text>
                      {e.userName && <Typography.Text type="secondary"> · {e.userName}</Typography.Text>}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>

      <LeadFormDrawer
        open={dialog === 'edit'}
        lead={lead}
        refs={refs}
        onClose={() => setDialog(null)}
        onSaved={(l) => {
          setLead(l);
          setDialog(null);
        }}
        onConflict={() => {
          setDialog(null);
          reloadAfterConflict();
        }}
      />

      <Modal
        open={dialog === 'release' || dialog === 'drop'}
        title={t(dialog === 'drop' ? 'leads.dropTitle' : 'leads.releaseTitle')}
        onCancel={() => setDialog(null)}
        onOk={() => void submitReason()}
        confirmLoading={busy}
        okButtonProps={{ danger: dialog === 'drop' }}
        destroyOnHidden
        forceRender
      >
        <Typography.Paragraph type="secondary">
          {t(dialog === 'drop' ? 'leads.dropHint' : 'leads.releaseHint')}
        </Typography.Paragraph>
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('leads.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea id="lead-reason" rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'handover'}
        title={t('leads.handoverTitle')}
        onCancel={() => setDialog(null)}
        onOk={() => void submitHandover()}
        confirmLoading={busy}
        destroyOnHidden
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('leads.handoverHint')}</Typography.Paragraph>
        <Form form={handoverForm} layout="vertical">
          <Form.Item
            name="toUserId"
            label={t('leads.handoverTo')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <AssigneePicker id="lead-handover-to" exclude={lead.ownerUserId} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('leads.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea id="lead-handover-reason" rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'convert'}
        title={t('leads.convertTitle')}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        forceRender
        footer={[
          <Button key="cancel" onClick={() => setDialog(null)}>
            {t('common.cancel')}
          </Button>,
          duplicates ? (
            <Button key="force" type="primary" danger loading={busy} onClick={() => void submitConvert(true)}>
              {t('leads.convertAnyway')}
            </Button>
          ) : (
            <Button
              key="ok"
              type="primary"
              loading={busy}
              onClick={() => void submitConvert()}
              data-testid="lead-convert-ok"
            >
              {t('leads.convert')}
            </Button>
          ),
        ]}
      >
        <Typography.Paragraph type="secondary">{t('leads.convertHint')}</Typography.Paragraph>
        <Form form={convertForm} layout="vertical">
          <Form.Item
            name="name"
            label={t('leads.convertName')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input id="lead-convert-name" maxLength={200} />
          </Form.Item>
        </Form>
        {duplicates && (
          <Alert
            type="warning"
            showIcon
            title={t('leads.duplicatesTitle')}
            description={
              <div>
                {duplicates.candidates.map((c) => (
                  <div key={c.id}>
                    <Link to={`/projects/${c.id}`}>{c.name}</Link>
                    <Typography.Text type="secondary">
                      {' '}
                      · {c.ownerUnitName}
                      {c.investor ? ` · ${c.investor}` : ''}
                      {c.totalInvestment ? ` · ${formatAmount(c.totalInvestment, t)}` : ''}
                    </Typography.Text>
                  </div>
                ))}
                {duplicates.hiddenCount > 0 && (
                  <div>{t('leads.duplicatesHidden', { count: duplicates.hiddenCount })}</div>
                )}
              </div>
            }
          />
        )}
      </Modal>
    </Space>
  );
}
