/** A 400's bad fields in Vietnamese for the administrator, translated from their codes (field-error-messages.ts). */
import { ApiError } from '../api';
import { ErrorBox } from '../components';
import { fieldErrorMessage } from './field-error-messages';

export { fieldErrorMessage } from './field-error-messages';

/** A 400 or 409 answer as field path → Vietnamese reason; `conflictField` takes a 409 "already exists" (e.g. a username). */
export function fieldErrorsOf(e: unknown, conflictField?: string): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  if (e.status === 409 && conflictField) return { [conflictField]: 'đã tồn tại, hãy chọn giá trị khác' };
  return Object.fromEntries(Object.entries(e.fieldErrors()).map(([field, error]) => [field, fieldErrorMessage(error)]));
}

/** A save's error above its form: one line pointing at the marked fields when the API named them, else the error itself. */
export function SaveError({ error, fields }: { error: unknown; fields: Record<string, string> }) {
  const shownAsFields = error instanceof ApiError && (error.status === 400 || error.status === 409) && Object.keys(fields).length > 0;
  if (!shownAsFields) return <ErrorBox error={error} />;
  return (
    <div className="alert alert-error" role="alert">
      Chưa lưu được: kiểm tra các ô được đánh dấu bên dưới.
    </div>
  );
}
