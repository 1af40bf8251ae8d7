// The bureau's decision on a stage move: approve (the stage counts from now) or return with a note.
import { useState } from 'react';
import { Button, Input, Modal, Popconfirm, Space } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import type { StageEvent } from './types';

export function ReviewButtons({ event, onDone }: { event: StageEvent; onDone: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!can('projects.approve') || event.status !== 'pending') return null;

  const approve = async () => {
    setBusy(true);
    try {
      await api.post(`/api/projects/stage-events/${event.id}/approve`, {});
      toast('success', t('projects.review.approved'));
      onDone();
    } catch (e) {
      reportError(e, { onConflict: onDone });
    } finally {
      setBusy(false);
    }
  };
  const giveBack = async () => {
    if (!note.trim()) {
      toast('warning', t('projects.review.noteRequired'));
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/projects/stage-events/${event.id}/return`, { note: note.trim() });
      toast('success', t('projects.review.returned'));
      setReturning(false);
      setNote('');
      onDone();
    } catch (e) {
      reportError(e, { onConflict: onDone });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      <Popconfirm title={t('projects.review.approveConfirm')} onConfirm={() => void approve()}>
        <Button type="primary" size="small" loading={busy} data-testid={`approve-${event.id}`}>
          {t('projects.review.approve')}
        </Button>
      </Popconfirm>
      <Button danger size="small" onClick={() => setReturning(true)} data-testid={`return-${event.id}`}>
        {t('projects.review.return')}
      </Button>
      <Modal
        open={returning}
        title={t('projects.review.returnTitle', { name: event.projectName })}
        onCancel={() => setReturning(false)}
        onOk={() => void giveBack()}
        confirmLoading={busy}
        okButtonProps={{ danger: true }}
      >
        <Input.TextArea
          rows={4}
          maxLength={500}
          showCount
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('projects.review.notePlaceholder')}
          data-testid="return-note"
        />
      </Modal>
    </Space>
  );
}
