/**
 * A form of the dossier as the server renders it: the PDF in a frame filling the page, printed from the browser's PDF
 * viewer (so paper matches the PDF filed with the dossier), downloaded under the server's name.
 */
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, saveBlob } from '../api';
import { useAuth } from '../auth';
import { ErrorBox, Loading, Page } from '../components';
import { dossierKey, useDossier } from '../dossier/queries';
import { type DossierForm, fetchFormPdf, FORMS } from './forms';

/** Why a dossier has no such form, in the officer's words (the server answers 409 `form_not_applicable`). */
const NOT_APPLICABLE: Readonly<Record<DossierForm, string>> = {
  receipt: 'hồ sơ chưa được tiếp nhận',
  'supplement-request': 'chưa có yêu cầu bổ sung nào, nên không có phiếu để in',
  refusal: 'hồ sơ đã được tiếp nhận, không bị từ chối',
  apology: 'hồ sơ chưa được gia hạn thời gian giải quyết',
  'stop-notice': 'người nộp chưa rút hồ sơ',
  'control-sheet': 'hồ sơ chưa có diễn biến nào',
};

function NotApplicable({ form, code }: { form: DossierForm; code?: string }) {
  const f = FORMS[form];
  return (
    <p className="alert alert-warn" role="status">
      Hồ sơ {code ? `${code} ` : 'này '}không có mẫu {f.number} ({f.title}): {NOT_APPLICABLE[form]}.
    </p>
  );
}

/** The PDF of one form with its toolbar: print, download, back to the dossier (and `actions`, e.g. the next intake). */
export function FormViewer({ dossierId, form, code, actions }: { dossierId: string; form: DossierForm; code?: string; actions?: ReactNode }) {
  const pdf = useQuery({
    queryKey: [...dossierKey(dossierId), 'form', form],
    queryFn: () => fetchFormPdf(dossierId, form),
    // Not reloaded under the officer while the print dialog is open; a change to the dossier invalidates it.
    refetchOnWindowFocus: false,
    gcTime: 60_000,
  });
  const frame = useRef<HTMLIFrameElement>(null);
  // The object URL lives as long as the frame shows these bytes (set on the frame itself: nothing to render again).
  useEffect(() => {
    const element = frame.current;
    if (!pdf.data || !element) return undefined;
    const u = URL.createObjectURL(pdf.data.blob);
    element.src = u;
    return () => {
      element.removeAttribute('src');
      URL.revokeObjectURL(u);
    };
  }, [pdf.data]);

  function print() {
    const element = frame.current;
    if (!element) return;
    try {
      // The browser's PDF viewer prints the document itself, at its own A4 size.
      element.contentWindow!.print();
    } catch {
      // A browser that will not print a frame's PDF (or has no viewer): the PDF in a tab of its own, printed from there.
      if (element.src) window.open(element.src, '_blank', 'noopener');
    }
  }

  const notApplicable = pdf.error instanceof ApiError && pdf.error.status === 409;
  const f = FORMS[form];
  return (
    <>
      <div className="doc-toolbar" role="toolbar" aria-label={`Thao tác với ${f.title}`}>
        <button type="button" className="btn btn-primary" disabled={!pdf.data} onClick={print}>
          In
        </button>
        <button type="button" className="btn" disabled={!pdf.data} onClick={() => pdf.data && saveBlob(pdf.data.blob, pdf.data.fileName)}>
          Tải xuống
        </button>
        <Link className="btn" to={`/ho-so/${dossierId}`}>
          Quay lại hồ sơ
        </Link>
        {actions}
      </div>
      {pdf.isPending ? <Loading label="Đang tạo bản PDF…" /> : null}
      {notApplicable ? <NotApplicable form={form} code={code} /> : <ErrorBox error={pdf.error} />}
      {pdf.data ? <iframe ref={frame} className="form-frame" title={`${f.title} (PDF)`} /> : null}
    </>
  );
}

/** `/ho-so/:id/<form's path>`: the form under its title. */
export default function FormPage({ form }: { form: DossierForm }) {
  const { id = '' } = useParams();
  const { hasRole } = useAuth();
  const dossier = useDossier(id);
  const f = FORMS[form];
  const code = dossier.data?.code;
  return (
    <Page title={code ? `${f.title} – hồ sơ ${code}` : f.title}>
      <FormViewer
        dossierId={id}
        form={form}
        code={code}
        actions={
          form === 'receipt' && hasRole('reception') ? (
            <Link className="btn" to="/tiep-nhan">
              Tiếp nhận hồ sơ mới
            </Link>
          ) : null
        }
      />
    </Page>
  );
}
