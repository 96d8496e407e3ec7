/** The receipt and appointment slip handed to the applicant at intake (mẫu "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"), printable on A4. */
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { Link, useParams } from 'react-router';
import { ErrorBox, Loading, Page } from '../components';
import { formatAppointment, formatDateTime, formatDuration } from '../format';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS } from '../labels';
import { useDossier, useDossierEvents, useProcedureVersion } from '../dossier/queries';
import { agencyName } from '../dossier/lien-thong';
import { DocumentHead, DocumentSigner, DocumentToolbar, useOfficerName } from '../reception/document-parts';

/** Where the applicant checks progress; also printed under the QR code for those who type it. */
function publicLookupUrl(code: string): string {
  return `${location.origin}/tra-cuu?ma=${encodeURIComponent(code)}`;
}

export default function ReceiptPage() {
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  const d = dossier.data;
  const events = useDossierEvents(id);
  const procedure = useProcedureVersion(d?.procedureCode, d?.procedureVersion);
  const lookupUrl = d ? publicLookupUrl(d.code) : '';
  const qr = useQuery({
    queryKey: ['qr', lookupUrl],
    queryFn: () => QRCode.toDataURL(lookupUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' }),
    enabled: !!d,
    staleTime: Infinity,
  });
  const intake = events.data?.find((e) => e.fromStatus === null);
  const officer = useOfficerName(intake?.actor.username);

  if (dossier.error) {
    return (
      <Page title="Giấy tiếp nhận hồ sơ">
        <ErrorBox error={dossier.error} />
      </Page>
    );
  }
  if (!d) return <Loading />;

  // The desk that received it issues the receipt and hands back the result; liên thông: another agency may resolve it.
  const desk = agencyName(d, d.receivingAgencyCode);
  const resolving = d.agencyCode !== d.receivingAgencyCode ? agencyName(d, d.agencyCode) : null;
  const p = procedure.data;
  const time = p ? (d.channel === 'online' && p.onlineProcessingTime ? p.onlineProcessingTime : p.processingTime) : null;
  const a = d.applicant;
  const documents = d.documents ?? [];
  return (
    <>
      <DocumentToolbar dossierId={d.id} printLabel="In giấy tiếp nhận">
        <Link className="btn" to="/tiep-nhan">
          Tiếp nhận hồ sơ mới
        </Link>
      </DocumentToolbar>
      <article className="document" aria-labelledby="doc-title">
        <DocumentHead agencyName={desk} at={d.receivedAt} />
        <h1 id="doc-title" className="doc-title">
          GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ
        </h1>
        <p className="doc-center">
          Mã hồ sơ: <strong data-testid="dossier-code">{d.code}</strong>
        </p>
        <p>Bộ phận tiếp nhận và trả kết quả {desk} đã tiếp nhận hồ sơ của:</p>
        <dl className="doc-fields">
          <dt>{a.type === 'citizen' ? 'Ông/Bà' : APPLICANT_TYPE_LABELS[a.type]}:</dt>
          <dd>
            <strong>{a.fullName}</strong>
          </dd>
          <dt>{a.type === 'citizen' ? 'Số CCCD' : 'Mã số'}:</dt>
          <dd>{a.idNumber}</dd>
          {a.address ? (
            <>
              <dt>Địa chỉ:</dt>
              <dd>{a.address}</dd>
            </>
          ) : null}
          {a.phone || a.email ? (
            <>
              <dt>Điện thoại, email:</dt>
              <dd>{[a.phone, a.email].filter(Boolean).join(' – ')}</dd>
            </>
          ) : null}
          <dt>Nội dung yêu cầu giải quyết:</dt>
          <dd>
            {d.procedureName} (mã thủ tục {d.procedureCode})
          </dd>
          <dt>Hình thức nộp:</dt>
          <dd>{CHANNEL_LABELS[d.channel]}</dd>
          {resolving ? (
            <>
              <dt>Cơ quan giải quyết:</dt>
              <dd data-testid="resolving-agency">{resolving}</dd>
            </>
          ) : null}
        </dl>
        <p>
          <strong>1. Thành phần hồ sơ nộp gồm:</strong>
        </p>
        {documents.length ? (
          <table className="doc-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  STT
                </th>
                <th scope="col">Tên giấy tờ</th>
                <th scope="col" className="num">
                  Số bản
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((doc, i) => (
                <tr key={doc.code}>
                  <td className="num">{i + 1}</td>
                  <td>{doc.name}</td>
                  <td className="num">{doc.copies}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>(Không ghi nhận giấy tờ kèm theo.)</p>
        )}
        <p>
          <strong>2. Số lượng hồ sơ:</strong> 01 bộ.
        </p>
        <p>
          <strong>3. Thời gian giải quyết hồ sơ theo quy định:</strong> {time ? formatDuration(time) : '…'}
        </p>
        <p>
          <strong>4. Thời gian nhận hồ sơ:</strong> {formatDateTime(d.receivedAt)}
        </p>
        <p className="doc-appointment">
          <strong>5. Hẹn trả kết quả:</strong> <span data-testid="appointment">{formatAppointment(d.dueAt)}</span>
        </p>
        {d.extendedDueAt ? (
          <p>
            <strong>Hẹn lại ngày trả kết quả:</strong> {formatAppointment(d.extendedDueAt)}
          </p>
        ) : null}
        <p>
          <strong>6. Nơi nhận kết quả:</strong> Bộ phận tiếp nhận và trả kết quả {desk}.
        </p>
        <div className="doc-qr">
          {qr.data ? <img src={qr.data} width={120} height={120} alt={`Mã QR tra cứu hồ sơ ${d.code}`} /> : null}
          <p>
            Tra cứu tình trạng hồ sơ: quét mã QR hoặc truy cập
            <br />
            <span data-testid="lookup-url" className="doc-url">
              {lookupUrl}
            </span>
          </p>
        </div>
        <div className="doc-sign">
          <DocumentSigner title="NGƯỜI NỘP HỒ SƠ" name={a.fullName} />
          <DocumentSigner title="NGƯỜI TIẾP NHẬN HỒ SƠ" name={officer} testId="officer" />
        </div>
      </article>
    </>
  );
}
