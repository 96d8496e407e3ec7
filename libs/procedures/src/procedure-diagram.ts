import type { ProcedureDefinition } from './procedure-definition';
import { formatDuration } from './procedure-duration';

/** The internal procedure as a Mermaid flowchart, so admins can check a definition before publishing it. */
export function renderMermaid(def: ProcedureDefinition): string {
  // Node ids come from positions, not step ids, so nothing a definition holds can break the syntax.
  const stepNode = (index: number) => `step${index + 1}`;
  const lastIndex = def.steps.length - 1;
  const lines: string[] = [
    'flowchart TD',
    `  intake(["${label(`${def.code} ${def.name}`)}<br/>${label('dossier received')}"])`,
    `  subgraph processing["${label(processingTitle(def))}"]`,
  ];
  def.steps.forEach((step, index) => {
    lines.push(`    ${stepNode(index)}["${label(`${index + 1}. ${step.name}`)}<br/>${label(`${step.role} · ${formatDuration(step.allotted)}`)}"]`);
  });
  def.steps.forEach((_step, index) => {
    if (index < lastIndex) lines.push(`    ${stepNode(index)} -->|FORWARD| ${stepNode(index + 1)}`);
  });
  def.steps.forEach((_step, index) => {
    if (index > 0) lines.push(`    ${stepNode(index)} -.->|RETURN| ${stepNode(index - 1)}`);
  });
  lines.push(
    '  end',
    `  awaiting_supplement{{"${label('awaiting_supplement')}"}}`,
    `  suspended{{"${label('suspended')}"}}`,
    `  result_ready(["${label('result_ready')}"])`,
    `  returned((("${label('returned')}")))`,
    `  withdrawn((("${label('withdrawn')}")))`,
    `  intake --> ${stepNode(0)}`,
    '  processing -->|REQUEST_SUPPLEMENT| awaiting_supplement',
    def.supplementPolicy === 'pause'
      ? '  awaiting_supplement -->|"SUPPLEMENT_RECEIVED (pause: same step)"| processing'
      : `  awaiting_supplement -->|"SUPPLEMENT_RECEIVED (restart: first step)"| ${stepNode(0)}`,
    '  processing -->|SUSPEND| suspended',
    '  suspended -->|"RESUME (same step)"| processing',
    `  ${stepNode(lastIndex)} -->|COMPLETE| result_ready`,
    '  result_ready -->|DELIVER| returned',
    '  processing & awaiting_supplement & suspended -.->|WITHDRAW| withdrawn',
  );
  return `${lines.join('\n')}\n`;
}

function processingTitle(def: ProcedureDefinition): string {
  const online = def.onlineProcessingTime ? `, online ${formatDuration(def.onlineProcessingTime)}` : '';
  const cutoff = def.cutoff ? `, cut-off ${def.cutoff}` : '';
  return `processing: ${formatDuration(def.processingTime)}${online}${cutoff}`;
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
