/** The caller's agencies (GET /api/v1/agencies: a supervisor's own subtree) as a tree-ordered picker. */
import { AgencyOptions } from '../admin/agency-options';
import { useAgencies } from '../admin/agencies';
import { Field } from '../components';

export function AgencySelect({ value, onChange, hint }: { value: string; onChange: (code: string) => void; hint?: string }) {
  const agencies = useAgencies();
  return (
    <Field label="Đơn vị" hint={hint} error={agencies.error ? 'Không tải được danh sách đơn vị.' : undefined}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Tất cả đơn vị trong phạm vi</option>
          <AgencyOptions />
        </select>
      )}
    </Field>
  );
}
