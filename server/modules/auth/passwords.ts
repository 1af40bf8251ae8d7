// Password hashing (argon2id) and the password policy check.
import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../../core/errors.js';
import type { SecurityPolicy } from '../settings/service.js';

// argon2id with OWASP's minimum memory cost; Algorithm.Argon2id is 2 in @node-rs/argon2.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random string, so that a login for an unknown account costs as much time as a real one. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword(`dummy-${Math.random()}`));

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
}

/** Checks strength only; reuse is checked against the stored history by the service. */
export function checkPasswordStrength(
  password: string,
  username: string,
  policy: SecurityPolicy,
  field = 'newPassword',
): FieldError[] {
  const errors: FieldError[] = [];
  if (password.length < policy.passwordMinLength) errors.push({ field, code: 'password_too_short' });
  if (characterClasses(password) < policy.passwordMinClasses) errors.push({ field, code: 'password_classes' });
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    errors.push({ field, code: 'password_contains_username' });
  return errors;
}

/** An initial password that satisfies any sensible policy: 14 characters from all four classes. */
export function generateInitialPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%&*!?'];
  const bytes = crypto.getRandomValues(new Uint32Array(14));
  const chars = Array.from(bytes, (b, i) => {
    const s = sets[i % 4];
    return s[b % s.length];
  });
  return chars.join('');
}
