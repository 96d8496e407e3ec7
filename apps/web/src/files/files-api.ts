/**
 * The file endpoints with the app's bearer token: upload as multipart with the fields before the file (the API reads them
 * first), with progress; list; and the bytes as a Blob (a plain link would carry no token). Errors are ApiError.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, type ApiErrorBody, call, client, session } from '../api';
import { dossierKey, eventsKey } from '../dossier/queries';
import type { DossierFile, FileKind } from './file-rules';

/** An error answer as the client would have thrown it (the API's format, else `http_error`). */
function apiErrorOf(status: number, body: unknown): ApiError {
  const isApiBody = !!body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string';
  return new ApiError(status, isApiBody ? (body as ApiErrorBody) : { statusCode: status, error: 'http_error', message: `Máy chủ trả lỗi ${status}` });
}

export const filesKey = (id: string) => [...dossierKey(id), 'files'] as const;

export function useDossierFiles(id: string) {
  return useQuery({
    queryKey: filesKey(id),
    queryFn: async () => (await call(client.GET('/api/v1/dossiers/{id}/files', { params: { path: { id } } }))).items,
    enabled: !!id,
  });
}

export interface UploadFields {
  kind: FileKind;
  documentCode?: string | null;
  supersedes?: string | null;
}

function formOf(fields: UploadFields, file: File): FormData {
  const form = new FormData();
  form.append('kind', fields.kind);
  if (fields.documentCode) form.append('documentCode', fields.documentCode);
  if (fields.supersedes) form.append('supersedes', fields.supersedes);
  form.append('file', file, file.name);
  return form;
}

/** Through the app's client: its middleware asks the officer to sign in again on a 401 and sends the request again. */
function uploadThroughClient(dossierId: string, fields: UploadFields, file: File): Promise<DossierFile> {
  // openapi-fetch leaves FormData alone and the browser sets the multipart boundary.
  return call(
    client.POST('/api/v1/dossiers/{id}/files', {
      params: { path: { id: dossierId } },
      body: formOf(fields, file) as unknown as { kind: FileKind; file: string },
      bodySerializer: (b) => b as unknown as FormData,
    }),
  );
}

/**
 * Uploads one file, reporting the share sent (fetch cannot tell upload progress: XMLHttpRequest can). A refused token
 * goes again through the app's client, which has the officer sign in again first.
 */
export function uploadFile(dossierId: string, fields: UploadFields, file: File, onProgress?: (sent: number) => void): Promise<DossierFile> {
  const token = session.token();
  if (!token || !onProgress) return uploadThroughClient(dossierId, fields, file);
  return new Promise<DossierFile>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/dossiers/${encodeURIComponent(dossierId)}/files`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    // As fetch reports it: the page's messages already say "no connection" for a TypeError.
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.onload = () => {
      if (xhr.status === 401) {
        uploadThroughClient(dossierId, fields, file).then(resolve, reject);
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as DossierFile);
      else reject(apiErrorOf(xhr.status, xhr.response));
    };
    xhr.send(formOf(fields, file));
  });
}

/** The file's bytes, typed by the API's Content-Type (so a PDF blob opens in the browser's viewer). */
export async function fetchFileBlob(dossierId: string, fileId: string): Promise<Blob> {
  const blob = await call(
    client.GET('/api/v1/dossiers/{id}/files/{fileId}', { params: { path: { id: dossierId, fileId } }, parseAs: 'blob', headers: { Accept: '*/*' } }),
  );
  return blob as Blob;
}

/** Saves the file under its own name. */
export async function downloadFile(dossierId: string, file: Pick<DossierFile, 'id' | 'fileName'>, saveAs: string): Promise<void> {
  const url = URL.createObjectURL(await fetchFileBlob(dossierId, file.id));
  const a = document.createElement('a');
  a.href = url;
  a.download = saveAs;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file was added: the list and the dossier's events are read again. */
export function filesChanged(queryClient: QueryClient, dossierId: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: filesKey(dossierId) }),
    queryClient.invalidateQueries({ queryKey: eventsKey(dossierId) }),
  ]).then(() => undefined);
}
