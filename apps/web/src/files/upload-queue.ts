/** Files waiting to be uploaded, one after the other, each with its own state: an error stops no other file. */
import type { UploadFields } from './files-api';

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed';

export interface UploadItem {
  key: string;
  file: File;
  fields: UploadFields;
  /** The line it belongs to, as the desk reads it (the document's name). */
  label: string;
  status: UploadStatus;
  /** The share of the bytes sent (0–1) while uploading, when the browser tells. */
  progress?: number;
  error?: string;
}

export const UPLOAD_STATUS_LABELS: Record<UploadStatus, string> = {
  waiting: 'Chờ tải lên',
  uploading: 'Đang tải lên…',
  done: 'Đã tải lên',
  failed: 'Lỗi',
};

export function uploadSummary(items: UploadItem[]): { done: number; failed: number; pending: number; finished: boolean } {
  const done = items.filter((i) => i.status === 'done').length;
  const failed = items.filter((i) => i.status === 'failed').length;
  const pending = items.length - done - failed;
  return { done, failed, pending, finished: pending === 0 };
}

/**
 * Uploads the items not yet done (waiting or failed), in order, one at a time (a desk link is shared; one file at a time
 * keeps each fast), reporting every change; an error is kept on its item and the next one goes on.
 */
export async function runUploads(
  items: UploadItem[],
  upload: (item: UploadItem, onProgress: (sent: number) => void) => Promise<unknown>,
  describe: (e: unknown) => string,
  onChange: (key: string, patch: Partial<UploadItem>) => void,
): Promise<void> {
  for (const item of items) {
    if (item.status === 'done' || item.status === 'uploading') continue;
    onChange(item.key, { status: 'uploading', error: undefined, progress: 0 });
    try {
      await upload(item, (progress) => onChange(item.key, { progress }));
      onChange(item.key, { status: 'done' });
    } catch (e) {
      onChange(item.key, { status: 'failed', error: describe(e) });
    }
  }
}
