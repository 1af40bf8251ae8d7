// 我的视图: a user's named filters for one list (/api/saved-views?entity=…). Picking a view hands its filters to the
// page (onApply); saving stores the page's current filters under a name. Views are personal and never shared.
import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError, toast } from './feedback';

/** The lists that keep saved views (VIEW_ENTITIES on the server). */
export type SavedViewEntity = 'projects' | 'enterprises' | 'leads';

export interface SavedView {
  id: number;
  entity: string;
  name: string;
  filters: Record<string, unknown>;
  createdAt: string;
}

/** True when some filter holds a value (empty strings and empty lists count as unset). */
export const hasFilterValues = (filters: object) =>
  Object.values(filters).some((v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length));

export interface SavedViewsProps<F extends object> {
  entity: SavedViewEntity;
  /** The list's current filters (only the filters: no paging or sorting). */
  filters: F;
  /** Called with a view's filters when it is picked, and with {} when the pick is cleared. */
  onApply: (filters: F) => void;
}

export function SavedViews<F extends object>({ entity, filters, onApply }: SavedViewsProps<F>) {
  const { t } = useI18n();
  const [views, setViews] = useState<SavedView[]>([]);
  const [viewName, setViewName] = useState<string | null>(null);
  const hasFilters = hasFilterValues(filters);

  const loadViews = useCallback(() => {
    api
      .get<{ items: SavedView[] }>('/api/saved-views', { entity })
      .then((r) => setViews(r.items))
      .catch(() => {});
  }, [entity]);
  useEffect(loadViews, [loadViews]);
  // Filters reset on the page: no view is shown as picked any more.
  useEffect(() => {
    if (!hasFilters) setViewName(null);
  }, [hasFilters]);

  const saveView = () => {
    let name = '';
    Modal.confirm({
      title: t('views.saveTitle'),
      content: (
        <Input
          autoFocus
          maxLength={50}
          placeholder={t('views.namePlaceholder')}
          onChange={(e) => {
            name = e.target.value;
          }}
          data-testid="view-name"
        />
      ),
      onOk: async () => {
        try {
          await api.post('/api/saved-views', { entity, name: name.trim(), filters });
          toast('success', t('common.saved'));
          loadViews();
        } catch (e) {
          reportError(e);
          throw e;
        }
      },
    });
  };
  const applyView = (id: number | undefined) => {
    const v = views.find((x) => x.id === id);
    setViewName(v?.name ?? null);
    onApply((v?.filters ?? {}) as F);
  };
  const deleteView = async (id: number) => {
    try {
      await api.del(`/api/saved-views/${id}`);
      loadViews();
      setViewName(null);
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <>
      <Select
        allowClear
        placeholder={t('views.placeholder')}
        style={{ width: 200 }}
        value={views.find((v) => v.name === viewName)?.id}
        options={views.map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id?: number) => applyView(id)}
        data-testid={`saved-views-${entity}`}
        optionRender={(o) => (
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <span>{o.label}</span>
            <Popconfirm
              title={t('views.deleteConfirm')}
              onConfirm={(e) => {
                e?.stopPropagation();
                void deleteView(o.value as number);
              }}
            >
              <DeleteOutlined onClick={(e) => e.stopPropagation()} />
            </Popconfirm>
          </Space>
        )}
      />
      <Button icon={<SaveOutlined />} onClick={saveView} disabled={!hasFilters}>
        {t('views.save')}
      </Button>
    </>
  );
}
