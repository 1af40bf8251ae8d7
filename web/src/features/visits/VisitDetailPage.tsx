// One visit: whom it met, the units that went, and the leads it produced (each links to the lead).
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Divider, Tag } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { formatAmount } from '../../lib/amounts';
import { useRemote } from '../shell/useRemote';
import type { VisitDetail } from './types';

export default function VisitDetailPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const { data: v, loading } = useRemote<VisitDetail | null>(`/api/visits/${id}`, {}, null);
  return (
    <Card title={t('visits.detail')} loading={loading && !v} data-testid="visit-detail">
      {v && (
        <>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('visits.date')}>{v.visitDate}</Descriptions.Item>
            <Descriptions.Item label={t('visits.kind')}>{t(`visits.kind.${v.kind}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('visits.status')}>
              {t(`visits.status.${v.status}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.region')}>
              {v.regionGroup ? t(`visits.region.${v.regionGroup}` as MessageKey) : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.units')}>{v.units.map((u) => u.name).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('visits.outcome')}>{v.outcome}</Descriptions.Item>
          </Descriptions>
          <Divider titlePlacement="start">{t('visits.counterparts')}</Divider>
          <ul>
            {v.counterparts.map((c) => (
              <li key={`${c.enterpriseId ?? ''}-${c.organisationId ?? ''}`}>
                {c.name} <Tag>{t(`visits.orgKind.${c.kind}` as MessageKey)}</Tag>
              </li>
            ))}
          </ul>
          <Divider titlePlacement="start">{t('visits.leads')}</Divider>
          <ul data-testid="visit-leads">
            {v.leads.map((l) => (
              <li key={l.id}>
                <Link to={`/leads/${l.id}`}>{l.title}</Link> {formatAmount(l.intendedAmount, t) ?? ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
