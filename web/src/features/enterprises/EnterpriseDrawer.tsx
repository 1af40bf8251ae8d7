// Create or edit an enterprise. While the name and credit code are typed, records that look like the same company
// are shown (GET /api/enterprises/similar); saving a new record next to them asks for a confirmation first.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  Drawer,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, changedFields } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import type { DivisionOption, EnterpriseDetail, SimilarResponse } from './types';
import type { EnterpriseRefs } from './useEnterpriseRefs';

interface ContactForm {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
  isPrimary?: boolean;
}
interface FormValues {
  name: string;
  uscc?: string | null;
  ownership?: string | null;
  tiers?: string[];
  hqMode: 'domestic' | 'abroad';
  hqDivision?: string | null;
  hqCountry?: string | null;
  industryCode?: string | null;
  clusterId?: number | null;
  registeredCapital?: string | null;
  website?: string | null;
  notes?: string | null;
  teamId?: number | null;
  ownerUnitId?: number;
  contacts?: ContactForm[];
}

export type DrawerMode = { mode: 'create' } | { mode: 'edit'; enterprise: EnterpriseDetail };

interface Props {
  panel: DrawerMode | null;
  refs: EnterpriseRefs;
  onClose: () => void;
  onSaved: (e: EnterpriseDetail, created: boolean) => void;
  /** Reload the record after a version conflict. */
  onConflict?: () => void;
}

const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

export function EnterpriseDrawer({ panel, refs, onClose, onSaved, onConflict }: Props) {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [similar, setSimilar] = useState<SimilarResponse | null>(null);
  const [divisions, setDivisions] = useState<DivisionOption[]>([]);
  const name = Form.useWatch('name', form);
  const uscc = Form.useWatch('uscc', form);
  const hqMode = Form.useWatch('hqMode', form);
  const isBureau = user?.role === 'bureau_staff';
  const editing = panel?.mode === 'edit' ? panel.enterprise : null;
  const seq = useRef(0);

  useEffect(() => {
    if (!panel) return;
    form.resetFields();
    setSimilar(null);
    if (panel.mode === 'edit') {
      const e = panel.enterprise;
      form.setFieldsValue({
        name: e.name,
        uscc: e.uscc,
        ownership: e.ownership,
        tiers: e.tiers,
        hqMode: e.hqCountry ? 'abroad' : 'domestic',
        hqDivision: e.hqDivision,
        hqCountry: e.hqCountry,
        industryCode: e.industryCode,
        clusterId: e.clusterId,
        registeredCapital: e.registeredCapital,
        website: e.website,
        notes: e.notes,
        teamId: e.teamId,
      });
      setDivisions(
        e.hqDivision
          ? [
              {
                code: e.hqDivision,
                name: e.hqDivisionName ?? e.hqDivision,
                fullName: e.hqDivisionName ?? e.hqDivision,
                level: '',
              },
            ]
          : [],
      );
    } else {
      form.setFieldsValue({ hqMode: 'domestic', tiers: [], ownerUnitId: user?.unitId, contacts: [] });
      setDivisions([]);
    }
  }, [panel, form, user?.unitId]);

  // The duplicate check, a moment after typing stops.
  useEffect(() => {
    if (!panel) return;
    const n = (name ?? '').trim();
    const u = (uscc ?? '').trim();
    if (n.length < 2 && u.length < 18) {
      setSimilar(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api
        .get<SimilarResponse>('/api/enterprises/similar', {
          name: n || undefined,
          uscc: u || undefined,
          excludeId: editing?.id,
        })
        .then((r) => {
          if (seq.current === mine) setSimilar(r);
        })
        .catch(() => {
          /* the check is advisory; saving still checks the credit code */
        });
    }, 400);
    return () => clearTimeout(timer);
  }, [name, uscc, panel, editing?.id]);

  const searchDivisions = useMemo(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return (q: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        api
          .get<{ items: DivisionOption[] }>('/api/reference/divisions', { q, limit: 30 })
          .then((r) => setDivisions(r.items))
          .catch(() => {});
      }, 250);
    };
  }, []);

  const similarCount = (similar?.items.length ?? 0) + (similar?.othersCount ?? 0);

  const confirmSimilar = () =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('ent.similarConfirmTitle'),
        content: t('ent.similarConfirm'),
        okText: t('common.save'),
        cancelText: t('common.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const submit = async () => {
    if (!panel) return;
    const v = await form.validateFields();
    const abroad = v.hqMode === 'abroad';
    const body = {
      name: v.name.trim(),
      uscc: clean(v.uscc)?.toUpperCase() ?? null,
      ownership: v.ownership ?? null,
      tiers: v.tiers ?? [],
      hqDivision: abroad ? null : (v.hqDivision ?? null),
      hqCountry: abroad ? clean(v.hqCountry) : null,
      industryCode: clean(v.industryCode),
      clusterId: v.clusterId ?? null,
      registeredCapital: clean(v.registeredCapital),
      website: clean(v.website),
      notes: clean(v.notes),
      teamId: v.teamId ?? null,
    };
    if (panel.mode === 'create' && similarCount > 0 && !(await confirmSimilar())) return;
    setSaving(true);
    try {
      if (panel.mode === 'edit') {
        const e = panel.enterprise;
        const patch = changedFields(
          e as unknown as Record<string, unknown>,
          body as unknown as Record<string, unknown>,
        );
        const saved = Object.keys(patch).length
          ? await api.patch<EnterpriseDetail>(`/api/enterprises/${e.id}`, { ...patch, version: e.version })
          : e;
        toast('success', t('common.saved'));
        onSaved(saved, false);
      } else {
        const contacts = (v.contacts ?? [])
          .filter((c) => c?.name?.trim())
          .map((c, i) => ({
            name: c.name.trim(),
            title: clean(c.title),
            phone: clean(c.phone),
            email: clean(c.email),
            isPrimary: i === 0,
          }));
        const payload = {
          ...Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null)),
          ...(isBureau && v.ownerUnitId ? { ownerUnitId: v.ownerUnitId } : {}),
          contacts,
        };
        const saved = await api.post<EnterpriseDetail>('/api/enterprises', payload);
        toast('success', t('common.created'));
        onSaved(saved, true);
      }
    } catch (e) {
      reportError(e, { form, onConflict });
    } finally {
      setSaving(false);
    }
  };

  const title = panel?.mode === 'edit' ? t('ent.editTitle', { name: panel.enterprise.name }) : t('ent.createTitle');

  return (
    <Drawer
      open={panel !== null}
      title={title}
      onClose={onClose}
      size={640}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="enterprise-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {similar && similarCount > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="enterprise-similar"
          title={t('ent.similarTitle', { count: similarCount })}
          description={
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              {similar.tradeName && (
                <Typography.Text type="secondary">
                  {t('ent.tradeName')}：{similar.tradeName}
                </Typography.Text>
              )}
              {similar.items.map((s) => (
                <span key={s.id}>
                  <Link to={`/enterprises/${s.id}`} target="_blank">
                    {s.name}
                  </Link>{' '}
                  <Typography.Text type="secondary">
                    {s.ownerUnitName}
                    {s.uscc ? ` · ${s.uscc}` : ''}
                  </Typography.Text>{' '}
                  {s.sameUscc ? (
                    <Tag color="red">{t('ent.sameUscc')}</Tag>
                  ) : (
                    <Tag>{t('ent.similarity', { score: Math.round(s.score * 100) })}</Tag>
                  )}
                </span>
              ))}
              {similar.othersCount > 0 && (
                <Typography.Text type="secondary">
                  {t('ent.similarOthers', { count: similar.othersCount })}
                </Typography.Text>
              )}
            </Space>
          }
        />
      )}
      <Form<FormValues> form={form} layout="vertical" data-testid="enterprise-form">
        <Form.Item
          name="name"
          label={t('ent.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input id="enterprise-name" maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="uscc" label={t('ent.uscc')} normalize={(x: string) => x?.toUpperCase()}>
              <Input
                id="enterprise-uscc"
                maxLength={18}
                className="magnet-mono"
                placeholder={t('ent.usccPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="ownership" label={t('ent.ownership')}>
              <Select allowClear options={refs.ownershipOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tiers" label={t('ent.tiers')}>
          <Select mode="multiple" allowClear options={refs.tierOptions} />
        </Form.Item>
        <Form.Item label={t('ent.hq')} required={false} style={{ marginBottom: 0 }}>
          <Row gutter={8}>
            <Col xs={24} sm={7}>
              <Form.Item name="hqMode">
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'domestic', label: t('ent.hqDomestic') },
                    { value: 'abroad', label: t('ent.hqAbroad') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={17}>
              {hqMode === 'abroad' ? (
                <Form.Item name="hqCountry">
                  <Input maxLength={50} placeholder={t('ent.countryPlaceholder')} />
                </Form.Item>
              ) : (
                <Form.Item name="hqDivision">
                  <Select
                    allowClear
                    placeholder={t('ent.divisionPlaceholder')}
                    showSearch={{ filterOption: false, onSearch: searchDivisions }}
                    onFocus={() => {
                      if (!divisions.length) searchDivisions('');
                    }}
                    options={divisions.map((d) => ({ value: d.code, label: `${d.fullName}（${d.code}）` }))}
                    data-testid="enterprise-division"
                  />
                </Form.Item>
              )}
            </Col>
          </Row>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="industryCode" label={t('ent.industry')}>
              <AutoComplete
                allowClear
                placeholder={t('ent.industryPlaceholder')}
                options={refs.industryOptions}
                showSearch={{
                  filterOption: (input, option) =>
                    String(option?.label ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase()),
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="clusterId" label={t('ent.cluster')}>
              <Select allowClear options={refs.clusterOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="registeredCapital"
              label={t('ent.capital')}
              rules={[{ pattern: /^\d{1,10}(\.\d{1,2})?$/, message: t('ent.capitalPlaceholder') }]}
            >
              <Input inputMode="decimal" suffix={t('unit.wan')} placeholder={t('ent.capitalPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="website" label={t('ent.website')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {panel?.mode === 'create' && (
          <Form.Item
            name="ownerUnitId"
            label={t('ent.ownerUnit')}
            extra={isBureau ? undefined : t('ent.ownerUnitHint')}
          >
            {isBureau ? (
              <Select showSearch={{ optionFilterProp: 'label' }} options={refs.unitOptions} />
            ) : (
              <Typography.Text>{user?.unitName}</Typography.Text>
            )}
          </Form.Item>
        )}
        {panel?.mode === 'edit' && (
          <Form.Item label={t('ent.ownerUnit')}>
            <Typography.Text>{panel.enterprise.ownerUnitName}</Typography.Text>
          </Form.Item>
        )}
        {can('org.read') && (
          <Form.Item name="teamId" label={t('ent.team')}>
            <Select
              allowClear
              placeholder={t('ent.noTeam')}
              options={refs.teamOptions}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('ent.notes')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {panel?.mode === 'create' && (
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                <Typography.Title level={5}>{t('ent.contacts')}</Typography.Title>
                {fields.map((f) => (
                  <Row key={f.key} gutter={8} align="top">
                    <Col xs={12} sm={5}>
                      <Form.Item
                        name={[f.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                      >
                        <Input placeholder={t('ent.contactName')} maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={5}>
                      <Form.Item name={[f.name, 'title']}>
                        <Input placeholder={t('ent.contactTitle')} maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item name={[f.name, 'phone']}>
                        <Input placeholder={t('ent.contactPhone')} maxLength={20} inputMode="tel" />
                      </Form.Item>
                    </Col>
                    <Col xs={10} sm={7}>
                      <Form.Item name={[f.name, 'email']}>
                        <Input placeholder={t('ent.contactEmail')} maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} sm={1}>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('common.delete')}
                      />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} block>
                  {t('ent.addContact')}
                </Button>
              </>
            )}
          </Form.List>
        )}
      </Form>
    </Drawer>
  );
}

/** A small form for one contact, used by the detail page. */
export function ContactFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="name"
        label={t('ent.contactName')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="title" label={t('ent.contactTitle')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="phone" label={t('ent.contactPhone')}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="email" label={t('ent.contactEmail')}>
        <Input maxLength={100} inputMode="email" />
      </Form.Item>
      <Form.Item name="isPrimary" label={t('ent.contactPrimary')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}
