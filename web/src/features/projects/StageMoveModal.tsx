// 推进阶段: the form follows the target stage (its required fields and evidence). A move back or past a stage
// says so explicitly and gives a reason; the server checks everything again and names each bad field.
import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError, toast } from '../shell/feedback';
import { fileToBase64 } from './format';
import {
  AGREEMENT_TYPES,
  ALL_STAGES,
  EVIDENCE_REQUIRED,
  STAGE_FORM,
  STAGES,
  type FileMeta,
  type Project,
  type Stage,
} from './types';
import type { ProjectRefs } from './useProjectRefs';

const MAX_BYTES = 10 * 1024 * 1024;
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ofd';

function kindOf(from: Stage, to: Stage): 'forward' | 'back' | 'skip' | 'terminate' | null {
  if (from === to) return null;
  if (to === 'terminated') return 'terminate';
  if (from === 'terminated') return 'back';
  const d = (STAGES as readonly string[]).indexOf(to) - (STAGES as readonly string[]).indexOf(from);
  return d === 1 ? 'forward' : d > 1 ? 'skip' : 'back';
}

interface Values {
  toStage: Stage;
  effectiveDate: Dayjs;
  reason?: string;
  fields?: Record<string, unknown>;
}

/** Uploads a file of the project; returns its metadata. */
export async function uploadEvidence(projectId: number, file: File): Promise<FileMeta> {
  return api.post<FileMeta>('/api/files', { projectId, name: file.name, contentBase64: await fileToBase64(file) });
}

export function StageMoveModal({
  open,
  project,
  refs,
  onClose,
  onMoved,
}: {
  open: boolean;
  project: Project;
  refs: ProjectRefs;
  onClose: () => void;
  onMoved: (p: Project) => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [files, setFiles] = useState<UploadFile<FileMeta>[]>([]);
  const toStage = Form.useWatch('toStage', form) as Stage | undefined;
  const from = project.stage;
  const kind = toStage ? kindOf(from, toStage) : null;
  const nextStage = STAGES[(STAGES as readonly string[]).indexOf(from) + 1] as Stage | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ toStage: nextStage ?? undefined, effectiveDate: dayjs() });
    setFiles([]);
  }, [open, form, nextStage]);

  const stageFields = useMemo(
    () => (toStage && (kind === 'forward' || kind === 'skip') ? STAGE_FORM[toStage] : []),
    [toStage, kind],
  );
  const needsReason = kind === 'back' || kind === 'skip' || kind === 'terminate';
  const needsEvidence = !!toStage && (kind === 'forward' || kind === 'skip') && EVIDENCE_REQUIRED.includes(toStage);
  const hasCounterpart = !!(project.enterpriseId || project.investorName);

  const submit = async () => {
    const v = await form.validateFields();
    const evidence = files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);
    if (needsEvidence && !evidence.length) {
      toast('warning', t('projects.move.evidenceNeeded'));
      return;
    }
    const fields: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v.fields ?? {})) {
      if (x === undefined || x === null || x === '') continue;
      fields[k] = dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : typeof x === 'string' ? x.trim() : x;
    }
    setSaving(true);
    try {
      const p = await api.post<Project>(`/api/projects/${project.id}/stage`, {
        toStage: v.toStage,
        kind: kind ?? undefined,
        effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
        fields,
        reason: v.reason?.trim() || undefined,
        evidenceFileIds: evidence,
        version: project.version,
      });
      toast('success', t('projects.move.submitted'));
      onMoved(p);
    } catch (e) {
      reportError(e, { form, onConflict: onClose });
    } finally {
      setSaving(false);
    }
  };

  const fieldInput = (f: (typeof STAGE_FORM)[Stage][number]) => {
    switch (f.kind) {
      case 'date':
        return <DatePicker disabledDate={(d) => d.isAfter(dayjs().add(1, 'day')) || d.isBefore(dayjs('2000-01-01'))} />;
      case 'money':
        return <Input suffix={t('unit.wan')} inputMode="decimal" style={{ width: 220 }} />;
      case 'area':
        return <Input suffix={t('projects.unit.mu')} inputMode="decimal" style={{ width: 220 }} />;
      case 'int':
        return <InputNumber min={0} precision={0} style={{ width: 220 }} />;
      case 'agreement':
        return (
          <Radio.Group options={AGREEMENT_TYPES.map((a) => ({ value: a, label: tk(`projects.agreement.${a}`, a) }))} />
        );
      case 'park':
        return <Select showSearch={{ optionFilterProp: 'label' }} options={refs.parkOptions} style={{ width: 280 }} />;
      case 'uscc':
        return <Input maxLength={18} style={{ width: 260, textTransform: 'uppercase' }} />;
      default:
        return <Input maxLength={200} />;
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      width={640}
      destroyOnHidden={false}
      forceRender
      title={t('projects.move.title', { name: project.name })}
      okText={t('projects.move.submit')}
      okButtonProps={{ 'data-testid': 'move-submit' } as Record<string, string>}
    >
      <Form<Values> form={form} layout="vertical" data-testid="move-form">
        <Typography.Paragraph type="secondary">
          {t('projects.move.intro', { stage: refs.stageLabel(from) })}
        </Typography.Paragraph>
        <Form.Item
          name="toStage"
          label={t('projects.move.toStage')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            options={ALL_STAGES.filter((s) => s !== from).map((s) => ({ value: s, label: refs.stageLabel(s) }))}
            data-testid="move-to"
          />
        </Form.Item>
        {kind && kind !== 'forward' && (
          <Alert
            style={{ marginBottom: 16 }}
            type={kind === 'terminate' ? 'error' : 'warning'}
            showIcon
            title={tk(`projects.move.kind.${kind}`, kind)}
            description={t('projects.move.kindHint')}
          />
        )}
        <Form.Item
          name="effectiveDate"
          label={t('projects.move.effectiveDate')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker disabledDate={(d) => d.isAfter(dayjs().add(1, 'day')) || d.isBefore(dayjs('2000-01-01'))} />
        </Form.Item>
        {stageFields.map((f) => (
          <Form.Item
            key={f.name}
            name={['fields', f.name]}
            label={tk(`projects.field.${f.name}`, f.name)}
            rules={
              f.required && !(f.name === 'investorName' && hasCounterpart)
                ? [{ required: true, message: t('common.required') }]
                : []
            }
          >
            {fieldInput(f)}
          </Form.Item>
        ))}
        {toStage === 'negotiating' && !hasCounterpart && (
          <Form.Item
            name={['fields', 'investorName']}
            label={t('projects.field.investorName')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        {needsReason && (
          <Form.Item
            name="reason"
            label={t('projects.move.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
        {kind !== 'terminate' && kind !== 'back' && (
          <Form.Item
            label={t('projects.move.evidence')}
            required={needsEvidence}
            extra={t('projects.move.evidenceHint')}
          >
            <Upload.Dragger
              multiple
              accept={ACCEPT}
              fileList={files}
              data-testid="move-evidence"
              customRequest={async (opts) => {
                const file = opts.file as File;
                try {
                  if (file.size > MAX_BYTES) throw new Error(t('projects.file.tooLarge'));
                  const meta = await uploadEvidence(project.id, file);
                  opts.onSuccess?.(meta);
                } catch (e) {
                  reportError(e);
                  opts.onError?.(e as Error);
                }
              }}
              onChange={({ fileList }) => setFiles(fileList as UploadFile<FileMeta>[])}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('projects.move.dropFiles')}</p>
            </Upload.Dragger>
          </Form.Item>
        )}
        <Space>
          <Typography.Text type="secondary">{t('projects.move.reviewHint')}</Typography.Text>
        </Space>
      </Form>
    </Modal>
  );
}
