/** The caller's agencies as a select's <option>s: tree order, each indented under its parent (the shared cached list). */
import { agencyTree, indentedName, useAgencies } from './agencies';

export function AgencyOptions() {
  const agencies = useAgencies();
  return agencyTree(agencies.data ?? [], (a) => a.code).map((n) => (
    <option key={n.item.code} value={n.item.code}>
      {indentedName(n)}
    </option>
  ));
}
