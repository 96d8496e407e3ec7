import { describe, expect, it } from '@jest/globals';
import { auditChanges, auditValue } from './audit-changes';

describe('auditChanges', () => {
  it('names each changed field in Vietnamese with its value before and after', () => {
    expect(
      auditChanges({ roles: ['reception'], active: true }, { roles: ['reception', 'specialist'], active: false, passwordChanged: true }),
    ).toEqual([
      { field: 'roles', label: 'Vai trò', before: 'Cán bộ tiếp nhận (Một cửa)', after: 'Cán bộ tiếp nhận (Một cửa), Chuyên viên xử lý' },
      { field: 'active', label: 'Trạng thái', before: 'Đang hoạt động', after: 'Đã khóa' },
      { field: 'passwordChanged', label: 'Mật khẩu', before: null, after: 'Đã đặt mật khẩu mới' },
    ]);
  });

  it('lists a creation’s fields without a before side, the id or code left to the target column', () => {
    expect(auditChanges(null, { id: 'x', code: 'H12.01.07', level: 'commune', parentCode: null })).toEqual([
      { field: 'level', label: 'Cấp', before: null, after: 'Cấp xã' },
      { field: 'parentCode', label: 'Cơ quan cấp trên', before: null, after: '—' },
    ]);
  });
});

describe('auditValue', () => {
  it('reads office hours, durations, fees and steps as an officer says them', () => {
    expect(auditValue('officeHours', [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }])).toBe('07:30–11:30, 13:30–17:00');
    expect(auditValue('processingTime', { value: 3, unit: 'working_days' })).toBe('3 ngày làm việc');
    expect(auditValue('fee', 150000)).toBe('150.000 đồng');
    expect(auditValue('steps', [{ name: 'Tiếp nhận' }, { name: 'Thẩm định' }])).toBe('Tiếp nhận → Thẩm định');
  });

  it('cuts long text', () => {
    expect(auditValue('note', 'x'.repeat(500))).toHaveLength(160);
  });
});
