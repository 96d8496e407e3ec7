/**
 * Scans picked for one line before they are sent: choose files (several at once), take a photo with a phone's camera, or
 * drop files on the line; thumbnails (images from a local object URL, PDF and TIFF as an icon), each removable.
 */
import { type ChangeEvent, type DragEvent, useState } from 'react';
import { ACCEPTED_TYPES, formatFileSize } from './file-rules';

export interface PickedFile {
  key: string;
  file: File;
  /** A local object URL for images the browser can show; released when the file is removed. */
  previewUrl: string | null;
}

const PREVIEWABLE = /^image\/(jpeg|png|gif|webp|bmp)$/;
let next = 0;

export function pickFiles(list: FileList | File[] | null): PickedFile[] {
  return Array.from(list ?? []).map((file) => {
    next += 1;
    return { key: `p${next}`, file, previewUrl: PREVIEWABLE.test(file.type) ? URL.createObjectURL(file) : null };
  });
}

export function releasePicked(files: PickedFile[]): void {
  for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
}

/** "PDF", "TIFF", "JPG": the badge of a file without a preview. */
function typeBadge(file: File): string {
  if (file.type === 'application/pdf') return 'PDF';
  if (file.type === 'image/tiff') return 'TIFF';
  return (/\.([a-z0-9]{1,5})$/i.exec(file.name)?.[1] ?? 'TỆP').toUpperCase();
}

export function FileThumb({ file, previewUrl }: { file: File; previewUrl: string | null }) {
  return (
    <figure className="file-thumb">
      {previewUrl ? <img src={previewUrl} alt={`Ảnh xem trước: ${file.name}`} /> : <span className="file-icon" aria-hidden="true">{typeBadge(file)}</span>}
      <figcaption>
        <span className="file-name">{file.name}</span>
        <small className="muted">{formatFileSize(file.size)}</small>
      </figcaption>
    </figure>
  );
}

export function FilePicker({
  label,
  files,
  onAdd,
  onRemove,
  disabled = false,
}: {
  /** The document the files are scans of, named in every control ("Chọn tệp: Giấy đề nghị…"). */
  label: string;
  files: PickedFile[];
  onAdd: (files: PickedFile[]) => void;
  onRemove: (key: string) => void;
  disabled?: boolean;
}) {
  const [dragging, setDragging] = useState(false);
  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const added = pickFiles(e.target.files);
    // The same file can be chosen again after it was removed.
    e.target.value = '';
    if (added.length) onAdd(added);
  };
  const over = (e: DragEvent) => {
    if (disabled || !e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const drop = (e: DragEvent) => {
    if (disabled) return;
    e.preventDefault();
    setDragging(false);
    const added = pickFiles(e.dataTransfer.files);
    if (added.length) onAdd(added);
  };
  return (
    <div
      className={`file-drop${dragging ? ' file-drop-active' : ''}`}
      onDragOver={over}
      onDragEnter={over}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      data-testid={`file-drop-${label}`}
    >
      <div className="file-drop-controls">
        <label className={`btn btn-small file-button${disabled ? ' file-button-disabled' : ''}`}>
          <input type="file" className="sr-only" accept={ACCEPTED_TYPES} multiple disabled={disabled} aria-label={`Chọn tệp: ${label}`} onChange={picked} />
          Chọn tệp
        </label>
        {/* On a phone: the camera, a photo of the paper (JPEG); on a PC the same file chooser. */}
        <label className={`btn btn-small file-button${disabled ? ' file-button-disabled' : ''}`}>
          <input type="file" className="sr-only" accept="image/*" capture="environment" disabled={disabled} aria-label={`Chụp ảnh: ${label}`} onChange={picked} />
          Chụp ảnh
        </label>
        <small className="muted">hoặc kéo thả tệp vào đây · PDF, JPEG, PNG, TIFF</small>
      </div>
      {files.length ? (
        <ul className="file-thumbs" aria-label={`Tệp đính kèm: ${label}`}>
          {files.map((f) => (
            <li key={f.key}>
              <FileThumb file={f.file} previewUrl={f.previewUrl} />
              <button type="button" className="btn btn-small" aria-label={`Bỏ tệp ${f.file.name}`} disabled={disabled} onClick={() => onRemove(f.key)}>
                Bỏ
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
