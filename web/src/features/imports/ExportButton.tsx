// “导出 Excel” for the entity list pages: exports the list as it is filtered, within the user's data scope
// (the server applies the scope and masks phone numbers for roles that only read).
//
//   <ExportButton entity="project" filters={{ q, stage: stages.join(','), ownerUnitId }} />
import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Query } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError, toast } from '../shell/feedback';
import { download, type ImportEntity } from './api';

export interface ExportButtonProps {
  entity: ImportEntity;
  /** The list's filters, as its query string has them (q, stage, ownerUnitId, clusterId …); empty values are left out. */
  filters?: Query;
  size?: 'small' | 'middle' | 'large';
}

export function ExportButton({ entity, filters, size }: ExportButtonProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download(`/api/exports/${entity}`, filters);
      toast('success', t('exports.done'));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('exports.hint')}>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={() => void run()}
        size={size}
        data-testid={`export-${entity}`}
      >
        {t('exports.button')}
      </Button>
    </Tooltip>
  );
}

export default ExportButton;
