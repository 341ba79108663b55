// Formula protection of exported cells, and its exact inverse for the import. Pure.
import { describe, expect, it } from 'vitest';
import { protectFormula, unprotectFormula } from '../../src/domain/csv-cells.js';

describe('protectFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+33 1 23 45 67 89', `'+33 1 23 45 67 89`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ["'=1+1", `''=1+1`],
  ])('puts an apostrophe before %j', (cell, written) => {
    expect(protectFormula(cell)).toBe(written);
  });

  it.each(['Ada Lovelace', 'ada@example.com', "O'Brien", "'quoted'", '', ' =1', 'a=b', '1-2'])('leaves %j as it is', (cell) => {
    expect(protectFormula(cell)).toBe(cell);
  });
});

describe('unprotectFormula', () => {
  it.each(['=1+1', '+x', '-y', '@z', '\tt', '\rr', "'=1", "''-2", "O'Brien", "'quoted'", "'", '', 'plain'])(
    'reads back %j after protectFormula',
    (cell) => {
      expect(unprotectFormula(protectFormula(cell))).toBe(cell);
    },
  );

  it('keeps an apostrophe that protects nothing', () => {
    expect(unprotectFormula("'Brien")).toBe("'Brien");
  });
});
