// All results of the one search box, grouped by kind (top 10 of each, within the user's data scope).
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Col, Empty, Input, List, Row, Spin, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { SEARCH_GROUPS, useSearch } from './useSearch';

export default function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const { result, loading } = useSearch(q, 0);

  return (
    <Card title={t('search.title')}>
      <Input.Search
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
        allowClear
        enterButton
        maxLength={50}
        style={{ maxWidth: 480, marginBottom: 8 }}
        placeholder={t('search.placeholder')}
        data-testid="search-page-input"
      />
      <div style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{q ? t('search.resultsFor', { q }) : t('search.hint')}</Typography.Text>
      </div>
      <Spin spinning={loading}>
        <Row gutter={[16, 16]}>
          {SEARCH_GROUPS.map((g) => (
            <Col key={g.key} xs={24} lg={8}>
              <Card
                size="small"
                title={`${t(g.label)}（${result[g.key].length}）`}
                data-testid={`search-group-${g.key}`}
              >
                {result[g.key].length ? (
                  <List
                    size="small"
                    dataSource={result[g.key]}
                    renderItem={(h) => (
                      <List.Item>
                        <div>
                          <Link to={`${g.path}/${h.id}`}>{h.name}</Link>
                          {h.subtitle && (
                            <div>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {h.subtitle}
                              </Typography.Text>
                            </div>
                          )}
                        </div>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.empty')} />
                )}
              </Card>
            </Col>
          ))}
        </Row>
      </Spin>
    </Card>
  );
}
