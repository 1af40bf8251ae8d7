// System maintenance for the system administrator: download a backup of the bundled database.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useHealth } from '../shell/useHealth';
import { toast } from '../shell/feedback';

export default function BackupPage() {
  const { t } = useI18n();
  const health = useHealth();
  const [busy, setBusy] = useState(false);
  const embedded = health?.database === 'embedded';

  async function download() {
    setBusy(true);
    try {
      const res = await fetch('/api/admin/backup', { credentials: 'same-origin' });
      if (!res.ok) {
        toast('error', ((await res.json()) as { message: string }).message);
        return;
      }
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'magnet-backup.tar.gz';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
    } catch {
      toast('error', t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('backup.title')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            {
              key: 'db',
              label: t('backup.database'),
              children: health ? (embedded ? t('backup.embedded') : 'PostgreSQL') : '—',
            },
          ]}
        />
        {health && !embedded && <Alert type="info" showIcon title={t('backup.postgres')} />}
        <Button
          type="primary"
          icon={<CloudDownloadOutlined />}
          loading={busy}
          disabled={!embedded}
          onClick={download}
          data-testid="backup-download"
        >
          {t('backup.download')}
        </Button>
        <Typography.Paragraph type="secondary">{t('backup.restoreHint')}</Typography.Paragraph>
        <Typography.Paragraph copyable code>
          npm run restore -- magnet-backup-….tar.gz
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}
