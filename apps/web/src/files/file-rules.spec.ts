import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api';
import { type DossierFile, FORMS_GROUP, formatFileSize, groupFiles, OTHER_GROUP, RESULT_GROUP, safeFileName, uploadErrorMessage, viewerOf } from './file-rules';

let seq = 0;
function file(p: Partial<DossierFile> = {}): DossierFile {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    kind: 'component',
    documentCode: null,
    fileName: `scan-${seq}.pdf`,
    contentType: 'application/pdf',
    size: 1000,
    sha256: 'a'.repeat(64),
    uploadedAt: '2026-11-23T09:05:00+07:00',
    uploadedBy: { id: 'u1', username: 'reception' },
    supersedes: null,
    form: null,
    issuedForSeq: null,
    ...p,
  };
}

const apiError = (status: number, error: string, details?: unknown) => new ApiError(status, { statusCode: status, error, message: 'x', details } as never);

describe('formatFileSize', () => {
  it('reads bytes, KB and MB with a Vietnamese decimal comma', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(1023)).toBe('1023 B');
    expect(formatFileSize(1024)).toBe('1 KB');
    expect(formatFileSize(12_800)).toBe('12,5 KB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatFileSize(3_355_443)).toBe('3,2 MB');
    expect(formatFileSize(200 * 1024 * 1024)).toBe('200 MB');
    expect(formatFileSize(5 * 1024 ** 3)).toBe('5 GB');
  });
});

describe('uploadErrorMessage', () => {
  it('names the accepted types on 415, whatever the name of the file', () => {
    expect(uploadErrorMessage(apiError(415, 'unsupported_file_type', { detected: null }))).toMatch(/^Chỉ nhận PDF, JPEG, PNG, TIFF/);
  });

  it('tells a file over its limit from a dossier that is full, with the limit', () => {
    expect(uploadErrorMessage(apiError(413, 'payload_too_large', { scope: 'file', limit: 20 * 1024 * 1024 }))).toBe('Tệp quá lớn: vượt dung lượng tối đa cho một tệp (20 MB).');
    expect(uploadErrorMessage(apiError(413, 'payload_too_large', { scope: 'dossier', limit: 200 * 1024 * 1024 }))).toBe(
      'Tổng dung lượng tệp của hồ sơ đã vượt giới hạn (200 MB).',
    );
  });

  it('asks to try again when the storage is down, and says when the officer may not attach', () => {
    expect(uploadErrorMessage(apiError(503, 'storage_unavailable'))).toMatch(/Kho lưu trữ tệp tạm thời không truy cập được.*thử lại/);
    expect(uploadErrorMessage(apiError(403, 'forbidden'))).toMatch(/không có quyền đính kèm/);
  });

  it('names the field of a 400: an unknown document, an empty file', () => {
    const unknownDoc = new ApiError(400, {
      statusCode: 400,
      error: 'validation_failed',
      message: 'x',
      details: [{ field: 'documentCode', reason: 'r', code: 'no_such_reference', params: { kind: 'document' } }],
    } as never);
    expect(uploadErrorMessage(unknownDoc)).toBe('Giấy tờ được chọn không thuộc thành phần hồ sơ của thủ tục.');
    const empty = new ApiError(400, { statusCode: 400, error: 'validation_failed', message: 'x', details: [{ field: 'file', reason: 'is empty', code: 'empty_file' }] } as never);
    expect(uploadErrorMessage(empty)).toBe('Tệp rỗng (0 byte).');
  });

  it('says the server cannot be reached on a network error', () => {
    expect(uploadErrorMessage(new TypeError('Failed to fetch'))).toMatch(/Không kết nối được máy chủ/);
  });
});

describe('viewerOf and safeFileName', () => {
  it('shows PDF in a frame, JPEG and PNG as images, TIFF only as a download', () => {
    expect(viewerOf('application/pdf')).toBe('pdf');
    expect(viewerOf('image/jpeg')).toBe('image');
    expect(viewerOf('image/png')).toBe('image');
    expect(viewerOf('image/tiff')).toBeNull();
  });

  it('keeps a Vietnamese name and replaces what a file system refuses', () => {
    expect(safeFileName('Giấy đề nghị đăng ký hộ kinh doanh.pdf')).toBe('Giấy đề nghị đăng ký hộ kinh doanh.pdf');
    expect(safeFileName('a/b:c?.png')).toBe('a_b_c_.png');
    expect(safeFileName('  ')).toBe('tep-dinh-kem');
  });
});

describe('groupFiles', () => {
  const documents = [
    { code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh' },
    { code: 'GTPL', name: 'Bản sao giấy tờ pháp lý' },
  ];

  it('groups components by document in the documents order, then other documents by code, loose scans, and the results last', () => {
    const result = file({ kind: 'result', fileName: 'ket-qua.pdf' });
    const cccd = file({ documentCode: 'GTPL', contentType: 'image/png' });
    const form1 = file({ documentCode: 'GDN' });
    const form2 = file({ documentCode: 'GDN' });
    const loose = file();
    const unknown = file({ documentCode: 'XYZ' });
    const groups = groupFiles([result, cccd, form1, form2, loose, unknown], documents);
    expect(groups.map((g) => [g.title, g.files.map((v) => v.file.id)])).toEqual([
      ['Giấy đề nghị đăng ký hộ kinh doanh', [form1.id, form2.id]],
      ['Bản sao giấy tờ pháp lý', [cccd.id]],
      ['Giấy tờ mã XYZ', [unknown.id]],
      [OTHER_GROUP, [loose.id]],
      [RESULT_GROUP, [result.id]],
    ]);
    expect(groups.map((g) => g.kind)).toEqual(['component', 'component', 'component', 'component', 'result']);
  });

  it('puts the forms issued to the applicant in their own group, after the results', () => {
    const receipt = file({ kind: 'form', form: 'receipt', issuedForSeq: 1, fileName: 'Mẫu 01.pdf' });
    const result = file({ kind: 'result' });
    const groups = groupFiles([receipt, result], documents);
    expect(groups.map((g) => [g.title, g.kind, g.files.map((v) => v.file.id)])).toEqual([
      [RESULT_GROUP, 'result', [result.id]],
      [FORMS_GROUP, 'form', [receipt.id]],
    ]);
  });

  it('leaves out documents without files', () => {
    expect(groupFiles([file({ documentCode: 'GTPL' })], documents).map((g) => g.documentCode)).toEqual(['GTPL']);
    expect(groupFiles([], documents)).toEqual([]);
  });

  it('shows a replaced file only as an older version of the file in force, newest first', () => {
    const v1 = file({ documentCode: 'GDN', fileName: 'v1.pdf' });
    const v2 = file({ documentCode: 'GDN', fileName: 'v2.pdf', supersedes: v1.id });
    const v3 = file({ documentCode: 'GDN', fileName: 'v3.pdf', supersedes: v2.id });
    const other = file({ documentCode: 'GDN' });
    const [group] = groupFiles([v1, v2, v3, other], documents);
    expect(group.files.map((v) => v.file.id)).toEqual([v3.id, other.id]);
    expect(group.files[0].replaces?.id).toBe(v2.id);
    expect(group.files[0].older.map((f) => f.fileName)).toEqual(['v2.pdf', 'v1.pdf']);
    expect(group.files[1]).toMatchObject({ replaces: null, older: [] });
  });

  it('keeps a file whose replaced one is not listed', () => {
    const orphan = file({ documentCode: 'GDN', supersedes: '00000000-0000-4000-8000-999999999999' });
    expect(groupFiles([orphan], documents)[0].files).toEqual([{ file: orphan, replaces: null, older: [] }]);
  });
});
