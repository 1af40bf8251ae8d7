// Yellow and red warnings (预警) as tags: no progress for N days, signed but not started by the planned month.
import { Space, Tag, Tooltip } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { WARNING_COLORS } from './format';
import type { ProjectWarning } from './types';

export function WarningTags({ warnings, compact }: { warnings: ProjectWarning[]; compact?: boolean }) {
  const { t, tk } = useI18n();
  if (!warnings.length) return compact ? null : <span style={{ color: '#bbb' }}>{t('common.empty')}</span>;
  const text = (w: ProjectWarning) =>
    tk(`projects.warningCode.${w.code}`, w.code, { days: w.days ?? '', months: w.months ?? '' });
  if (compact) {
    const red = warnings.some((w) => w.level === 'red');
    return (
      <Tooltip title={warnings.map(text).join('；')}>
        <WarningFilled
          style={{ color: red ? '#cf1322' : '#d48806' }}
          data-testid={`warning-${red ? 'red' : 'yellow'}`}
        />
      </Tooltip>
    );
  }
  return (
    <Space size={[0, 4]} wrap>
      {warnings.map((w) => (
        <Tooltip key={w.code} title={w.level === 'red' ? t('projects.warning.red') : t('projects.warning.yellow')}>
          <Tag color={WARNING_COLORS[w.level]} icon={<WarningFilled />} data-testid={`warning-${w.level}`}>
            {text(w)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
