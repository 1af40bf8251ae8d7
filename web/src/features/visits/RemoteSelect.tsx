// A select that searches the server as the user types (divisions, enterprises, organisations).
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../api/client';

interface Option {
  value: string | number;
  label: string;
}

interface Props<V> {
  path: string;
  toOption: (item: Record<string, unknown>) => Option;
  value?: V;
  onChange?: (v: V) => void;
  multiple?: boolean;
  placeholder?: string;
  testId?: string;
}

export function RemoteSelect<V>({ path, toOption, value, onChange, multiple, placeholder, testId }: Props<V>) {
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Map<string | number, string>>(new Map());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      try {
        const r = await api.get<{ items: Record<string, unknown>[] }>(path, { q: q.trim() || undefined });
        if (mine === seq.current) setOptions(r.items.map(toOption));
      } catch {
        if (mine === seq.current) setOptions([]);
      }
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  // Options chosen earlier stay labelled when the search moves on.
  const all = new Map(known);
  for (const o of options) all.set(o.value, o.label);
  return (
    <Select
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      value={value as never}
      onChange={(v) => {
        const next = new Map(known);
        const chosen: unknown[] = Array.isArray(v) ? v : [v];
        for (const o of options) if (chosen.includes(o.value)) next.set(o.value, o.label);
        setKnown(next);
        onChange?.(v as V);
      }}
      allowClear
      style={{ width: '100%' }}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: search }}
      onFocus={() => {
        if (!options.length) search('');
      }}
      options={[...all].map(([value, label]) => ({ value, label }))}
    />
  );
}
