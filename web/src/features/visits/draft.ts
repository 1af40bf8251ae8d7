// The phone form's draft, kept in the browser: what was typed survives a reload, and a submission that could not
// reach the server waits here with its idempotency key, to be sent again when the connection is back. The server
// records one visit per key, so a draft sent twice is recorded once.
import type { VisitBody } from './types';

export interface Draft {
  body: VisitBody;
  idempotencyKey: string;
  pending: boolean;
  savedAt: string;
}

const keyOf = (userId: number) => `magnet.visitDraft.${userId}`;

export function loadDraft(userId: number): Draft | null {
  try {
    const raw = localStorage.getItem(keyOf(userId));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(userId: number, d: Draft) {
  localStorage.setItem(keyOf(userId), JSON.stringify(d));
}

export function clearDraft(userId: number) {
  localStorage.removeItem(keyOf(userId));
}

export const newIdempotencyKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
