import { parseRange } from './byte-range';
import { attachmentDisposition } from './content-disposition';

describe('parseRange (one byte range of a download)', () => {
  it('reads bytes=a-b, a- and -n, clamped to the file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('answers the whole file for no range, a form it does not read or several ranges, and unsatisfiable past the end', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-9', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=9-1', 100)).toBeNull();
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
  });
});

describe('attachmentDisposition', () => {
  it('gives the Vietnamese name in filename* and an ASCII fallback without the marks', () => {
    expect(attachmentDisposition('Giấy đề nghị "số 1".pdf')).toBe(
      `attachment; filename="Giay de nghi _so 1_.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20%C4%91%E1%BB%81%20ngh%E1%BB%8B%20%22s%E1%BB%91%201%22.pdf`,
    );
  });
});
