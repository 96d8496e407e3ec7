import type { Role } from '@app/common';
import type { DurationUnit, ProcedureDefinition, ProcedureDuration } from './procedure-definition';
import { formatNumber } from './procedure-duration';

/** Officers read the diagram, so roles and units are in Vietnamese, worded as in the web app's labels. */
const ROLE_NAMES: Record<Role, string> = {
  reception: 'Một cửa (tiếp nhận)',
  specialist: 'Chuyên viên',
  leader: 'Lãnh đạo',
  clerk: 'Văn thư',
  supervisor: 'Giám sát',
  admin: 'Quản trị',
};

const UNIT_NAMES: Record<DurationUnit, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};

/** Edge labels keep the API's event code beside the Vietnamese, so admins can match them to actions. */
function edge(vietnamese: string, code: string, note?: string): string {
  return `"${label(`${vietnamese} (${code})${note ? `: ${note}` : ''}`)}"`;
}

/** The internal procedure as a Mermaid flowchart, so admins can check a definition before publishing it. */
export function renderMermaid(def: ProcedureDefinition): string {
  // Node ids come from positions, not step ids, so nothing a definition holds can break the syntax.
  const stepNode = (index: number) => `step${index + 1}`;
  const lastIndex = def.steps.length - 1;
  const lines: string[] = [
    'flowchart TD',
    `  intake(["${label(`${def.code} ${def.name}`)}<br/>${label('Tiếp nhận hồ sơ')}"])`,
    `  subgraph processing["${label(processingTitle(def))}"]`,
  ];
  def.steps.forEach((step, index) => {
    lines.push(`    ${stepNode(index)}["${label(`${index + 1}. ${step.name}`)}<br/>${label(`${ROLE_NAMES[step.role]} · ${formatDurationVi(step.allotted)}`)}"]`);
  });
  def.steps.forEach((_step, index) => {
    if (index < lastIndex) lines.push(`    ${stepNode(index)} -->|${edge('Chuyển tiếp', 'FORWARD')}| ${stepNode(index + 1)}`);
  });
  def.steps.forEach((_step, index) => {
    if (index > 0) lines.push(`    ${stepNode(index)} -.->|${edge('Trả lại', 'RETURN')}| ${stepNode(index - 1)}`);
  });
  lines.push(
    '  end',
    `  awaiting_supplement{{"${label('Chờ bổ sung')}"}}`,
    `  suspended{{"${label('Tạm dừng')}"}}`,
    `  result_ready(["${label('Có kết quả, chờ trả')}"])`,
    `  returned((("${label('Đã trả kết quả')}")))`,
    `  withdrawn((("${label('Đã rút hồ sơ')}")))`,
    `  intake --> ${stepNode(0)}`,
    `  processing -->|${edge('Yêu cầu bổ sung', 'REQUEST_SUPPLEMENT')}| awaiting_supplement`,
    def.supplementPolicy === 'pause'
      ? `  awaiting_supplement -->|${edge('Nhận bổ sung', 'SUPPLEMENT_RECEIVED', 'tạm dừng, giữ bước')}| processing`
      : `  awaiting_supplement -->|${edge('Nhận bổ sung', 'SUPPLEMENT_RECEIVED', 'tính lại từ đầu, về bước đầu')}| ${stepNode(0)}`,
    `  processing -->|${edge('Tạm dừng', 'SUSPEND')}| suspended`,
    `  suspended -->|${edge('Tiếp tục xử lý', 'RESUME')}| processing`,
    `  ${stepNode(lastIndex)} -->|${edge('Hoàn thành', 'COMPLETE')}| result_ready`,
    `  result_ready -->|${edge('Trả kết quả', 'DELIVER')}| returned`,
    `  processing & awaiting_supplement & suspended -.->|${edge('Rút hồ sơ', 'WITHDRAW')}| withdrawn`,
  );
  return `${lines.join('\n')}\n`;
}

function processingTitle(def: ProcedureDefinition): string {
  const online = def.onlineProcessingTime ? `, trực tuyến ${formatDurationVi(def.onlineProcessingTime)}` : '';
  const cutoff = def.cutoff ? `, nhận trước ${def.cutoff}` : '';
  return `Giải quyết: ${formatDurationVi(def.processingTime)}${online}${cutoff}`;
}

/** "3 ngày làm việc", "0,5 giờ làm việc": Vietnamese has no plural and writes a decimal comma. */
function formatDurationVi(duration: ProcedureDuration): string {
  return `${formatNumber(duration.value).replace('.', ',')} ${UNIT_NAMES[duration.unit]}`;
}

/** Text for a quoted Mermaid label: '#' first so the entities added after it survive; '%' so no text reads as a directive. */
function label(text: string): string {
  return oneLine(text)
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/%/g, '#37;')
    .replace(/`/g, '#96;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
