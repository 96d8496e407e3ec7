/** The request to supplement a dossier (mẫu "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"), printed from its latest REQUEST_SUPPLEMENT event. */
import { useParams } from 'react-router';
import { ErrorBox, Loading, Page } from '../components';
import { formatDateTime } from '../format';
import { useDossier, useDossierEvents } from '../dossier/queries';
import { agencyName as nameIn } from '../dossier/lien-thong';
import { DocumentHead, DocumentSigner, DocumentToolbar, useOfficerName } from '../reception/document-parts';

export default function SupplementRequestPage() {
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  const events = useDossierEvents(id);
  const d = dossier.data;
  const request = events.data?.findLast((e) => e.type === 'REQUEST_SUPPLEMENT');
  // The desk that received the dossier takes the supplement in (liên thông: the agency asking may be another).
  const agencyName = d ? nameIn(d, d.receivingAgencyCode) : '';
  const officer = useOfficerName(request?.actor.username);

  const error = dossier.error ?? events.error;
  if (error) {
    return (
      <Page title="Phiếu yêu cầu bổ sung hồ sơ">
        <ErrorBox error={error} />
      </Page>
    );
  }
  if (!d || !events.data) return <Loading />;
  if (!request) {
    return (
      <Page title="Phiếu yêu cầu bổ sung hồ sơ">
        <p className="alert alert-warn" role="status">
          Hồ sơ {d.code} chưa có yêu cầu bổ sung nào, nên không có phiếu để in.
        </p>
        <DocumentToolbar dossierId={d.id} printLabel="In phiếu" />
      </Page>
    );
  }

  const missing = Array.isArray(request.data?.missingItems) ? (request.data.missingItems as string[]) : [];
  const a = d.applicant;
  const addressee = a.type === 'citizen' ? `Ông/Bà ${a.fullName}` : a.fullName;
  return (
    <>
      <DocumentToolbar dossierId={d.id} printLabel="In phiếu yêu cầu bổ sung" />
      {d.status !== 'awaiting_supplement' ? (
        <p className="alert alert-warn no-print" role="status">
          Hồ sơ không còn ở trạng thái chờ bổ sung; phiếu dưới đây là yêu cầu bổ sung gần nhất, lập lúc {formatDateTime(request.at)}.
        </p>
      ) : null}
      <article className="document" aria-labelledby="doc-title">
        <DocumentHead agencyName={agencyName} at={request.at} />
        <h1 id="doc-title" className="doc-title">
          PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ
        </h1>
        <p className="doc-center">
          Mã hồ sơ: <strong data-testid="dossier-code">{d.code}</strong>
        </p>
        <p className="doc-center">
          Kính gửi: <strong>{addressee}</strong>
        </p>
        <p>
          Bộ phận tiếp nhận và trả kết quả {agencyName} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục <strong>{d.procedureName}</strong> (mã thủ
          tục {d.procedureCode}) lúc {formatDateTime(d.receivedAt)}.
        </p>
        <p>Sau khi xem xét, hồ sơ cần được bổ sung, hoàn thiện các nội dung sau:</p>
        <ol className="doc-list" aria-label="Nội dung cần bổ sung">
          {missing.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
        {request.note ? (
          <p>
            <strong>Lý do:</strong> <span data-testid="reason">{request.note}</span>
          </p>
        ) : null}
        <p>
          Đề nghị {addressee} bổ sung, hoàn thiện hồ sơ theo các nội dung trên và nộp tại Bộ phận tiếp nhận và trả kết quả {agencyName}. Trong quá
          trình hoàn thiện hồ sơ, nếu có vướng mắc, xin liên hệ Bộ phận tiếp nhận và trả kết quả để được hướng dẫn.
        </p>
        <p>Xin trân trọng cảm ơn.</p>
        <div className="doc-sign">
          <div />
          <DocumentSigner title="NGƯỜI HƯỚNG DẪN" name={officer} testId="officer" />
        </div>
      </article>
    </>
  );
}
