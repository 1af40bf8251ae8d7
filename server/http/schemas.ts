// Schemas shared by several modules.
import { Type, type TSchema } from 'typebox';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const VersionBody = Type.Object({
  version: Type.Integer({
    minimum: 1,
    description: 'The version you read; a stale one is refused with VERSION_CONFLICT',
  }),
});
export const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};
export const ErrorResponse = Type.Object({
  code: Type.String(),
  message: Type.String(),
  fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
});
export const Ok = Type.Object({ ok: Type.Boolean() });
// Dates leave the server as ISO 8601 strings; handlers return Date objects.
export const Timestamp = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });

/** The same fields, each optional: the body of a PATCH. (A single object, not allOf, so that unknown fields are stripped safely.) */
export function optional<T extends Record<string, TSchema>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>>;
  };
}
