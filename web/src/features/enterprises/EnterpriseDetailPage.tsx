// One enterprise: its details, contacts (phones masked for read-only roles, "显示" reveals one number and is audited),
// its timeline with notes, and the edit, merge and delete actions.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  MergeCellsOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, isApiError } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { ContactFields, EnterpriseDrawer, type DrawerMode } from './EnterpriseDrawer';
import { formatWan } from './format';
import type { EnterpriseContact, EnterpriseDetail, EnterprisePage, SimilarResponse, TimelineEntry } from './types';
import { TIER_COLORS, useEnterpriseRefs } from './useEnterpriseRefs';

const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'ent.name',
  uscc: 'ent.uscc',
  ownership: 'ent.ownership',
  tiers: 'ent.tiers',
  hqDivision: 'ent.hqDivision',
  hqRegion: 'ent.hqRegion',
  hqCountry: 'ent.hqCountry',
  industryCode: 'ent.industry',
  clusterId: 'ent.cluster',
  registeredCapital: 'ent.capital',
  website: 'ent.website',
  notes: 'ent.notes',
  teamId: 'ent.team',
  ownerUnitId: 'ent.ownerUnit',
};
const TIMELINE_COLORS: Record<string, string> = {
  created: 'green',
  merged_into: 'red',
  merged_from: 'orange',
  note: 'blue',
};

interface ContactForm {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
  isPrimary?: boolean;
}

export default function EnterpriseDetailPage() {
  const { id } = useParams();
  const { t, tk } = useI18n();
  const { user, can } = useAuth();
  const navigate = useNavigate();
  const refs = useEnterpriseRefs();
  const canWrite = can('business.write');
  const [e, setE] = useState<EnterpriseDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [panel, setPanel] = useState<DrawerMode | null>(null);
  const [revealed, setRevealed] = useState<Record<number, string | null>>({});
  const [contactOpen, setContactOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [contactForm] = Form.useForm<ContactForm>();

  const load = useCallback(async () => {
    try {
      setE(await api.get<EnterpriseDetail>(`/api/enterprises/${id}`));
      setMissing(false);
    } catch (err) {
      if (isApiError(err) && (err.status === 404 || err.status === 400)) setMissing(true);
      else reportError(err);
    }
  }, [id]);
  useEffect(() => {
    setE(null);
    setRevealed({});
    void load();
  }, [load]);

  if (missing)
    return (
      <Result status="404" title={t('error.notFoundPage')} extra={<Link to="/enterprises">{t('ent.back')}</Link>} />
    );
  if (!e)
    return (
      <div style={{ padding: 64, textAlign: 'center' }}>
        <Spin />
      </div>
    );

  const merged = e.mergedIntoId != null;
  const writable = canWrite && !merged;
  const empty = t('common.empty');

  const reveal = async (c: EnterpriseContact) => {
    try {
      const r = await api.post<{ phone: string | null }>(`/api/enterprises/${e.id}/contacts/${c.id}/reveal-phone`);
      setRevealed((x) => ({ ...x, [c.id]: r.phone }));
    } catch (err) {
      reportError(err);
    }
  };

  const run = async (work: () => Promise<EnterpriseDetail>, done?: string) => {
    setBusy(true);
    try {
      setE(await work());
      if (done) toast('success', done);
      return true;
    } catch (err) {
      reportError(err, { form: contactOpen ? contactForm : undefined, onConflict: () => void load() });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const addContact = async () => {
    const v = await contactForm.validateFields();
    const body = {
      name: v.name.trim(),
      title: v.title?.trim() || null,
      phone: v.phone?.trim() || null,
      email: v.email?.trim() || null,
      isPrimary: !!v.isPrimary,
      version: e.version,
    };
    if (await run(() => api.post(`/api/enterprises/${e.id}/contacts`, body), t('common.created')))
      setContactOpen(false);
  };

  const removeContact = (c: EnterpriseContact) =>
    run(() => api.del(`/api/enterprises/${e.id}/contacts/${c.id}`, { version: e.version }), t('common.deleted'));

  const addNote = async () => {
    if (!note.trim()) return;
    if (await run(() => api.post(`/api/enterprises/${e.id}/notes`, { text: note.trim() }))) setNote('');
  };

  const remove = async () => {
    try {
      await api.del(`/api/enterprises/${e.id}`, { version: e.version });
      toast('success', t('common.deleted'));
      navigate('/enterprises');
    } catch (err) {
      reportError(err, { onConflict: () => void load() });
    }
  };

  const phoneCell = (c: EnterpriseContact) => {
    if (!c.phone) return empty;
    if (c.id in revealed) return <span className="magnet-mono">{revealed[c.id] ?? empty}</span>;
    if (!c.phoneMasked) return <span className="magnet-mono">{c.phone}</span>;
    return (
      <Space size={4}>
        <Tooltip title={t('ent.phoneMasked')}>
          <span className="magnet-mono">{c.phone}</span>
        </Tooltip>
        <Tooltip title={t('ent.revealHint')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            onClick={() => void reveal(c)}
            data-testid={`reveal-${c.id}`}
          >
            {t('ent.reveal')}
          </Button>
        </Tooltip>
      </Space>
    );
  };

  const contactColumns: TableColumnsType<EnterpriseContact> = [
    {
      title: t('ent.contactName'),
      dataIndex: 'name',
      key: 'name',
      render: (n: string, c) => (
        <Space size={4}>
          {n}
          {c.isPrimary && <Tag color="blue">{t('ent.contactPrimary')}</Tag>}
        </Space>
      ),
    },
    { title: t('ent.contactTitle'), dataIndex: 'title', key: 'title', render: (s: string | null) => s ?? empty },
    { title: t('ent.contactPhone'), key: 'phone', render: (_, c) => phoneCell(c) },
    {
      title: t('ent.contactEmail'),
      dataIndex: 'email',
      key: 'email',
      responsive: ['md'],
      render: (s: string | null) => s ?? empty,
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, c: EnterpriseContact) => (
              <Popconfirm
                title={t('ent.removeContactConfirm', { name: c.name })}
                onConfirm={() => removeContact(c)}
                okButtonProps={{ danger: true }}
              >
                <Button type="link" size="small" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const timelineText = (x: TimelineEntry) => {
    const d = (x.data ?? {}) as Record<string, unknown>;
    const moved = (d.moved ?? {}) as Record<string, number>;
    switch (x.kind) {
      case 'created':
        return t('ent.tl.created');
      case 'updated':
        return t('ent.tl.updated', {
          fields: ((d.fields as string[] | undefined) ?? [])
            .map((f) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f))
            .join('、'),
        });
      case 'merged_into':
        return t('ent.tl.merged_into', { name: String(d.intoName ?? '') });
      case 'merged_from':
        return t('ent.tl.merged_from', {
          name: String(d.fromName ?? ''),
          contacts: moved.contacts ?? 0,
          leads: moved.leads ?? 0,
          projects: moved.projects ?? 0,
        });
      case 'contact_added':
      case 'contact_updated':
      case 'contact_removed':
        return `${tk(`ent.tl.${x.kind}`, x.kind)}：${String(d.name ?? x.summary.replace(/^\S+\s/, ''))}`;
      case 'note':
        return x.summary;
      default:
        return x.summary;
    }
  };

  const info = [
    {
      key: 'uscc',
      label: t('ent.uscc'),
      children: e.uscc ? (
        <Typography.Text className="magnet-mono" copyable>
          {e.uscc}
        </Typography.Text>
      ) : (
        empty
      ),
    },
    { key: 'ownership', label: t('ent.ownership'), children: refs.ownershipLabel(e.ownership) ?? empty },
    {
      key: 'tiers',
      label: t('ent.tiers'),
      children: e.tiers.length ? (
        <Space size={[0, 4]} wrap>
          {e.tiers.map((x) => (
            <Tag key={x} color={TIER_COLORS[x]}>
              {refs.tierLabel(x)}
            </Tag>
          ))}
        </Space>
      ) : (
        empty
      ),
    },
    {
      key: 'hq',
      label: t('ent.hq'),
      children: (
        <>
          {e.hqDivisionName ?? e.hqCountry ?? empty}
          {e.hqRegion && <Tag style={{ marginInlineStart: 8 }}>{refs.regionLabel(e.hqRegion)}</Tag>}
        </>
      ),
    },
    {
      key: 'industry',
      label: t('ent.industry'),
      children: e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : empty,
    },
    { key: 'cluster', label: t('ent.cluster'), children: e.clusterName ?? empty },
    { key: 'capital', label: t('ent.capital'), children: formatWan(e.registeredCapital, t) ?? empty },
    { key: 'website', label: t('ent.website'), children: e.website ?? empty },
    { key: 'owner', label: t('ent.ownerUnit'), children: e.ownerUnitName },
    { key: 'team', label: t('ent.team'), children: e.teamName ?? empty },
    {
      key: 'refs',
      label: t('ent.references'),
      children: t('ent.referencesValue', { leads: e.references.leads, projects: e.references.projects }),
    },
    { key: 'updatedAt', label: t('ent.updatedAt'), children: dayjs(e.updatedAt).format('YYYY-MM-DD HH:mm') },
    {
      key: 'notes',
      label: t('ent.notes'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.notes ?? empty}</Typography.Paragraph>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/enterprises')}
        style={{ paddingInline: 0 }}
      >
        {t('ent.back')}
      </Button>
      {merged && (
        <Alert
          type="warning"
          showIcon
          data-testid="enterprise-merged"
          title={e.mergedIntoName ? t('ent.mergedBanner', { name: e.mergedIntoName }) : t('ent.mergedBannerHidden')}
          action={
            e.mergedIntoName ? <Link to={`/enterprises/${e.mergedIntoId}`}>{t('ent.goToMerged')}</Link> : undefined
          }
        />
      )}
      <Card
        title={<span data-testid="enterprise-title">{e.name}</span>}
        extra={
          writable && (
            <Space wrap>
              <Button
                icon={<EditOutlined />}
                onClick={() => setPanel({ mode: 'edit', enterprise: e })}
                data-testid="enterprise-edit"
              >
                {t('common.edit')}
              </Button>
              {user?.role === 'bureau_staff' && (
                <Button icon={<MergeCellsOutlined />} onClick={() => setMergeOpen(true)} data-testid="enterprise-merge">
                  {t('ent.merge')}
                </Button>
              )}
              <Popconfirm
                title={t('ent.deleteConfirm', { name: e.name })}
                onConfirm={() => void remove()}
                okButtonProps={{ danger: true }}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} items={info} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card
            title={t('ent.contacts')}
            extra={
              writable && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    contactForm.resetFields();
                    setContactOpen(true);
                  }}
                >
                  {t('ent.addContact')}
                </Button>
              )
            }
            style={{ marginBottom: 16 }}
          >
            <Table<EnterpriseContact>
              rowKey="id"
              size="small"
              pagination={false}
              columns={contactColumns}
              dataSource={e.contacts}
              data-testid="enterprise-contacts"
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('ent.timeline')}>
            {writable && (
              <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
                <Input
                  value={note}
                  onChange={(x) => setNote(x.target.value)}
                  maxLength={2000}
                  placeholder={t('ent.notePlaceholder')}
                  onPressEnter={() => void addNote()}
                />
                <Button type="primary" loading={busy} onClick={() => void addNote()}>
                  {t('ent.addNote')}
                </Button>
              </Space.Compact>
            )}
            {e.timeline.length ? (
              <Timeline
                data-testid="enterprise-timeline"
                items={e.timeline.map((x) => ({
                  key: x.id,
                  color: TIMELINE_COLORS[x.kind] ?? 'gray',
                  title: (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(x.at).format('YYYY-MM-DD HH:mm')} · {x.userName ?? empty}
                    </Typography.Text>
                  ),
                  content: (
                    <span>
                      {x.kind === 'note' && <Tag>{t('ent.tl.note')}</Tag>}
                      <span style={{ whiteSpace: 'pre-wrap' }}>{timelineText(x)}</span>
                      {x.entityId !== e.id && (
                        <Typography.Text type="secondary">
                          {' '}
                          （{t('ent.tl.fromMerged')} #{x.entityId}）
                        </Typography.Text>
                      )}
                    </span>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>

      <Modal
        open={contactOpen}
        title={t('ent.addContact')}
        onCancel={() => setContactOpen(false)}
        onOk={() => void addContact()}
        confirmLoading={busy}
        forceRender
      >
        <Form form={contactForm} layout="vertical">
          <ContactFields />
        </Form>
      </Modal>
      {mergeOpen && (
        <MergeModal
          enterprise={e}
          onClose={() => setMergeOpen(false)}
          onMerged={(target) => {
            setMergeOpen(false);
            navigate(`/enterprises/${target}`);
          }}
        />
      )}
      <EnterpriseDrawer
        panel={panel}
        refs={refs}
        onClose={() => setPanel(null)}
        onConflict={() => void load()}
        onSaved={(saved) => {
          setPanel(null);
          setE(saved);
        }}
      />
    </Space>
  );
}

interface MergeOption {
  value: number;
  label: string;
}

/** Picks the record to keep: the similar ones first, then any found by name or credit code. */
function MergeModal({
  enterprise,
  onClose,
  onMerged,
}: {
  enterprise: EnterpriseDetail;
  onClose: () => void;
  onMerged: (intoId: number) => void;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<MergeOption[]>([]);
  const [intoId, setIntoId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api
      .get<SimilarResponse>('/api/enterprises/similar', {
        name: enterprise.name,
        uscc: enterprise.uscc ?? undefined,
        excludeId: enterprise.id,
      })
      .then((r) =>
        setOptions(
          r.items.map((x) => ({
            value: x.id,
            label: `${x.name}（${x.ownerUnitName}${x.uscc ? ` · ${x.uscc}` : ''}）`,
          })),
        ),
      )
      .catch(() => {});
  }, [enterprise]);

  const search = useMemo(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return (q: string) => {
      clearTimeout(timer);
      if (!q.trim()) return;
      timer = setTimeout(() => {
        api
          .get<EnterprisePage>('/api/enterprises', { q: q.trim(), pageSize: 20 })
          .then((r) =>
            setOptions(
              r.items
                .filter((x) => x.id !== enterprise.id)
                .map((x) => ({ value: x.id, label: `${x.name}（${x.ownerUnitName}${x.uscc ? ` · ${x.uscc}` : ''}）` })),
            ),
          )
          .catch(() => {});
      }, 250);
    };
  }, [enterprise.id]);

  const merge = async () => {
    if (!intoId) return;
    setSaving(true);
    try {
      const r = await api.post<EnterpriseDetail & { moved: { contacts: number; leads: number; projects: number } }>(
        `/api/enterprises/${enterprise.id}/merge`,
        { intoId, version: enterprise.version },
      );
      toast('success', t('ent.mergeDone', r.moved));
      onMerged(intoId);
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('ent.mergeTitle', { name: enterprise.name })}
      onCancel={onClose}
      onOk={() => void merge()}
      okButtonProps={{ danger: true, disabled: !intoId }}
      confirmLoading={saving}
      okText={t('ent.merge')}
    >
      <Typography.Paragraph type="secondary">{t('ent.mergeHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('ent.mergeInto')} required>
          <Select<number>
            value={intoId ?? undefined}
            onChange={setIntoId}
            options={options}
            placeholder={t('ent.mergeSearch')}
            showSearch={{ filterOption: false, onSearch: search }}
            data-testid="merge-target"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
