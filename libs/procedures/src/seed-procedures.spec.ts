import type { DossierEventType } from '@app/common';
import { DossierWorkflow } from './dossier-workflow';
import { SEED_PROCEDURES } from './seed-procedures';
import { validateProcedureDefinition } from './validate-procedure';

describe('SEED_PROCEDURES', () => {
  it('holds the six example procedures with unique codes', () => {
    expect(SEED_PROCEDURES.map((p) => p.name)).toEqual([
      'Đăng ký khai sinh',
      'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
      'Đăng ký thành lập hộ kinh doanh',
      'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
      'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    ]);
    expect(new Set(SEED_PROCEDURES.map((p) => p.code)).size).toBe(6);
    expect(SEED_PROCEDURES.find((p) => p.code === '1.001193')?.name).toBe('Đăng ký thành lập hộ kinh doanh');
  });

  it.each(SEED_PROCEDURES.map((p) => [p.name, p] as const))('%s passes validation unchanged', (_name, seed) => {
    expect(validateProcedureDefinition(seed)).toEqual({ value: seed, errors: [] });
  });

  it.each(SEED_PROCEDURES.map((p) => [p.name, p] as const))('%s has 3 to 6 steps and a document list', (_name, seed) => {
    expect(seed.steps.length).toBeGreaterThanOrEqual(3);
    expect(seed.steps.length).toBeLessThanOrEqual(6);
    expect(seed.requiredDocuments.length).toBeGreaterThan(0);
  });

  it('covers the levels, both supplement policies, a cut-off and a shorter online time', () => {
    expect(new Set(SEED_PROCEDURES.map((p) => p.level))).toEqual(new Set(['commune', 'province']));
    expect(SEED_PROCEDURES.filter((p) => p.supplementPolicy === 'pause').map((p) => p.field)).toEqual(['Đất đai']);
    expect(SEED_PROCEDURES.find((p) => p.name === 'Đăng ký khai sinh')?.cutoff).toBe('15:00');
    expect(SEED_PROCEDURES.filter((p) => p.onlineProcessingTime !== null)).toHaveLength(1);
  });

  it.each(SEED_PROCEDURES.map((p) => [p.name, p] as const))('%s compiles and walks from intake to returned', (_name, seed) => {
    const workflow = new DossierWorkflow({ ...seed, version: 1 });
    const events: DossierEventType[] = [...Array<DossierEventType>(seed.steps.length - 1).fill('FORWARD'), 'COMPLETE', 'DELIVER'];
    const end = events.reduce((snapshot, type) => workflow.transition(snapshot, { type }), workflow.initial());
    expect(workflow.view(end)).toEqual({ status: 'returned', stepId: null });
  });
});
