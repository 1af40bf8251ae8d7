// The file's description as every answer that lists files carries it (projects' files, stage events' evidence).
import { Type } from 'typebox';
import { Timestamp } from '../../http/schemas.js';

export const FileMeta = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  stageEventId: Type.Union([Type.Integer(), Type.Null()]),
  uploadedBy: Type.Integer(),
  uploadedByName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});
