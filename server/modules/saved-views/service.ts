// Saved list filters (我的视图), per user and list. Personal preferences: no data scope involved, never shared.
import type { Db } from '../../db/client.js';
import type { AuthedContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import * as repo from './repository.js';

export const VIEW_ENTITIES = ['projects', 'enterprises', 'leads'] as const;
const MAX_VIEWS = 50;

const asView = <T extends { filters: unknown }>(v: T) => ({
  ...v,
  filters: (v.filters ?? {}) as Record<string, unknown>,
});

export async function listSavedViews(db: Db, ctx: AuthedContext, entity: string) {
  return { items: (await repo.savedViewsOf(db, ctx.principal.userId, entity)).map(asView) };
}

export async function createSavedView(
  db: Db,
  ctx: AuthedContext,
  input: { entity: string; name: string; filters: Record<string, unknown> },
) {
  const name = input.name.trim();
  if (!name) throw validationError([{ field: 'name', code: 'required' }]);
  if (JSON.stringify(input.filters).length > 4000) throw validationError([{ field: 'filters', code: 'too_long' }]);
  const existing = await repo.savedViewsOf(db, ctx.principal.userId, input.entity);
  if (existing.some((v) => v.name === name)) throw validationError([{ field: 'name', code: 'taken' }]);
  if (existing.length >= MAX_VIEWS) throw validationError([{ field: 'name', code: 'too_long' }]);
  return asView(
    await repo.insertSavedView(db, {
      userId: ctx.principal.userId,
      entity: input.entity,
      name,
      filters: input.filters,
    }),
  );
}

export async function deleteSavedView(db: Db, ctx: AuthedContext, id: number) {
  if (!(await repo.deleteSavedView(db, ctx.principal.userId, id))) throw new AppError('NOT_FOUND');
}
