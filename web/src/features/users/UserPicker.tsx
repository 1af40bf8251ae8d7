// A user chooser that searches GET /api/users as you type (needs users.read).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';
import { useI18n } from '../../i18n';

export interface PickedUser {
  id: number;
  label: string;
}

interface Props {
  value?: number | number[] | null;
  onChange?: (v: number | number[] | null) => void;
  multiple?: boolean;
  /** Labels for the ids already chosen, so they show before any search. */
  known?: PickedUser[];
  /** Leave out accounts with these roles (a convenience; the server has the last word). */
  excludeRoles?: string[];
  id?: string;
  disabled?: boolean;
  searchable?: boolean;
}

export function UserPicker({
  value,
  onChange,
  multiple,
  known = [],
  excludeRoles = [],
  id,
  disabled,
  searchable = true,
}: Props) {
  const { t } = useI18n();
  const [found, setFound] = useState<User[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);

  const search = (q: string) => {
    if (!searchable) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const r = await api.get<Page<User>>('/api/users', { q: q.trim() || undefined, pageSize: 50 });
        if (mine === seq.current) setFound(r.items);
      } catch {
        if (mine === seq.current) setFound([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first search runs once, when the picker appears
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, []);

  const options = useMemo(() => {
    const map = new Map<number, string>();
    for (const k of known) map.set(k.id, k.label);
    for (const u of found) {
      if (excludeRoles.includes(u.role) || u.status === 'disabled') continue;
      map.set(u.id, u.unitName ? `${u.displayName}（${u.unitName}）` : u.displayName);
    }
    return [...map].map(([v, label]) => ({ value: v, label }));
  }, [found, known, excludeRoles]);

  return (
    <Select<number | number[]>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      disabled={disabled}
      placeholder={t('users.pickerPlaceholder')}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
