// When a key's use is written down: the list shows the last use to the minute, and where from.
import { describe, expect, it } from 'vitest';
import { LAST_USE_EVERY_MS, shouldRecordUse } from '../../src/services/api-keys.js';

describe('shouldRecordUse', () => {
  const at = 1_000_000;
  it.each([
    { what: 'a key never used', key: { lastUsedAt: null, lastUsedAddress: null }, now: at, address: '10.0.0.1', record: true },
    { what: 'the same address within the minute', key: { lastUsedAt: at, lastUsedAddress: '10.0.0.1' }, now: at + LAST_USE_EVERY_MS - 1, address: '10.0.0.1', record: false },
    { what: 'the same address a minute later', key: { lastUsedAt: at, lastUsedAddress: '10.0.0.1' }, now: at + LAST_USE_EVERY_MS, address: '10.0.0.1', record: true },
    { what: 'another address at once', key: { lastUsedAt: at, lastUsedAddress: '10.0.0.1' }, now: at + 1, address: '10.0.0.2', record: true },
  ])('$what: $record', ({ key, now, address, record }) => {
    expect(shouldRecordUse(key, now, address)).toBe(record);
  });
});
