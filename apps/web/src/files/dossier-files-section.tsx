/**
 * "Tài liệu đính kèm" of the dossier page: the files by document (results last), each with its size, uploader, time and
 * earlier versions; a viewer (PDF in a frame, images; TIFF downloads) and downloads, both fetched with the officer's token;
 * attaching more scans, results and replacements where the officer may (the API decides: a refusal is shown, in Vietnamese).
 */
import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useAuth } from '../auth';
import { ErrorBox, Loading } from '../components';
import type { Officer, WorkDossier } from '../dossier/model';
import { formatDateTime } from '../format';
import type { Procedure } from '../types';
import { FilePicker, type PickedFile, releasePicked } from './file-picker';
import { ACCEPTED_TYPES, type DossierFile, type FileGroup, type FileKind, formatFileSize, groupFiles, safeFileName, viewerOf } from './file-rules';
import { downloadFile, fetchFileBlob, filesKey, useDossierFiles } from './files-api';
import { UploadList, useUploads } from './upload-list';
import type { UploadItem } from './upload-queue';

const OPEN = ['processing', 'awaiting_supplement', 'suspended'];
const TYPE_LABELS: Record<DossierFile['contentType'], string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/tiff': 'TIFF' };

function uploaderName(officers: Officer[] | undefined, f: DossierFile): string {
  const o = officers?.find((x) => x.id === f.uploadedBy.id);
  return o ? o.fullName : f.uploadedBy.username;
}

export function DossierFilesSection({ dossier, procedure, officers }: { dossier: WorkDossier; procedure?: Procedure; officers?: Officer[] }) {
  const titleId = useId();
  const { hasRole } = useAuth();
  const files = useDossierFiles(dossier.id);
  const [viewing, setViewing] = useState<DossierFile | null>(null);
  // The dossier's documents first (in its order), then the procedure's others: every code a scan may name has its name.
  const documents = useMemo(() => {
    const own = dossier.documents.map((d) => ({ code: d.code, name: d.name }));
    const rest = (procedure?.requiredDocuments ?? []).filter((d) => !own.some((o) => o.code === d.code)).map((d) => ({ code: d.code, name: d.name }));
    return [...own, ...rest];
  }, [dossier.documents, procedure?.requiredDocuments]);
  const groups = useMemo(() => groupFiles(files.data ?? [], documents), [files.data, documents]);
  const acting = hasRole('reception', 'specialist', 'leader', 'clerk', 'admin');
  const mayAddComponents = acting && OPEN.includes(dossier.status);
  // Results: whoever may COMPLETE now (attached in the COMPLETE form of the actions, before the dossier is completed), or
  // the completing step's officers until it is handed back (here; the API checks which officers).
  const mayReplaceResults = acting && (dossier.allowedEvents.includes('COMPLETE') || dossier.status === 'result_ready');
  const mayAddResults = acting && dossier.status === 'result_ready';

  const view = (f: DossierFile) => setViewing((v) => (v?.id === f.id ? null : f));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="dossier-section-title">
        Tài liệu đính kèm
      </h2>
      {files.isLoading ? <Loading label="Đang tải danh sách tệp…" /> : null}
      <ErrorBox error={files.error} />
      {files.data && !groups.length ? <p className="muted">Hồ sơ chưa có tệp đính kèm.</p> : null}
      {groups.map((g) => (
        <FileGroupView
          key={g.key}
          group={g}
          dossierId={dossier.id}
          officers={officers}
          viewing={viewing}
          onView={view}
          mayReplace={g.kind === 'form' ? false : g.kind === 'component' ? mayAddComponents : mayReplaceResults}
        />
      ))}
      {viewing ? <FileViewer key={viewing.id} dossierId={dossier.id} file={viewing} onClose={() => setViewing(null)} /> : null}
      {mayAddComponents ? <AttachForm dossierId={dossier.id} kind="component" documents={documents} /> : null}
      {mayAddResults ? <AttachForm dossierId={dossier.id} kind="result" documents={documents} /> : null}
    </section>
  );
}

function FileGroupView({
  group,
  dossierId,
  officers,
  viewing,
  onView,
  mayReplace,
}: {
  group: FileGroup;
  dossierId: string;
  officers?: Officer[];
  viewing: DossierFile | null;
  onView: (f: DossierFile) => void;
  mayReplace: boolean;
}) {
  const headingId = useId();
  return (
    <section className="file-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{group.title}</h3>
      <ul className="file-rows">
        {group.files.map((v) => (
          <li key={v.file.id}>
            <FileRow dossierId={dossierId} file={v.file} officers={officers} viewing={viewing} onView={onView} replaces={v.replaces} />
            {mayReplace ? <ReplaceButton dossierId={dossierId} file={v.file} /> : null}
            {v.older.length ? (
              <details className="file-older">
                <summary>Phiên bản cũ ({v.older.length})</summary>
                <ul className="file-rows">
                  {v.older.map((o) => (
                    <li key={o.id}>
                      <FileRow dossierId={dossierId} file={o} officers={officers} viewing={viewing} onView={onView} superseded />
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function FileRow({
  dossierId,
  file,
  officers,
  viewing,
  onView,
  replaces = null,
  superseded = false,
}: {
  dossierId: string;
  file: DossierFile;
  officers?: Officer[];
  viewing: DossierFile | null;
  onView: (f: DossierFile) => void;
  replaces?: DossierFile | null;
  superseded?: boolean;
}) {
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await downloadFile(dossierId, file, safeFileName(file.fileName));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="file-row" data-testid="file-row">
      <div>
        <span className="file-name">{file.fileName}</span>{' '}
        {replaces ? <span className="badge badge-replaces">Thay thế</span> : null}
        {superseded ? <span className="badge badge-superseded">Đã được thay thế</span> : null}
        <br />
        <small className="muted">
          {TYPE_LABELS[file.contentType]} · {formatFileSize(file.size)} · {uploaderName(officers, file)} · {formatDateTime(file.uploadedAt)}
          {replaces ? ` · thay thế tệp “${replaces.fileName}” (${formatDateTime(replaces.uploadedAt)})` : ''}
        </small>
      </div>
      <div className="file-row-actions">
        {viewerOf(file.contentType) ? (
          <button type="button" className="btn btn-small" aria-pressed={viewing?.id === file.id} aria-label={`Xem ${file.fileName}`} onClick={() => onView(file)}>
            Xem
          </button>
        ) : null}
        <button type="button" className="btn btn-small" aria-label={`Tải về ${file.fileName}`} disabled={saving} onClick={() => void save()}>
          {saving ? 'Đang tải…' : 'Tải về'}
        </button>
      </div>
      <ErrorBox error={error} />
    </div>
  );
}

/** The bytes as an object URL, for as long as the viewer shows them. */
function FileViewer({ dossierId, file, onClose }: { dossierId: string; file: DossierFile; onClose: () => void }) {
  const blob = useQuery({ queryKey: [...filesKey(dossierId), file.id, 'bytes'], queryFn: () => fetchFileBlob(dossierId, file.id), staleTime: Infinity, gcTime: 60_000 });
  // The object URL lives as long as the frame or image shows it (set on the element itself: nothing to render again).
  const frame = useRef<HTMLIFrameElement & HTMLImageElement>(null);
  useEffect(() => {
    const element = frame.current;
    if (!blob.data || !element) return undefined;
    const u = URL.createObjectURL(blob.data);
    element.src = u;
    return () => {
      element.removeAttribute('src');
      URL.revokeObjectURL(u);
    };
  }, [blob.data]);
  const kind = viewerOf(file.contentType);
  return (
    <section className="file-viewer" aria-label={`Xem tệp ${file.fileName}`}>
      <div className="row file-viewer-head">
        <strong>{file.fileName}</strong>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Đóng
        </button>
      </div>
      <ErrorBox error={blob.error} />
      {blob.isPending ? <Loading label="Đang tải tệp…" /> : null}
      {blob.data && kind === 'pdf' ? <iframe ref={frame} className="file-frame" title={`Nội dung ${file.fileName}`} /> : null}
      {blob.data && kind === 'image' ? <img ref={frame} className="file-image" alt={`Nội dung ${file.fileName}`} /> : null}
    </section>
  );
}

/** A newer version of a file: same kind and document; the old one stays as evidence (files are immutable). */
function ReplaceButton({ dossierId, file }: { dossierId: string; file: DossierFile }) {
  const uploads = useUploads(dossierId);
  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = '';
    if (!chosen) return;
    void uploads.start(dossierId, [
      { key: `r-${file.id}`, file: chosen, fields: { kind: file.kind === 'result' ? 'result' : 'component', documentCode: file.documentCode, supersedes: file.id }, label: `thay thế ${file.fileName}`, status: 'waiting' },
    ]);
  };
  const failed = uploads.items.some((i) => i.status === 'failed');
  return (
    <div className="file-replace">
      <label className="btn btn-small file-button">
        <input type="file" className="sr-only" accept={ACCEPTED_TYPES} aria-label={`Thay thế ${file.fileName}`} disabled={uploads.running} onChange={picked} />
        Thay thế bằng tệp mới
      </label>
      {failed || uploads.running ? <UploadList items={uploads.items} label={`Thay thế ${file.fileName}`} /> : null}
    </div>
  );
}

const KIND_TITLES: Record<FileKind, string> = { component: 'Đính kèm thêm bản scan thành phần hồ sơ', result: 'Đính kèm tệp kết quả giải quyết' };

/** More scans of a document (a supplement, a page forgotten), or the result document(s). */
function AttachForm({ dossierId, kind, documents }: { dossierId: string; kind: FileKind; documents: { code: string; name: string }[] }) {
  const formId = useId();
  const [documentCode, setDocumentCode] = useState('');
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const uploads = useUploads(dossierId);
  const pickedRef = useRef(picked);
  useEffect(() => {
    pickedRef.current = picked;
  }, [picked]);
  useEffect(() => () => releasePicked(pickedRef.current), []);
  const title = KIND_TITLES[kind];
  const label = kind === 'result' ? 'Kết quả giải quyết' : (documents.find((d) => d.code === documentCode)?.name ?? 'Tài liệu khác');
  const submit = async () => {
    const items: UploadItem[] = picked.map((p) => ({ key: p.key, file: p.file, fields: { kind, documentCode: kind === 'component' ? documentCode || null : null }, label, status: 'waiting' }));
    const result = await uploads.start(dossierId, items);
    // Stored files leave the picker; refused ones stay, listed with their reason, to send again or remove.
    const failed = new Set(result.items.filter((i) => i.status === 'failed').map((i) => i.key));
    setPicked((all) => {
      releasePicked(all.filter((p) => !failed.has(p.key)));
      return all.filter((p) => failed.has(p.key));
    });
  };
  return (
    <form
      className="file-attach"
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (picked.length && !uploads.running) void submit();
      }}
    >
      <h3 id={`${formId}-title`}>{title}</h3>
      {kind === 'component' ? (
        <div className="field">
          <label htmlFor={`${formId}-doc`}>Giấy tờ</label>
          <select id={`${formId}-doc`} value={documentCode} onChange={(e) => setDocumentCode(e.target.value)}>
            <option value="">Tài liệu khác (không gắn với giấy tờ cụ thể)</option>
            {documents.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="muted">Văn bản kết quả (quyết định, giấy chứng nhận đã ký, bản ký số…): PDF, JPEG, PNG hoặc TIFF.</p>
      )}
      <FilePicker
        label={kind === 'result' ? 'Kết quả giải quyết' : title}
        files={picked}
        onAdd={(files) => setPicked((all) => [...all, ...files])}
        onRemove={(key) =>
          setPicked((all) => {
            releasePicked(all.filter((f) => f.key === key));
            return all.filter((f) => f.key !== key);
          })
        }
        disabled={uploads.running}
      />
      <UploadList items={uploads.items} label={`${title}: trạng thái`} />
      <button type="submit" className="btn btn-primary" disabled={!picked.length || uploads.running}>
        {uploads.running ? 'Đang tải lên…' : kind === 'result' ? 'Tải lên tệp kết quả' : 'Tải lên'}
      </button>
    </form>
  );
}
