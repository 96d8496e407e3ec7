/** Dossier files on screen, without React: sizes, upload errors in Vietnamese, files grouped by document, versions. */
import { ApiError } from '../api';
import type { components } from '../api-schema';

export type DossierFile = components['schemas']['DossierFileDto'];
/** What an officer uploads; an issued form (`form`) is filed by the system at its event. */
export type FileKind = Exclude<DossierFile['kind'], 'form'>;

/** What the file inputs offer (the API checks the content, not the name or this list). */
export const ACCEPTED_TYPES = 'application/pdf,image/jpeg,image/png,image/tiff';

/** The group of results and of components scanned for no particular document. */
export const RESULT_GROUP = 'Kết quả giải quyết';
export const OTHER_GROUP = 'Tài liệu khác';
/** The forms the applicant was given (receipt, supplement request, apology, stop notice), kept as issued. */
export const FORMS_GROUP = 'Mẫu đã cấp cho người nộp';

/** "850 B", "12,5 KB", "3,2 MB": Vietnamese decimal comma, one decimal under 100. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: value < 100 ? 1 : 0 })} ${units[unit]}`;
}

/** An upload the API refused (or that never reached it), in words the desk can act on. */
export function uploadErrorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const details = e.body.details as { scope?: string; limit?: number } | undefined;
    switch (e.status) {
      case 415:
        return 'Chỉ nhận PDF, JPEG, PNG, TIFF (kiểm tra theo nội dung tệp, không theo tên tệp).';
      case 413: {
        const limit = typeof details?.limit === 'number' ? ` (${formatFileSize(details.limit)})` : '';
        return details?.scope === 'dossier'
          ? `Tổng dung lượng tệp của hồ sơ đã vượt giới hạn${limit}.`
          : `Tệp quá lớn: vượt dung lượng tối đa cho một tệp${limit}.`;
      }
      case 503:
        return 'Kho lưu trữ tệp tạm thời không truy cập được; tệp chưa được lưu, vui lòng thử lại sau.';
      case 403:
        return 'Bạn không có quyền đính kèm loại tệp này ở bước hiện tại của hồ sơ.';
      case 404:
        return 'Không tìm thấy hồ sơ (hoặc không thuộc phạm vi đơn vị của bạn).';
      case 401:
        return 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại rồi thử lại.';
      case 409:
        return 'Hồ sơ đã thay đổi trạng thái, không đính kèm được nữa. Vui lòng tải lại hồ sơ.';
      case 400: {
        const fields = e.fieldErrors();
        if (fields.documentCode) return 'Giấy tờ được chọn không thuộc thành phần hồ sơ của thủ tục.';
        if (fields.file?.code === 'empty_file') return 'Tệp rỗng (0 byte).';
        if (fields.file?.code === 'too_long') return 'Tên tệp quá dài (tối đa 255 ký tự).';
        if (fields.supersedes) return 'Tệp được thay thế không thuộc hồ sơ này.';
        return `Tệp không hợp lệ: ${e.message}`;
      }
      default:
        return `Máy chủ trả lỗi ${e.status}; vui lòng thử lại.`;
    }
  }
  if (e instanceof TypeError) return 'Không kết nối được máy chủ; vui lòng kiểm tra mạng và thử lại.';
  return e instanceof Error ? e.message : String(e);
}

/** Whether the browser can show it: PDF in a frame, JPEG and PNG as an image; TIFF only downloads. */
export function viewerOf(contentType: string): 'pdf' | 'image' | null {
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType === 'image/jpeg' || contentType === 'image/png') return 'image';
  return null;
}

export interface FileVersion {
  file: DossierFile;
  /** The file this one replaces (a newer version of it), if any. */
  replaces: DossierFile | null;
  /** Earlier versions, newest first (each superseded, directly or through another). */
  older: DossierFile[];
}

export interface FileGroup {
  key: string;
  title: string;
  documentCode: string | null;
  kind: DossierFile['kind'];
  /** The files in force, oldest first, each with its earlier versions. */
  files: FileVersion[];
}

/**
 * The dossier's files by document, in the dossier's document order, then components of other documents, then the results
 * ("Kết quả giải quyết"), then the forms issued to the applicant. A superseded file is shown under the file that replaced it, as an older version.
 */
export function groupFiles(files: DossierFile[], documents: { code: string; name: string }[]): FileGroup[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  const superseded = new Set(files.map((f) => f.supersedes).filter((id): id is string => !!id && byId.has(id)));
  const versions = (f: DossierFile): FileVersion => {
    const older: DossierFile[] = [];
    const seen = new Set([f.id]);
    let prev = f.supersedes ? byId.get(f.supersedes) : undefined;
    while (prev && !seen.has(prev.id)) {
      older.push(prev);
      seen.add(prev.id);
      prev = prev.supersedes ? byId.get(prev.supersedes) : undefined;
    }
    return { file: f, replaces: older[0] ?? null, older };
  };
  const current = files.filter((f) => !superseded.has(f.id));
  const groups: FileGroup[] = [];
  const take = (key: string, title: string, kind: DossierFile['kind'], documentCode: string | null, match: (f: DossierFile) => boolean) => {
    const mine = current.filter(match);
    if (mine.length) groups.push({ key, title, kind, documentCode, files: mine.map(versions) });
  };
  const known = new Set(documents.map((d) => d.code));
  for (const d of documents) take(`doc:${d.code}`, d.name, 'component', d.code, (f) => f.kind === 'component' && f.documentCode === d.code);
  // A document scanned but not ticked at intake (or not named): shown by its code, never hidden.
  const others = [...new Set(current.filter((f) => f.kind === 'component' && f.documentCode && !known.has(f.documentCode)).map((f) => f.documentCode!))];
  for (const code of others) take(`doc:${code}`, `Giấy tờ mã ${code}`, 'component', code, (f) => f.kind === 'component' && f.documentCode === code);
  take('other', OTHER_GROUP, 'component', null, (f) => f.kind === 'component' && !f.documentCode);
  take('result', RESULT_GROUP, 'result', null, (f) => f.kind === 'result');
  take('form', FORMS_GROUP, 'form', null, (f) => f.kind === 'form');
  return groups;
}

/** A name a download can be saved under: the uploaded name, without characters no file system takes. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- exactly what is removed
  const cleaned = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_').trim();
  return cleaned || 'tep-dinh-kem';
}
