/** The frame around every signed-in screen: who is signed in (name, role, agency), the menu for their roles, log out. */
import { NavLink, Outlet, useNavigate } from 'react-router';
import { TWO_FACTOR_PATH, useAuth } from './auth';
import { ROLE_LABELS } from './labels';
import type { Role } from './types';

interface MenuItem {
  to: string;
  label: string;
  roles: Role[];
}

const MENU: MenuItem[] = [
  { to: '/giam-sat', label: 'Bảng theo dõi', roles: ['supervisor'] },
  { to: '/giam-sat/qua-han', label: 'Hồ sơ quá hạn', roles: ['supervisor'] },
  { to: '/bao-cao', label: 'Báo cáo, thống kê', roles: ['supervisor'] },
  { to: '/tiep-nhan', label: 'Tiếp nhận hồ sơ', roles: ['reception'] },
  { to: '/tra-ket-qua', label: 'Trả kết quả', roles: ['reception'] },
  { to: '/cong-viec', label: 'Công việc của tôi', roles: ['reception', 'specialist', 'leader', 'clerk'] },
  { to: '/ho-so', label: 'Tra cứu hồ sơ', roles: ['reception', 'specialist', 'leader', 'clerk', 'supervisor'] },
  { to: '/quan-tri/thu-tuc', label: 'Thủ tục hành chính', roles: [] },
  { to: '/quan-tri/lich', label: 'Lịch làm việc', roles: [] },
  { to: '/quan-tri/nguoi-dung', label: 'Người dùng', roles: [] },
  { to: '/quan-tri/co-quan', label: 'Cơ quan, đơn vị', roles: [] },
  { to: '/quan-tri/nhat-ky', label: 'Nhật ký quản trị', roles: [] },
  { to: TWO_FACTOR_PATH, label: 'Xác thực hai bước', roles: ['supervisor', 'reception', 'specialist', 'leader', 'clerk'] },
];

export function Layout() {
  const { user, logout, hasRole } = useAuth();
  const navigate = useNavigate();
  if (!user) return null;
  const items = MENU.filter((m) => hasRole(...m.roles));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Bỏ qua menu, tới nội dung chính
      </a>
      <header className="topbar no-print">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ★
          </span>
          <span>
            Bộ phận Một cửa
            <small>Hệ thống tiếp nhận và giải quyết thủ tục hành chính</small>
          </span>
        </div>
        <div className="whoami" aria-label="Người dùng đang đăng nhập">
          <strong data-testid="user-name">{user.fullName}</strong>
          <span data-testid="user-role">{user.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
          <span data-testid="user-agency">{user.agencyCode ? `Đơn vị: ${user.agencyCode}` : 'Toàn hệ thống'}</span>
          <button
            type="button"
            className="btn btn-light"
            onClick={() => {
              logout();
              navigate('/dang-nhap');
            }}
          >
            Đăng xuất
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="sidenav no-print" aria-label="Chức năng">
          <ul>
            {items.map((m) => (
              <li key={m.to}>
                <NavLink to={m.to} end>
                  {m.label}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to="/tra-cuu">Tra cứu công khai</NavLink>
            </li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
