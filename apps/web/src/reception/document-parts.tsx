/** Pieces of the printed desk documents (receipt, supplement request): the two-column heading of Vietnamese administrative forms, and lookups they share. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { useOfficers } from '../dossier/queries';
import { formatDocumentDate } from '../format';

/** An officer's full name as printed under a signature (events carry only the account name); the account name if it cannot be found. */
export function useOfficerName(username: string | undefined): string {
  const { user } = useAuth();
  const officers = useOfficers(!!username && username !== user?.username);
  if (!username) return '';
  if (user?.username === username) return user.fullName;
  return officers.data?.find((o) => o.username === username)?.fullName ?? username;
}

/** "Tiên Du" from "Ủy ban nhân dân xã Tiên Du": the place named on the date line; nothing when the name does not follow the pattern. */
export function placeOf(agencyName: string): string | null {
  const m = /^(?:Ủy ban nhân dân|UBND)\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+(.+)$/iu.exec(agencyName.trim());
  return m ? m[1] : null;
}

/** Left: the agency and its one-stop desk; right: the national motto. Then the place and date. */
export function DocumentHead({ agencyName, at }: { agencyName: string; at: string }) {
  const place = placeOf(agencyName);
  return (
    <>
      <div className="doc-head">
        <div>
          {agencyName.toLocaleUpperCase('vi')}
          <br />
          <strong className="doc-rule">BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ</strong>
        </div>
        <div>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <br />
          <strong className="doc-rule">Độc lập - Tự do - Hạnh phúc</strong>
        </div>
      </div>
      <p className="doc-date">
        <em>
          {place ? `${place}, ` : ''}
          {formatDocumentDate(at)}
        </em>
      </p>
    </>
  );
}

/** The screen-only bar above a printable document: print, and the ways back. */
export function DocumentToolbar({ dossierId, printLabel, children }: { dossierId: string; printLabel: string; children?: ReactNode }) {
  return (
    <div className="doc-toolbar no-print">
      <button type="button" className="btn btn-primary" onClick={() => window.print()}>
        {printLabel}
      </button>
      <Link className="btn" to={`/ho-so/${dossierId}`}>
        Xem hồ sơ
      </Link>
      {children}
    </div>
  );
}

/** One signature box of a document: who signs, and the name printed under the space for the signature. */
export function DocumentSigner({ title, name, testId }: { title: string; name: string; testId?: string }) {
  return (
    <div>
      <strong>{title}</strong>
      <br />
      <em>(Ký và ghi rõ họ tên)</em>
      <span className="doc-signer" data-testid={testId}>
        {name}
      </span>
    </div>
  );
}
