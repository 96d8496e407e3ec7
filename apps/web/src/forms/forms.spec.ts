import { describe, expect, it } from '@jest/globals';
import { formPath, formsOf } from './forms';

describe('formsOf', () => {
  it('gives every dossier its receipt and control sheet, in the forms’ numbered order', () => {
    expect(formsOf([{ type: 'RECEIVE' }, { type: 'FORWARD' }])).toEqual(['receipt', 'control-sheet']);
  });

  it('adds the supplement request, the apology and the stop notice once their events happened, each once', () => {
    const events = [{ type: 'RECEIVE' }, { type: 'WITHDRAW' }, { type: 'EXTEND' }, { type: 'REQUEST_SUPPLEMENT' }, { type: 'REQUEST_SUPPLEMENT' }] as const;
    expect(formsOf(events)).toEqual(['receipt', 'supplement-request', 'apology', 'stop-notice', 'control-sheet']);
  });

  it('never lists a refusal for a received dossier', () => {
    expect(formsOf([{ type: 'RECEIVE' }, { type: 'SUPPLEMENT_RECEIVED' }, { type: 'COMPLETE' }])).not.toContain('refusal');
  });
});

describe('formPath', () => {
  it('keeps the receipt’s and the supplement request’s addresses', () => {
    expect(formPath('d1', 'receipt')).toBe('/ho-so/d1/giay-tiep-nhan');
    expect(formPath('d1', 'supplement-request')).toBe('/ho-so/d1/phieu-bo-sung');
    expect(formPath('d1', 'control-sheet')).toBe('/ho-so/d1/phieu-kiem-soat');
  });
});
