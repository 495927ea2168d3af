// The disclosure rules' change log and the priorities text, on a real SQLite database.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISCLOSURE_RULES } from '../../geo/disclosure/rules';
import { openDatabase } from '../db/open-database';
import { currentPriorities, readRulesFile, recordRulesInForce, rulesChanges, savePriorities } from './public-settings';

const at = (iso: string) => new Date(iso);

describe('the disclosure rules log', () => {
  it('records the first rules, then only changes, each in words', () => {
    const db = openDatabase(':memory:');
    expect(recordRulesInForce(db, DEFAULT_DISCLOSURE_RULES, 'defaults', at('2026-01-01T09:00:00Z'))).toEqual([
      'Disclosure rules first recorded (the safe defaults).',
    ]);
    // The same rules again (a restart): nothing new is recorded.
    expect(recordRulesInForce(db, { ...DEFAULT_DISCLOSURE_RULES }, 'defaults', at('2026-01-02T09:00:00Z'))).toEqual([]);
    const stricter = { ...DEFAULT_DISCLOSURE_RULES, smallCountThreshold: 20, roundingBase: 10 };
    const lines = recordRulesInForce(db, stricter, '/etc/tasking-map/rules.json', at('2026-02-01T09:00:00Z'));
    expect(lines[0]).toBe('The disclosure rules changed (/etc/tasking-map/rules.json):');
    expect(lines.slice(1)).toEqual([
      '  Counts shown as "fewer than" below: changed from 10 to 20 (more protective).',
      '  Other counts rounded to the nearest: changed from 5 to 10 (more protective).',
    ]);
    const log = rulesChanges(db);
    expect(log.map((c) => [c.recordedAt, c.rules.smallCountThreshold, c.source])).toEqual([
      ['2026-02-01T09:00:00.000Z', 20, '/etc/tasking-map/rules.json'],
      ['2026-01-01T09:00:00.000Z', 10, 'defaults'],
    ]);
    // Back to the defaults is a change too, and says it protects less.
    expect(recordRulesInForce(db, DEFAULT_DISCLOSURE_RULES, 'defaults', at('2026-03-01T09:00:00Z'))).toContain(
      '  Counts shown as "fewer than" below: changed from 20 to 10 (less protective).',
    );
  });

  it('reads a rules file, keeping defaults for settings it leaves out, and refuses unsafe or broken files in words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const partial = readRulesFile(file('partial.json', '{ "smallCountThreshold": 15, "roundingBase": 5 }'));
    expect(partial).toEqual({ ok: true, value: { ...DEFAULT_DISCLOSURE_RULES, smallCountThreshold: 15 } });
    const unsafe = readRulesFile(file('unsafe.json', '{ "smallCountThreshold": 3 }'));
    expect(unsafe.ok).toBe(false);
    expect(!unsafe.ok && unsafe.reason).toMatch(/unsafe\.json: .*3 is unsafe/);
    const broken = readRulesFile(file('broken.json', '{ smallCountThreshold: 15'));
    expect(!broken.ok && broken.reason).toMatch(/broken\.json is not JSON/);
    const missing = readRulesFile(join(dir, 'nowhere.json'));
    expect(!missing.ok && missing.reason).toMatch(/cannot read .*nowhere\.json/);
  });
});

describe('the priorities text', () => {
  it('starts as the shipped text, keeps every saved version, and refuses a stale save', () => {
    const db = openDatabase(':memory:');
    const shipped = currentPriorities(db);
    expect(shipped.version).toBe(0);
    expect(shipped.markdown).toContain('Making\nTower Hamlets Safer');
    const saved = savePriorities(db, '## Our priorities\n\n- Knife crime', 0, 'user:1', at('2026-04-01T10:00:00Z'));
    expect(saved).toEqual({
      ok: true,
      value: { markdown: '## Our priorities\n\n- Knife crime', version: 1, savedAt: '2026-04-01T10:00:00.000Z', savedBy: 'user:1' },
    });
    // A second editor still holding version 0 is told, and given the newest text.
    const stale = savePriorities(db, 'Something else', 0, 'user:2', at('2026-04-01T10:05:00Z'));
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.reason.current.version).toBe(1);
    expect(currentPriorities(db).markdown).toBe('## Our priorities\n\n- Knife crime');
  });
});
