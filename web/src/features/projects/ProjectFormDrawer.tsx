// Create or edit a project. Before a new project is saved, the server looks for duplicates (same code or credit code,
// same investor with a similar name or an amount within 10%); the user sees them and must confirm to go on.
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, changedFields } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { formatAmount } from './format';
import { CAPITAL_ORIGINS, type Duplicates, type Project } from './types';
import type { ProjectRefs } from './useProjectRefs';

interface FormValues {
  name: string;
  code?: string | null;
  enterpriseId?: number | null;
  investorName?: string | null;
  ownerUnitId?: number | null;
  teamId?: number | null;
  clusterId?: number | null;
  industryCode?: string | null;
  parkUnitId?: number | null;
  totalInvestment?: string | null;
  fixedAssetInvestment?: string | null;
  foreignCapital?: string | null;
  capitalOrigin?: string | null;
  plannedStartMonth?: Dayjs | null;
  leaderName?: string | null;
  liaisonName?: string | null;
  liaisonPhone?: string | null;
  content?: string | null;
  isNew?: boolean;
  excludedFromCount?: string | null;
}

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;

export function ProjectFormDrawer({
  open,
  project,
  refs,
  onClose,
  onSaved,
}: {
  open: boolean;
  project?: Project;
  refs: ProjectRefs;
  onClose: () => void;
  onSaved: (p: Project) => void;
}) {
  const { t, tk } = useI18n();
  const { user } = useAuth();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [enterprises, setEnterprises] = useState<{ value: number; label: string }[]>([]);
  const search = useRef<ReturnType<typeof setTimeout> | null>(null);
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const needsOwner = user?.role === 'bureau_staff' || user?.role === 'team_member';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (project) {
      form.setFieldsValue({
        ...project,
        plannedStartMonth: project.plannedStartMonth ? dayjs(project.plannedStartMonth) : null,
      });
      setEnterprises(
        project.enterpriseId
          ? [{ value: project.enterpriseId, label: project.enterpriseName ?? String(project.enterpriseId) }]
          : [],
      );
    } else {
      form.setFieldsValue({ isNew: true });
    }
  }, [open, project, form]);

  const findEnterprises = (q: string) => {
    if (search.current) clearTimeout(search.current);
    search.current = setTimeout(() => {
      api
        .get<{ items: { id: number; name: string }[] }>('/api/enterprises', { q, pageSize: 20 })
        .then((r) => setEnterprises(r.items.map((e) => ({ value: e.id, label: e.name }))))
        .catch(() => {});
    }, 250);
  };

  const bodyOf = (v: FormValues) => {
    const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
    return {
      name: v.name.trim(),
      code: clean(v.code),
      enterpriseId: v.enterpriseId ?? null,
      investorName: clean(v.investorName),
      ownerUnitId: v.ownerUnitId ?? null,
      teamId: v.teamId ?? null,
      clusterId: v.clusterId ?? null,
      industryCode: v.industryCode ?? null,
      parkUnitId: v.parkUnitId ?? null,
      totalInvestment: clean(v.totalInvestment),
      fixedAssetInvestment: clean(v.fixedAssetInvestment),
      foreignCapital: clean(v.foreignCapital),
      capitalOrigin: v.enterpriseId ? null : (v.capitalOrigin ?? null),
      plannedStartMonth: v.plannedStartMonth ? v.plannedStartMonth.format('YYYY-MM') : null,
      leaderName: clean(v.leaderName),
      liaisonName: clean(v.liaisonName),
      liaisonPhone: clean(v.liaisonPhone),
      content: clean(v.content),
      isNew: v.isNew ?? true,
      excludedFromCount: clean(v.excludedFromCount),
    };
  };

  /** Shows the look-alikes; resolves true when the user still wants to save. */
  const confirmDuplicates = (d: Duplicates) =>
    new Promise<boolean>((resolve) => {
      Modal.confirm({
        title: t('projects.dup.title'),
        width: 640,
        okText: t('projects.dup.saveAnyway'),
        okButtonProps: { danger: true },
        content: (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="duplicates">
            <Typography.Text>{t('projects.dup.intro')}</Typography.Text>
            <List
              size="small"
              bordered
              dataSource={d.candidates}
              renderItem={(c) => (
                <List.Item>
                  <Space orientation="vertical" size={0}>
                    <a href={`/projects/${c.id}`} target="_blank" rel="noreferrer">
                      {c.name}
                    </a>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[
                        c.code,
                        c.ownerUnitName,
                        c.investor,
                        formatAmount(c.totalInvestment, t),
                        refs.stageLabel(c.approvedStage),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                    <Space size={4}>
                      {c.reasons.map((r) => (
                        <Tag key={r} color="orange">
                          {tk(`projects.dup.reason.${r}`, r)}
                        </Tag>
                      ))}
                    </Space>
                  </Space>
                </List.Item>
              )}
            />
            {d.hiddenCount > 0 && (
              <Alert type="warning" showIcon title={t('projects.dup.hidden', { n: d.hiddenCount })} />
            )}
          </Space>
        ),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const submit = async () => {
    const v = await form.validateFields();
    const body = bodyOf(v);
    setSaving(true);
    try {
      let saved: Project;
      if (project) {
        const patch = changedFields(
          { ...project, plannedStartMonth: project.plannedStartMonth?.slice(0, 7) ?? null } as unknown as Record<
            string,
            unknown
          >,
          body,
        );
        saved = Object.keys(patch).length
          ? await api.patch<Project>(`/api/projects/${project.id}`, { ...patch, version: project.version })
          : project;
        toast('success', t('common.saved'));
      } else {
        const dup = await api.post<Duplicates>('/api/projects/duplicates', body);
        let confirm = false;
        if (dup.candidates.length || dup.hiddenCount) {
          if (!(await confirmDuplicates(dup))) return;
          confirm = true;
        }
        saved = await api.post<Project>('/api/projects', {
          ...Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null)),
          confirmDuplicates: confirm,
        });
        toast('success', t('common.created'));
      }
      onSaved(saved);
    } catch (e) {
      reportError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  const amountRule = { pattern: AMOUNT, message: t('projects.form.amountHint') };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      forceRender
      title={project ? t('projects.editTitle', { name: project.name }) : t('projects.createTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="project-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues> form={form} layout="vertical" data-testid="project-form">
        <Form.Item
          name="name"
          label={t('projects.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={200} id="project-name" />
        </Form.Item>
        <Form.Item name="code" label={t('projects.code')} extra={t('projects.form.codeHint')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t('projects.enterprise')} extra={t('projects.form.enterpriseHint')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: findEnterprises }}
            options={enterprises}
            placeholder={t('projects.form.enterpriseSearch')}
          />
        </Form.Item>
        {!enterpriseId && (
          <Form.Item name="investorName" label={t('projects.investorName')}>
            <Input maxLength={100} id="project-investor" />
          </Form.Item>
        )}
        <Form.Item
          name="ownerUnitId"
          label={t('projects.ownerUnit')}
          extra={needsOwner ? t('projects.form.ownerHintRequired') : t('projects.form.ownerHint')}
          rules={needsOwner && !project ? [{ required: true, message: t('common.required') }] : []}
        >
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.landingOptions} />
        </Form.Item>
        <Space style={{ width: '100%' }} align="start" wrap>
          <Form.Item name="clusterId" label={t('projects.cluster')} style={{ width: 180 }}>
            <Select allowClear options={refs.clusterOptions} />
          </Form.Item>
          <Form.Item name="teamId" label={t('projects.team')} style={{ width: 200 }}>
            <Select allowClear options={refs.teamOptions} />
          </Form.Item>
          <Form.Item name="parkUnitId" label={t('projects.park')} style={{ width: 200 }}>
            <Select allowClear options={refs.parkOptions} />
          </Form.Item>
        </Space>
        <Form.Item name="industryCode" label={t('projects.industry')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.industryOptions} />
        </Form.Item>
        <Space style={{ width: '100%' }} align="start" wrap>
          <Form.Item
            name="totalInvestment"
            label={t('projects.totalInvestment')}
            rules={[amountRule]}
            style={{ width: 180 }}
          >
            <Input suffix={t('unit.wan')} inputMode="decimal" id="project-total" />
          </Form.Item>
          <Form.Item
            name="fixedAssetInvestment"
            label={t('projects.fixedAssetInvestment')}
            rules={[amountRule]}
            style={{ width: 180 }}
          >
            <Input suffix={t('unit.wan')} inputMode="decimal" />
          </Form.Item>
          <Form.Item
            name="foreignCapital"
            label={t('projects.foreignCapital')}
            rules={[amountRule]}
            style={{ width: 180 }}
          >
            <Input suffix={t('unit.wanUsd')} inputMode="decimal" />
          </Form.Item>
        </Space>
        {!enterpriseId && (
          <Form.Item name="capitalOrigin" label={t('projects.capitalOrigin')} extra={t('projects.form.originHint')}>
            <Select
              allowClear
              options={CAPITAL_ORIGINS.map((o) => ({ value: o, label: tk(`projects.origin.${o}`, o) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="plannedStartMonth" label={t('projects.plannedStartMonth')}>
          <DatePicker picker="month" />
        </Form.Item>
        <Space style={{ width: '100%' }} align="start" wrap>
          <Form.Item name="leaderName" label={t('projects.leaderName')} style={{ width: 180 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="liaisonName" label={t('projects.liaisonName')} style={{ width: 180 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="liaisonPhone" label={t('projects.liaisonPhone')} style={{ width: 180 }}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Space>
        <Form.Item name="content" label={t('projects.content')}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Space style={{ width: '100%' }} align="start" wrap>
          <Form.Item name="isNew" label={t('projects.isNew')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="excludedFromCount"
            label={t('projects.excludedFromCount')}
            extra={t('projects.form.excludedHint')}
            style={{ width: 360 }}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Space>
        <Typography.Text type="secondary">{t('projects.form.derivedHint')}</Typography.Text>
      </Form>
    </Drawer>
  );
}
