/** The agency list every screen shares (one query key, one cached shape: the items array), and the tree order (parents before their children). */
import { useQuery } from '@tanstack/react-query';
import { call, client } from '../api';
import type { Agency } from '../types';

export function useAgencies(enabled = true) {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: async () => (await call(client.GET('/api/v1/agencies'))).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The agencies the signed-in desk may receive dossiers for (its receivesFor; an administrator: all): the intake's resolving agencies. */
export function useReceivableAgencies(enabled = true) {
  return useQuery({
    queryKey: ['agencies', 'receivable'],
    queryFn: async () => (await call(client.GET('/api/v1/agencies/receivable'))).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export interface TreeNode<T> {
  item: T;
  depth: number;
}

/** Depth-first from the top agencies the caller sees, children by code: the order an organisation chart reads. */
export function agencyTree<T extends { parentCode: string | null }>(items: T[], codeOf: (a: T) => string): TreeNode<T>[] {
  const codes = new Set(items.map(codeOf));
  const children = new Map<string | null, T[]>();
  for (const a of items) {
    // An agency whose parent is outside the list is shown as a root.
    const parent = a.parentCode && codes.has(a.parentCode) ? a.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const out: TreeNode<T>[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const a of (children.get(parent) ?? []).sort((x, y) => codeOf(x).localeCompare(codeOf(y)))) {
      out.push({ item: a, depth });
      walk(codeOf(a), depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** For <option> labels, where CSS indentation does not apply. */
export function indentedName({ item, depth }: TreeNode<Agency>): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(depth)}${item.code} · ${item.name}`;
}
