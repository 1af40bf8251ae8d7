import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.js';

describe('data folder lock', () => {
  it('refuses a second holder while the first lives, and frees the folder on release', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-lock-'));
    const release = lockDataDir(dir);
    // Pretend another live process holds it: our parent's pid is alive and not ours.
    fs.writeFileSync(path.join(dir, 'magnet.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dir, 'magnet.lock'), String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'magnet.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
  it('takes over a lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-lock-'));
    fs.writeFileSync(path.join(dir, 'magnet.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'magnet.lock'), 'utf8')).toBe(String(process.pid));
    release();
    fs.rmSync(dir, { recursive: true });
  });
});
