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
    expect(diagram).toContain('step1["1. Tiếp nhận, chuyển hồ sơ<br/>reception · 4 working hours"]');
    expect(diagram).toContain('step2["2. Thẩm định<br/>specialist · 12 working hours"]');
    expect(diagram).toContain('step3["3. Ký duyệt<br/>leader · 1 working day"]');
    expect(diagram).toContain('subgraph processing["processing: 3 working days"]');
  });

  it('names the online time and cut-off when there are any', () => {
    const text = renderMermaid(procedure({ onlineProcessingTime: { value: 2, unit: 'working_days' }, cutoff: '15:00' }));
    expect(text).toContain('subgraph processing["processing: 3 working days, online 2 working days, cut-off 15:00"]');
  });

  it('draws forward and return edges between neighbours only', () => {
    expect(diagram.match(/-->\|FORWARD\|/g)).toHaveLength(2);
    expect(diagram.match(/-\.->\|RETURN\|/g)).toHaveLength(2);
    expect(diagram).toContain('step1 -->|FORWARD| step2');
    expect(diagram).toContain('step2 -->|FORWARD| step3');
    expect(diagram).toContain('step3 -.->|RETURN| step2');
    expect(diagram).toContain('step2 -.->|RETURN| step1');
  });

  it('draws the side states and the way out', () => {
    expect(diagram).toContain('processing -->|REQUEST_SUPPLEMENT| awaiting_supplement');
    expect(diagram).toContain('processing -->|SUSPEND| suspended');
    expect(diagram).toContain('suspended -->|"RESUME (same step)"| processing');
    expect(diagram).toContain('step3 -->|COMPLETE| result_ready');
    expect(diagram).toContain('result_ready -->|DELIVER| returned');
    expect(diagram).toContain('processing & awaiting_supplement & suspended -.->|WITHDRAW| withdrawn');
  });

  it('sends a received supplement where the policy says', () => {
    expect(diagram).toContain('awaiting_supplement -->|"SUPPLEMENT_RECEIVED (restart: first step)"| step1');
    expect(renderMermaid(procedure({ supplementPolicy: 'pause' }))).toContain(
      'awaiting_supplement -->|"SUPPLEMENT_RECEIVED (pause: same step)"| processing',
    );
  });

  it('escapes quotes, markup, "#", "%" and line breaks in names', () => {
    const tricky = renderMermaid(
      procedure({
        name: 'Cấp "giấy phép" %%{init: {}}%%',
        steps: [{ id: 'a', name: 'Ký "nháy" <b>#1</b>\nxong', role: 'leader', allotted: { value: 1, unit: 'working_hours' } }],
      }),
    );
    expect(tricky).toContain('step1["1. Ký #quot;nháy#quot; #lt;b#gt;#35;1#lt;/b#gt; xong<br/>leader · 1 working hour"]');
    expect(tricky).toContain('Cấp #quot;giấy phép#quot; #37;#37;{init: {}}#37;#37;');
    for (const label of labels(tricky)) expect(label).not.toMatch(/["%]/);
  });

  it('draws a one-step procedure without forward or return edges', () => {
    const single = renderMermaid(procedure({ steps: [procedure().steps[0]] }));
    expect(single).not.toContain('FORWARD');
    expect(single).not.toContain('RETURN');
    expect(single).toContain('step1 -->|COMPLETE| result_ready');
  });

  it.each(SEED_PROCEDURES.map((p) => [p.code, p] as const))('renders seed %s with each step name', (_code, seed) => {
    const text = renderMermaid(seed);
    for (const step of seed.steps) expect(text).toContain(step.name);
  });
});
