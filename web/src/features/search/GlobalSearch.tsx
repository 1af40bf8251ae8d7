// The one search box in the header: grouped suggestions (企业 / 线索 / 项目) that open the record; Enter opens the results page.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { AutoComplete, Input, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { SEARCH_GROUPS, useSearch } from './useSearch';

export function GlobalSearch({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const { result, loading } = useSearch(q);

  const options = useMemo(
    () =>
      SEARCH_GROUPS.filter((g) => result[g.key].length).map((g) => ({
        label: <Typography.Text strong>{t(g.label)}</Typography.Text>,
        options: result[g.key].map((h) => ({
          value: `${g.path}/${h.id}`,
          label: (
            <div data-testid={`search-hit-${g.key}-${h.id}`}>
              <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{h.name}</div>
              {h.subtitle && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.subtitle}
                </Typography.Text>
              )}
            </div>
          ),
        })),
      })),
    [result, t],
  );

  const empty = q.trim() && !loading && !options.length;

  return (
    <div style={{ lineHeight: 'normal', display: 'flex', alignItems: 'center' }}>
      <AutoComplete
        value={q}
        options={options}
        notFoundContent={empty ? <Typography.Text type="secondary">{t('search.empty')}</Typography.Text> : null}
        onSearch={setQ}
        onSelect={(path: string) => {
          if (path) {
            setQ('');
            navigate(path);
          }
        }}
        popupMatchSelectWidth={compact ? 280 : 400}
        style={{ width: compact ? '100%' : 280 }}
        data-testid="global-search"
      >
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('search.placeholder')}
          maxLength={50}
          onPressEnter={() => {
            if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
          }}
        />
      </AutoComplete>
    </div>
  );
}
