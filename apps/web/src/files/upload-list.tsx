/** Files being uploaded to a dossier, each with its state and, when refused, the reason and a retry. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { formatFileSize, uploadErrorMessage } from './file-rules';
import { filesChanged, uploadFile } from './files-api';
import { runUploads, UPLOAD_STATUS_LABELS, type UploadItem, uploadSummary } from './upload-queue';

/** The queue of one dossier: `start` sends the items given, `retry` sends again those not done. */
export function useUploads(dossierId: string | null) {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [running, setRunning] = useState(false);
  const current = useRef<UploadItem[]>([]);
  const patch = useCallback((key: string, p: Partial<UploadItem>) => {
    current.current = current.current.map((i) => (i.key === key ? { ...i, ...p } : i));
    setItems(current.current);
  }, []);
  const send = useCallback(
    async (id: string, list: UploadItem[]) => {
      setRunning(true);
      try {
        await runUploads(list, (item, onProgress) => uploadFile(id, item.fields, item.file, onProgress), uploadErrorMessage, patch);
      } finally {
        setRunning(false);
        await filesChanged(queryClient, id);
      }
      return { ...uploadSummary(current.current), items: current.current };
    },
    [patch, queryClient],
  );
  const start = useCallback(
    (id: string, list: UploadItem[]) => {
      current.current = list;
      setItems(list);
      return send(id, list);
    },
    [send],
  );
  const retry = useCallback(
    () => (dossierId ? send(dossierId, current.current) : Promise.resolve({ ...uploadSummary(current.current), items: current.current })),
    [dossierId, send],
  );
  const clear = useCallback(() => {
    current.current = [];
    setItems([]);
  }, []);
  return { items, running, start, retry, clear, summary: uploadSummary(items) };
}

export function UploadList({ items, label = 'Tải tệp lên' }: { items: UploadItem[]; label?: string }) {
  if (!items.length) return null;
  return (
    <ul className="upload-list" aria-label={label}>
      {items.map((i) => (
        <li key={i.key} className={`upload-${i.status}`} data-status={i.status}>
          <span className="file-name">{i.file.name}</span>
          <small className="muted">
            {i.label} · {formatFileSize(i.file.size)}
          </small>
          <span className="upload-state">
            {i.status === 'uploading' ? (
              // Indeterminate until the browser reports the first bytes sent.
              <progress aria-label={`Đang tải lên ${i.file.name}`} max={1} value={i.progress || undefined} />
            ) : null}
            {i.status === 'uploading' && i.progress ? <span className="muted">{Math.round(i.progress * 100)}%</span> : null}
            <span className={i.status === 'failed' ? 'field-error' : i.status === 'done' ? 'upload-ok' : 'muted'}>{UPLOAD_STATUS_LABELS[i.status]}</span>
          </span>
          {i.error ? (
            <span className="field-error upload-error" role="alert">
              {i.error}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
