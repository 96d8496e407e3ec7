/** A supertest parser that keeps a binary answer (PDF, workbook, file) as bytes and an error answer as its JSON. */
export function binaryBody(res: { on(e: string, cb: (c?: Buffer) => void): void; headers?: Record<string, string> }, cb: (err: Error | null, body: unknown) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => {
    const bytes = Buffer.concat(chunks);
    cb(null, /json/.test(String(res.headers?.['content-type'])) ? JSON.parse(bytes.toString()) : bytes);
  });
}
