// 组织机构 — units as a tree. Editing needs org.manage; the server checks codes, parents and versions.
import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, changedFields } from '../../api/client';
import { UNIT_KINDS, type Unit } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { buildUnitTree, subtreeIds, UnitTreeSelect, useUnits, type UnitNode } from './unitTree';

interface UnitForm {
  code: string;
  name: string;
  shortName?: string | null;
  kind: string;
  parentId?: number | null;
  divisionCode?: string | null;
  sort?: number | null;
  active?: boolean;
}

const KIND_COLORS: Record<string, string> = {
  city: 'red',
  leading_group: 'volcano',
  office: 'orange',
  bureau: 'gold',
  department: 'blue',
  county: 'green',
  district: 'cyan',
  zone: 'purple',
  park: 'geekblue',
  outpost: 'magenta',
};

function filterTree(nodes: UnitNode[], q: string): UnitNode[] {
  const out: UnitNode[] = [];
  for (const n of nodes) {
    const kids = n.children ? filterTree(n.children, q) : [];
    const hit = [n.name, n.shortName, n.code].some((s) => s?.toLowerCase().includes(q));
    if (hit || kids.length) out.push({ ...n, children: kids.length ? kids : hit ? n.children : undefined });
  }
  return out;
}

export default function UnitsPage() {
  const { t, tk } = useI18n();
  const { can } = useAuth();
  const canManage = can('org.manage');
  const { units, loading, reload } = useUnits();
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<number[]>([]);
  const [editing, setEditing] = useState<{ mode: 'create'; parentId?: number } | { mode: 'edit'; unit: Unit } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<UnitForm>();

  const parentIds = useMemo(
    () => [...new Set(units.map((u) => u.parentId).filter((x): x is number => x != null))],
    [units],
  );
  useEffect(() => {
    setExpanded(parentIds);
  }, [parentIds]);
  useEffect(() => {
    if (q) setExpanded(parentIds);
  }, [q, parentIds]);

  const tree = useMemo(() => {
    const all = buildUnitTree(units);
    const needle = q.trim().toLowerCase();
    return needle ? filterTree(all, needle) : all;
  }, [units, q]);

  const excludeForParent = useMemo(
    () => (editing?.mode === 'edit' ? subtreeIds(units, editing.unit.id) : undefined),
    [editing, units],
  );

  const openCreate = (parentId?: number) => {
    form.resetFields();
    form.setFieldsValue({ parentId: parentId ?? null, sort: 0, kind: undefined });
    setEditing({ mode: 'create', parentId });
  };
  const openEdit = (u: Unit) => {
    form.resetFields();
    form.setFieldsValue({ ...u });
    setEditing({ mode: 'edit', unit: u });
  };

  const reloadEdited = async (id: number) => {
    const fresh = (await reload()).find((u) => u.id === id);
    if (fresh) {
      form.setFieldsValue({ ...fresh });
      setEditing({ mode: 'edit', unit: fresh });
      toast('info', t('error.conflictReloaded'), 'conflict-reloaded');
    } else {
      setEditing(null);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const body: UnitForm = {
      code: v.code.trim(),
      name: v.name.trim(),
      shortName: v.shortName?.trim() || null,
      kind: v.kind,
      parentId: v.parentId ?? null,
      divisionCode: v.divisionCode?.trim() || null,
      sort: v.sort ?? 0,
    };
    setSaving(true);
    try {
      if (editing?.mode === 'edit') {
        const u = editing.unit;
        const patch = changedFields(u as unknown as Record<string, unknown>, { ...body, active: v.active ?? u.active });
        if (Object.keys(patch).length) await api.patch(`/api/units/${u.id}`, { ...patch, version: u.version });
        toast('success', t('common.saved'));
      } else {
        const createBody = Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null));
        await api.post('/api/units', createBody);
        toast('success', t('common.created'));
      }
      setEditing(null);
      await reload();
    } catch (e) {
      reportError(e, {
        form,
        onConflict: () => {
          if (editing?.mode === 'edit') void reloadEdited(editing.unit.id);
        },
      });
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<UnitNode> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, u) => (
        <span>
          <Typography.Text strong={u.parentId == null}>{name}</Typography.Text>
          {u.shortName && u.shortName !== name && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {u.shortName}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('units.code'),
      dataIndex: 'code',
      key: 'code',
      width: 140,
      render: (c: string) => <span className="magnet-mono">{c}</span>,
    },
    {
      title: t('units.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 130,
      render: (k: string) => <Tag color={KIND_COLORS[k]}>{tk(`unitKind.${k}`, k)}</Tag>,
    },
    {
      title: t('units.divisionCode'),
      dataIndex: 'divisionCode',
      key: 'divisionCode',
      width: 130,
      responsive: ['md'],
      render: (d: string | null) => d ?? t('common.empty'),
    },
    { title: t('units.sort'), dataIndex: 'sort', key: 'sort', width: 80, responsive: ['lg'] },
    {
      title: t('units.active'),
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (a: boolean) => (a ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => openEdit(u)} data-testid={`unit-edit-${u.id}`}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => openCreate(u.id)}>
            {t('units.addChild')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <Card title={t('units.title')}>
      <div className="magnet-toolbar">
        <Input.Search
          allowClear
          placeholder={t('units.searchPlaceholder')}
          style={{ maxWidth: 320 }}
          onSearch={setQ}
          onChange={(e) => {
            if (!e.target.value) setQ('');
          }}
        />
        <Button onClick={() => setExpanded(units.map((u) => u.id))}>{t('units.expandAll')}</Button>
        <Button onClick={() => setExpanded([])}>{t('units.collapseAll')}</Button>
        <span className="spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
          {t('common.refresh')}
        </Button>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openCreate()} data-testid="unit-create">
            {t('units.add')}
          </Button>
        )}
      </div>
      <Table<UnitNode>
        data-testid="units-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={tree}
        pagination={false}
        scroll={{ x: 800 }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys as number[]),
        }}
      />
      <Modal
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('units.editTitle', { name: editing.unit.name }) : t('units.createTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        okText={t('common.save')}
        confirmLoading={saving}
        forceRender
        width={560}
      >
        <Form<UnitForm> form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('units.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="code"
                label={t('units.code')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={32} className="magnet-mono" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="shortName" label={t('units.shortName')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: tk(`unitKind.${k}`, k) }))} />
          </Form.Item>
          <Form.Item name="parentId" label={t('units.parent')}>
            <UnitTreeSelect units={units} exclude={excludeForParent} placeholder={t('units.noParent')} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={16}>
              <Form.Item name="divisionCode" label={t('units.divisionCode')} extra={t('units.divisionHint')}>
                <Input maxLength={6} inputMode="numeric" className="magnet-mono" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="sort" label={t('units.sort')}>
                <InputNumber style={{ width: '100%' }} precision={0} min={0} />
              </Form.Item>
            </Col>
          </Row>
          {editing?.mode === 'edit' && (
            <Form.Item name="active" label={t('units.active')} valuePropName="checked">
              <Switch checkedChildren={t('common.enabled')} unCheckedChildren={t('common.disabled')} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
