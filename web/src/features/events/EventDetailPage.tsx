// One event and the projects signed there: those first signed here count; one shown again is "re-signed, not counted".
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Table, Tag } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { formatAmount } from '../../lib/amounts';
import { useRemote } from '../shell/useRemote';
import type { EventDetail, Signing } from './types';

const STATUS_COLORS: Record<Signing['countStatus'], string> = {
  counted: 'green',
  pending: 'gold',
  resigned: 'default',
  returned: 'red',
};

export default function EventDetailPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const { data: e, loading } = useRemote<EventDetail | null>(`/api/events/${id}`, {}, null);
  return (
    <Card title={e?.name ?? t('events.title')} loading={loading && !e} data-testid="event-detail">
      {e && (
        <>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('events.type')}>{t(`events.type.${e.type}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('events.level')}>
              {t(`events.level.${e.level}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('events.dates')}>
              {e.startDate} ~ {e.endDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.region')}>
              {t(`visits.region.${e.regionGroup}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('events.organiser')}>{e.organiser}</Descriptions.Item>
            <Descriptions.Item label={t('events.signedCount')}>{e.signedCount}</Descriptions.Item>
            <Descriptions.Item label={t('events.signedAmount')}>{formatAmount(e.signedAmount, t)}</Descriptions.Item>
            <Descriptions.Item label={t('events.majorCount')}>{e.majorCount}</Descriptions.Item>
          </Descriptions>
          <Table<Signing>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={e.signings}
            data-testid="event-signings"
            columns={[
              {
                title: t('events.project'),
                dataIndex: 'projectName',
                render: (n: string, s) => <Link to={`/projects/${s.projectId}`}>{n}</Link>,
              },
              {
                title: t('events.signedAmount'),
                dataIndex: 'signedAmount',
                width: 140,
                render: (v: string | null) => formatAmount(v, t),
              },
              {
                title: t('events.countStatus'),
                dataIndex: 'countStatus',
                width: 160,
                render: (s: Signing['countStatus']) => (
                  <Tag color={STATUS_COLORS[s]}>{t(`events.countStatus.${s}` as MessageKey)}</Tag>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
