/** The API's Mermaid flowchart of a procedure, drawn in the browser; mermaid is imported here only, so no other page downloads it. */
import { useQuery } from '@tanstack/react-query';
import { call, client } from '../api';
import { ErrorBox, Loading } from '../components';

let renders = 0;

async function toSvg(text: string): Promise<string> {
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  // Mermaid needs a fresh DOM id per render (it mounts a scratch element under it).
  const { svg } = await mermaid.render(`procedure-diagram-${++renders}`, text);
  return svg;
}

export function ProcedureDiagram({ code, version, name }: { code: string; version: number; name: string }) {
  const text = useQuery({
    queryKey: ['procedure', code, 'diagram', version],
    queryFn: () => call(client.GET('/api/v1/procedures/{code}/diagram', { params: { path: { code } }, parseAs: 'text', headers: { Accept: 'text/plain' } })),
    staleTime: Infinity,
  });
  const svg = useQuery({
    queryKey: ['mermaid-svg', text.data],
    queryFn: () => toSvg(text.data!),
    enabled: !!text.data,
    staleTime: Infinity,
    retry: false,
  });
  if (text.error) return <ErrorBox error={text.error} />;
  return (
    <>
      {svg.data ? (
        <div className="admin-diagram" role="img" aria-label={`Sơ đồ quy trình nội bộ của thủ tục ${code} ${name}, phiên bản ${version}`} dangerouslySetInnerHTML={{ __html: svg.data }} />
      ) : svg.error ? (
        <div className="alert alert-warn" role="alert">
          Không vẽ được sơ đồ ({svg.error instanceof Error ? svg.error.message : String(svg.error)}). Mã Mermaid vẫn ở bên dưới.
        </div>
      ) : (
        <Loading label="Đang vẽ sơ đồ…" />
      )}
      {text.data ? (
        <details>
          <summary>Mã Mermaid của sơ đồ (để sao chép)</summary>
          <pre className="admin-code">{text.data}</pre>
        </details>
      ) : null}
    </>
  );
}
