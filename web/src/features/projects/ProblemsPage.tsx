// 问题诉求: problems of projects in my scope and problems assigned to my department. A department sees projects
// outside its scope only as a read-only summary (name, county, stage) and answers the problem.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { useRemote } from '../shell/useRemote';
import { fmtDate, PROBLEM_COLORS } from './format';
import { ProblemEditButton } from './ProjectDetailPage';
import { PROBLEM_STATUSES, type Problem } from './types';
import { useProjectRefs } from './useProjectRefs';

export default function ProblemsPage() {
  const { t, tk } = useI18n();
  const { can, user } = useAuth();
  const refs = useProjectRefs();
  // Departments start with what is assigned to them; everyone else with all the problems they can see.
  const [scope, setScope] = useState<'mine' | 'all'>(user?.role === 'department_staff' ? 'mine' : 'all');
  const [status, setStatus] = useState<string | undefined>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, loading, load } = useRemote<{ items: Problem[]; total: number }>(
    '/api/projects/problems',
    { status, assignedToMe: scope === 'mine' ? 'true' : undefined, ...page },
    { items: [], total: 0 },
  );

  const columns: TableColumnsType<Problem> = [
    {
      title: t('projects.name'),
      key: 'project',
      width: 240,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          {p.projectInScope ? (
            <Link to={`/projects/${p.projectId}`}>{p.projectName}</Link>
          ) : (
            <Tooltip title={t('projects.problem.summaryOnly')}>
              <Typography.Text>{p.projectName}</Typography.Text>
            </Tooltip>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.projectOwnerUnitName} · {refs.stageLabel(p.projectStage)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('projects.problem.content'), dataIndex: 'content', key: 'content' },
    {
      title: t('projects.problem.department'),
      dataIndex: 'departmentName',
      key: 'dept',
      width: 170,
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
    { title: t('projects.problem.createdAt'), dataIndex: 'createdAt', key: 'at', width: 110, render: fmtDate },
    ...(can('business.write')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, p: Problem) => <ProblemEditButton problem={p} onDone={() => void load()} />,
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('projects.problems.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <div className="magnet-toolbar">
        <Segmented
          value={scope}
          onChange={(v) => {
            setScope(v as 'mine' | 'all');
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'mine', label: t('projects.problems.mine') },
            { value: 'all', label: t('projects.problems.all') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('projects.problem.status')}
          style={{ width: 140 }}
          value={status}
          options={PROBLEM_STATUSES.map((s) => ({ value: s, label: tk(`projects.problemStatus.${s}`, s) }))}
          onChange={(v?: string) => {
            setStatus(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
        />
      </div>
      <Table<Problem>
        data-testid="problems-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 1000 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </Card>
  );
}
