import { describe, expect, it } from '@jest/globals';

import { safeFileName } from './attachments.js';

describe('safeFileName', () => {
  it.each([
    ['..', 'file'],
    ['.', 'file'],
    ['', 'file'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\\\Users\\\\me\\\\Акт.pdf', 'Акт.pdf'],
    ['a\u0000b\u001fc.txt', 'abc.txt'],
  ])('keeps %j as %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it('keeps a long name within 200 bytes, its ending included', () => {
    const name = safeFileName(`${'文'.repeat(150)}.pdf`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
