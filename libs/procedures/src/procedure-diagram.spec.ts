import type { ProcedureDefinition } from './procedure-definition';
import { renderMermaid } from './procedure-diagram';
import { SEED_PROCEDURES } from './seed-procedures';

function procedure(patch: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  return {
    code: '1.001193',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'district',
    processingTime: { value: 3, unit: 'working_days' },
    onlineProcessingTime: null,
    cutoff: null,
    supplementPolicy: 'restart',
    steps: [
      { id: 'receive', name: 'Tiếp nhận, chuyển hồ sơ', role: 'reception', allotted: { value: 4, unit: 'working_hours' } },
      { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 12, unit: 'working_hours' } },
      { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 1, unit: 'working_days' } },
    ],
    requiredDocuments: [],
    fee: 0,
    ...patch,
  };
}

/** Text between the first and last quote of a line: the label. */
function labels(diagram: string): string[] {
  return diagram.split('\n').flatMap((line) => {
    const match = /"(.*)"/.exec(line);
    return match ? [match[1]] : [];
  });
}

describe('renderMermaid', () => {
  const diagram = renderMermaid(procedure());

  it('is a flowchart with every step in order, with name, role and allotment', () => {
    expect(diagram.startsWith('flowchart TD\n')).toBe(true);
    expect(diagram).toContain('step1["1. Tiếp nhận, chuyển hồ sơ<br/>Một cửa (tiếp nhận) · 4 giờ làm việc"]');
    expect(diagram).toContain('step2["2. Thẩm định<br/>Chuyên viên · 12 giờ làm việc"]');
    expect(diagram).toContain('step3["3. Ký duyệt<br/>Lãnh đạo · 1 ngày làm việc"]');
    expect(diagram).toContain('intake(["1.001193 Đăng ký thành lập hộ kinh doanh<br/>Tiếp nhận hồ sơ"])');
    expect(diagram).toContain('subgraph processing["Giải quyết: 3 ngày làm việc"]');
  });

  it('names the online time and cut-off when there are any', () => {
    const text = renderMermaid(procedure({ onlineProcessingTime: { value: 2, unit: 'working_days' }, cutoff: '15:00' }));
    expect(text).toContain('subgraph processing["Giải quyết: 3 ngày làm việc, trực tuyến 2 ngày làm việc, nhận trước 15:00"]');
  });

  it('names every role and unit in Vietnamese, with a decimal comma', () => {
    const text = renderMermaid(
      procedure({
        processingTime: { value: 2, unit: 'months' },
        steps: [
          { id: 'a', name: 'A', role: 'clerk', allotted: { value: 0.5, unit: 'working_days' } },
          { id: 'b', name: 'B', role: 'supervisor', allotted: { value: 10, unit: 'calendar_days' } },
          { id: 'c', name: 'C', role: 'admin', allotted: { value: 1, unit: 'months' } },
        ],
      }),
    );
    expect(text).toContain('subgraph processing["Giải quyết: 2 tháng"]');
    expect(text).toContain('step1["1. A<br/>Văn thư · 0,5 ngày làm việc"]');
    expect(text).toContain('step2["2. B<br/>Giám sát · 10 ngày"]');
    expect(text).toContain('step3["3. C<br/>Quản trị · 1 tháng"]');
  });

  it('draws forward and return edges between neighbours only', () => {
    expect(diagram.match(/-->\|"Chuyển tiếp \(FORWARD\)"\|/g)).toHaveLength(2);
    expect(diagram.match(/-\.->\|"Trả lại \(RETURN\)"\|/g)).toHaveLength(2);
    expect(diagram).toContain('step1 -->|"Chuyển tiếp (FORWARD)"| step2');
    expect(diagram).toContain('step2 -->|"Chuyển tiếp (FORWARD)"| step3');
    expect(diagram).toContain('step3 -.->|"Trả lại (RETURN)"| step2');
    expect(diagram).toContain('step2 -.->|"Trả lại (RETURN)"| step1');
  });

  it('draws the side states and the way out', () => {
    expect(diagram).toContain('processing -->|"Yêu cầu bổ sung (REQUEST_SUPPLEMENT)"| awaiting_supplement');
    expect(diagram).toContain('processing -->|"Tạm dừng (SUSPEND)"| suspended');
    expect(diagram).toContain('suspended -->|"Tiếp tục xử lý (RESUME)"| processing');
    expect(diagram).toContain('step3 -->|"Hoàn thành (COMPLETE)"| result_ready');
    expect(diagram).toContain('result_ready -->|"Trả kết quả (DELIVER)"| returned');
    expect(diagram).toContain('processing & awaiting_supplement & suspended -.->|"Rút hồ sơ (WITHDRAW)"| withdrawn');
  });

  it('names every status in Vietnamese', () => {
    expect(diagram).toContain('awaiting_supplement{{"Chờ bổ sung"}}');
    expect(diagram).toContain('suspended{{"Tạm dừng"}}');
    expect(diagram).toContain('result_ready(["Có kết quả, chờ trả"])');
    expect(diagram).toContain('returned((("Đã trả kết quả")))');
    expect(diagram).toContain('withdrawn((("Đã rút hồ sơ")))');
  });

  it('sends a received supplement where the policy says', () => {
    expect(diagram).toContain('awaiting_supplement -->|"Nhận bổ sung (SUPPLEMENT_RECEIVED): tính lại từ đầu, về bước đầu"| step1');
    expect(renderMermaid(procedure({ supplementPolicy: 'pause' }))).toContain(
      'awaiting_supplement -->|"Nhận bổ sung (SUPPLEMENT_RECEIVED): tạm dừng, giữ bước"| processing',
    );
  });

  it('escapes quotes, markup, "#", "%" and line breaks in names', () => {
    const tricky = renderMermaid(
      procedure({
        name: 'Cấp "giấy phép" %%{init: {}}%%',
        steps: [{ id: 'a', name: 'Ký "nháy" <b>#1</b>\nxong', role: 'leader', allotted: { value: 1, unit: 'working_hours' } }],
      }),
    );
    expect(tricky).toContain('step1["1. Ký #quot;nháy#quot; #lt;b#gt;#35;1#lt;/b#gt; xong<br/>Lãnh đạo · 1 giờ làm việc"]');
    expect(tricky).toContain('Cấp #quot;giấy phép#quot; #37;#37;{init: {}}#37;#37;');
    for (const label of labels(tricky)) expect(label).not.toMatch(/["%]/);
  });

  it('draws a one-step procedure without forward or return edges', () => {
    const single = renderMermaid(procedure({ steps: [procedure().steps[0]] }));
    expect(single).not.toContain('FORWARD');
    expect(single).not.toContain('RETURN');
    expect(single).toContain('step1 -->|"Hoàn thành (COMPLETE)"| result_ready');
  });

  it.each(SEED_PROCEDURES.map((p) => [p.code, p] as const))('renders seed %s with each step name', (_code, seed) => {
    const text = renderMermaid(seed);
    for (const step of seed.steps) expect(text).toContain(step.name);
  });
});
