import { describe, expect, it } from '@jest/globals';
import { runUploads, type UploadItem, uploadSummary } from './upload-queue';

const item = (key: string, status: UploadItem['status'] = 'waiting'): UploadItem => ({
  key,
  file: { name: `${key}.pdf`, size: 10 } as File,
  fields: { kind: 'component', documentCode: 'GDN' },
  label: 'Giấy đề nghị',
  status,
});

/** Applies the reported changes, as the screen's state does. */
function tracker(items: UploadItem[]) {
  const state = new Map(items.map((i) => [i.key, { ...i }]));
  const seen: string[] = [];
  return {
    onChange: (key: string, patch: Partial<UploadItem>) => {
      state.set(key, { ...state.get(key)!, ...patch });
      seen.push(patch.status ? `${key}:${patch.status}` : `${key}:${patch.progress}`);
    },
    items: () => [...state.values()],
    seen,
  };
}

describe('runUploads', () => {
  it('sends each file in order; a refused one keeps its reason and the next still goes', async () => {
    const items = [item('a'), item('b'), item('c')];
    const t = tracker(items);
    const sent: string[] = [];
    await runUploads(
      items,
      async (i) => {
        sent.push(i.key);
        if (i.key === 'b') throw new Error('415');
      },
      (e) => `lỗi ${(e as Error).message}`,
      t.onChange,
    );
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(t.seen).toEqual(['a:uploading', 'a:done', 'b:uploading', 'b:failed', 'c:uploading', 'c:done']);
    expect(t.items().map((i) => [i.key, i.status, i.error])).toEqual([
      ['a', 'done', undefined],
      ['b', 'failed', 'lỗi 415'],
      ['c', 'done', undefined],
    ]);
    expect(uploadSummary(t.items())).toEqual({ done: 2, failed: 1, pending: 0, finished: true });
  });

  it('on a retry sends only what is not stored yet, and clears the old reason', async () => {
    const items = [item('a', 'done'), { ...item('b', 'failed'), error: 'lỗi' }];
    const t = tracker(items);
    const sent: string[] = [];
    await runUploads(items, async (i) => void sent.push(i.key), String, t.onChange);
    expect(sent).toEqual(['b']);
    expect(t.items().find((i) => i.key === 'b')).toMatchObject({ status: 'done', error: undefined });
  });

  it('reports the share sent while a file goes, starting from nothing', async () => {
    const items = [item('a')];
    const t = tracker(items);
    await runUploads(
      items,
      async (_i, onProgress) => {
        onProgress(0.5);
        onProgress(1);
      },
      String,
      t.onChange,
    );
    expect(t.seen).toEqual(['a:uploading', 'a:0.5', 'a:1', 'a:done']);
    expect(t.items()[0]).toMatchObject({ status: 'done', progress: 1 });
  });
});

describe('uploadSummary', () => {
  it('is finished only when nothing waits or is being sent', () => {
    expect(uploadSummary([item('a', 'done'), item('b', 'uploading')])).toEqual({ done: 1, failed: 0, pending: 1, finished: false });
    expect(uploadSummary([])).toEqual({ done: 0, failed: 0, pending: 0, finished: true });
  });
});
