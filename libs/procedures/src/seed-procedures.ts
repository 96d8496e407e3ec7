import type { ProcedureDefinition, StepAgency } from './procedure-definition';

// The desk that received the dossier takes it in and hands the result back, whichever agency resolves it (liên thông).
const DESK: StepAgency = { relation: 'receiving' };

// Codes other than api.md's 1.001193 are illustrative (national style, not looked up); allotments are plausible, not published.
/** The demo procedures of domain.md, so a fresh start has something real-looking to receive dossiers for. */
export const SEED_PROCEDURES: ProcedureDefinition[] = [
  {
    code: '1.001100',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    // "Same day" under working-minute arithmetic: 2 working hours from the 15:00 cut-off ends exactly at the 17:00 close.
    processingTime: { value: 2, unit: 'working_hours' },
    onlineProcessingTime: null,
    cutoff: '15:00',
    supplementPolicy: 'restart',
    steps: [
      { id: 'receive', name: 'Tiếp nhận hồ sơ', role: 'reception', agency: DESK, allotted: { value: 0.5, unit: 'working_hours' } },
      { id: 'appraise', name: 'Kiểm tra, ghi sổ hộ tịch', role: 'specialist', allotted: { value: 0.5, unit: 'working_hours' } },
      { id: 'sign', name: 'Ký giấy khai sinh', role: 'leader', allotted: { value: 0.5, unit: 'working_hours' } },
      { id: 'deliver', name: 'Trả kết quả', role: 'reception', agency: DESK, allotted: { value: 0.5, unit: 'working_hours' } },
    ],
    requiredDocuments: [
      { code: 'TK', name: 'Tờ khai đăng ký khai sinh', copies: 1 },
      { code: 'GCS', name: 'Giấy chứng sinh (hoặc văn bản của người làm chứng xác nhận về việc sinh)', copies: 1 },
    ],
    // Registering a birth on time is free of charge (Luật Hộ tịch 2014, art. 11).
    fee: 0,
  },
  {
    code: '1.000900',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
    field: 'Chứng thực',
    level: 'commune',
    // Same day, or the next working day when received after 15:00 (Nghị định 23/2015/NĐ-CP, art. 7): as for birth registration.
    processingTime: { value: 2, unit: 'working_hours' },
    onlineProcessingTime: null,
    cutoff: '15:00',
    supplementPolicy: 'restart',
    steps: [
      { id: 'receive', name: 'Tiếp nhận, đối chiếu bản chính', role: 'reception', agency: DESK, allotted: { value: 0.5, unit: 'working_hours' } },
      { id: 'sign', name: 'Ký chứng thực', role: 'leader', allotted: { value: 1, unit: 'working_hours' } },
      { id: 'record', name: 'Đóng dấu, vào sổ chứng thực, trả kết quả', role: 'clerk', allotted: { value: 0.5, unit: 'working_hours' } },
    ],
    requiredDocuments: [
      { code: 'BC', name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', copies: 1 },
      { code: 'BS', name: 'Bản sao cần chứng thực', copies: 1 },
    ],
    // Per page for the first two pages, 1,000 from the third, at most 200,000 per copy (Thông tư 226/2016/TT-BTC).
    fee: 2000,
  },
  {
    code: '1.001193',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'commune',
    processingTime: { value: 3, unit: 'working_days' },
    onlineProcessingTime: null,
    cutoff: null,
    supplementPolicy: 'restart',
    steps: [
      { id: 'receive', name: 'Tiếp nhận, chuyển hồ sơ', role: 'reception', agency: DESK, allotted: { value: 4, unit: 'working_hours' } },
      { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 12, unit: 'working_hours' } },
      { id: 'review', name: 'Trình ký', role: 'leader', allotted: { value: 4, unit: 'working_hours' } },
      // The household business code is its tax code: the tax office gets the registration from the national system (Decree 168/2025), not as a step.
      { id: 'record', name: 'Vào sổ, đóng dấu', role: 'clerk', allotted: { value: 1.5, unit: 'working_hours' } },
      { id: 'deliver', name: 'Trả kết quả', role: 'reception', agency: DESK, allotted: { value: 1, unit: 'working_hours' } },
    ],
    requiredDocuments: [
      { code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 },
      { code: 'GTPL', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh', copies: 1 },
      { code: 'BBH', name: 'Bản sao biên bản họp thành viên hộ gia đình (khi các thành viên hộ gia đình cùng đăng ký)', copies: 1 },
    ],
    // Set by each province's People's Council; 100,000 is common.
    fee: 100000,
  },
  {
    code: '1.000600',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: 'Lý lịch tư pháp',
    level: 'province',
    processingTime: { value: 10, unit: 'working_days' },
    // A shorter promise for online applications, as several provinces publish; the steps fit it too.
    onlineProcessingTime: { value: 8, unit: 'working_days' },
    cutoff: null,
    supplementPolicy: 'restart',
    steps: [
      { id: 'receive', name: 'Tiếp nhận hồ sơ', role: 'reception', agency: DESK, allotted: { value: 1, unit: 'working_days' } },
      { id: 'verify', name: 'Tra cứu, xác minh thông tin lý lịch tư pháp', role: 'specialist', allotted: { value: 4, unit: 'working_days' } },
      { id: 'draft', name: 'Lập Phiếu lý lịch tư pháp, trình ký', role: 'specialist', allotted: { value: 1, unit: 'working_days' } },
      { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 1, unit: 'working_days' } },
      { id: 'record', name: 'Đóng dấu, vào sổ, trả kết quả', role: 'clerk', allotted: { value: 1, unit: 'working_days' } },
    ],
    requiredDocuments: [
      { code: 'TK', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', copies: 1 },
      { code: 'CCCD', name: 'Bản chụp căn cước công dân hoặc hộ chiếu của người được cấp Phiếu', copies: 1 },
      { code: 'CT', name: 'Bản chụp giấy tờ chứng minh nơi thường trú hoặc tạm trú', copies: 1 },
    ],
    // 200,000 per request (Thông tư 244/2016/TT-BTC); students and people with merit pay 100,000.
    fee: 200000,
  },
  {
    code: '1.000700',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    field: 'Hoạt động xây dựng',
    level: 'commune',
    processingTime: { value: 15, unit: 'working_days' },
    onlineProcessingTime: null,
    cutoff: null,
    supplementPolicy: 'restart',
    steps: [
      { id: 'receive', name: 'Tiếp nhận, chuyển hồ sơ sang Phòng Kinh tế, Hạ tầng và Đô thị', role: 'reception', agency: DESK, allotted: { value: 1, unit: 'working_days' } },
      { id: 'appraise', name: 'Thẩm định hồ sơ, kiểm tra thực địa', role: 'specialist', allotted: { value: 8, unit: 'working_days' } },
      { id: 'review', name: 'Lãnh đạo phòng xem xét, trình ký', role: 'leader', allotted: { value: 2, unit: 'working_days' } },
      { id: 'sign', name: 'Lãnh đạo UBND ký giấy phép', role: 'leader', allotted: { value: 2, unit: 'working_days' } },
      { id: 'record', name: 'Vào sổ, đóng dấu', role: 'clerk', allotted: { value: 1, unit: 'working_days' } },
      { id: 'deliver', name: 'Trả kết quả', role: 'reception', agency: DESK, allotted: { value: 1, unit: 'working_days' } },
    ],
    requiredDocuments: [
      { code: 'DDN', name: 'Đơn đề nghị cấp giấy phép xây dựng', copies: 1 },
      { code: 'QSDD', name: 'Bản sao giấy tờ chứng minh quyền sử dụng đất', copies: 1 },
      { code: 'BVTK', name: 'Bản vẽ thiết kế xây dựng', copies: 2 },
    ],
    // Set by each province; 75,000 for a detached house is common.
    fee: 75000,
  },
  {
    code: '1.000800',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    field: 'Đất đai',
    // Received at any commune centre, resolved by the land registration office's branch (the dossier's agency).
    level: 'province',
    processingTime: { value: 10, unit: 'working_days' },
    onlineProcessingTime: null,
    cutoff: null,
    // The wait for the applicant (often paying land taxes) must not restart the land office's clock.
    supplementPolicy: 'pause',
    steps: [
      { id: 'receive', name: 'Tiếp nhận hồ sơ, chuyển Văn phòng Đăng ký đất đai', role: 'reception', agency: DESK, allotted: { value: 4, unit: 'working_hours' } },
      {
        id: 'appraise',
        name: 'Thẩm định, gửi thông tin xác định nghĩa vụ tài chính',
        role: 'specialist',
        allotted: { value: 4, unit: 'working_days' },
      },
      // Liên thông: the demo tax office (H12.30, demo-agencies.ts) computes the financial obligation; the wait for the applicant to pay is a SUSPEND (clock paused).
      { id: 'tax', name: 'Xác định, thông báo nghĩa vụ tài chính', role: 'specialist', agency: { code: 'H12.30' }, allotted: { value: 3.5, unit: 'working_hours' } },
      { id: 'update', name: 'Chỉnh lý hồ sơ địa chính, xác nhận biến động', role: 'specialist', allotted: { value: 2, unit: 'working_days' } },
      { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 2, unit: 'working_days' } },
      { id: 'deliver', name: 'Trả kết quả', role: 'reception', agency: DESK, allotted: { value: 1, unit: 'working_days' } },
    ],
    requiredDocuments: [
      { code: 'DDK', name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', copies: 1 },
      { code: 'GCN', name: 'Bản gốc Giấy chứng nhận đã cấp', copies: 1 },
      { code: 'HD', name: 'Hợp đồng, văn bản về việc chuyển quyền đã được công chứng hoặc chứng thực', copies: 1 },
    ],
    // Set by each province; illustrative.
    fee: 28000,
  },
];
