import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';

/** Switches between 中文 and English; the label names the language you switch to. */
export function LangSwitch({ dark = false }: { dark?: boolean }) {
  const { t, toggleLang, lang } = useI18n();
  return (
    <Tooltip title={t('lang.switchTitle')}>
      <Button
        data-testid="lang-switch"
        data-lang={lang}
        type={dark ? 'text' : 'default'}
        icon={<GlobalOutlined />}
        onClick={toggleLang}
        style={dark ? { color: 'rgba(255,255,255,0.9)' } : undefined}
        aria-label={t('lang.switchTitle')}
      >
        {t('lang.switchTo')}
      </Button>
    </Tooltip>
  );
}
