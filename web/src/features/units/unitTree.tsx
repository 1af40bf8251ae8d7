// The unit list as a tree, a hook to load it, and a tree picker used by several pages.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import { api } from '../../api/client';
import type { Items, Unit } from '../../api/types';
import { reportError } from '../shell/feedback';

export interface UnitNode extends Unit {
  children?: UnitNode[];
}

export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byId = new Map<number, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId != null ? byId.get(node.parentId) : undefined;
    if (parent && parent !== node) {
      parent.children ??= [];
      parent.children.push(node);
    } else roots.push(node);
  }
  const order = (a: UnitNode, b: UnitNode) => a.sort - b.sort || a.id - b.id;
  const sortDeep = (list: UnitNode[]) => {
    list.sort(order);
    for (const n of list) if (n.children) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** The ids of a unit and everything under it. */
export function subtreeIds(units: Unit[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units)
      if (u.parentId != null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
  }
  return out;
}

interface TreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

export function unitTreeOptions(units: Unit[], exclude?: Set<number>): TreeOption[] {
  const map = (nodes: UnitNode[]): TreeOption[] =>
    nodes.map((n) => ({
      value: n.id,
      title: n.name,
      disabled: exclude?.has(n.id),
      children: n.children ? map(n.children) : undefined,
    }));
  return map(buildUnitTree(units));
}

/** GET /api/units. `enabled` false skips the call (for users without org.read). */
export function useUnits(enabled = true) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(false);
  const reload = useCallback(async () => {
    if (!enabled) return [];
    setLoading(true);
    try {
      const r = await api.get<Items<Unit>>('/api/units');
      setUnits(r.items);
      return r.items;
    } catch (e) {
      reportError(e);
      return [];
    } finally {
      setLoading(false);
    }
  }, [enabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { units, loading, reload };
}

export function UnitTreeSelect({
  units,
  exclude,
  ...props
}: TreeSelectProps & { units: Unit[]; exclude?: Set<number> }) {
  const treeData = useMemo(() => unitTreeOptions(units, exclude), [units, exclude]);
  return (
    <TreeSelect
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      treeData={treeData}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      {...props}
    />
  );
}
