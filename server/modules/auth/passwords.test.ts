import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY } from '../settings/service.js';
import {
  characterClasses,
  checkPasswordStrength,
  generateInitialPassword,
  hashPassword,
  verifyPassword,
} from './passwords.js';

describe('password policy', () => {
  const p = DEFAULT_SECURITY_POLICY;
  it('needs 8 characters from 3 of 4 classes', () => {
    expect(checkPasswordStrength('Ab1!', 'u', p).map((e) => e.code)).toContain('password_too_short');
    expect(checkPasswordStrength('abcdefgh1', 'u', p).map((e) => e.code)).toEqual(['password_classes']);
    expect(checkPasswordStrength('Abcdefg1', 'zhang', p)).toEqual([]);
  });
  it('refuses a password containing the account name', () => {
    expect(checkPasswordStrength('Zhangsan@1', 'zhangsan', p).map((e) => e.code)).toContain(
      'password_contains_username',
    );
  });
  it('generates initial passwords that pass the policy', () => {
    for (let i = 0; i < 20; i++) {
      const pw = generateInitialPassword();
      expect(characterClasses(pw)).toBe(4);
      expect(checkPasswordStrength(pw, 'someone', p)).toEqual([]);
    }
  });
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Correct#Horse1');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Correct#Horse1')).toBe(true);
    expect(await verifyPassword(h, 'Correct#Horse2')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
