import type { Role } from '@app/common';
import { type AttachContext, type DossierHolders, mayAct, mayAttach } from './dossier-event.catalogue';

// Liên thông: a role counts in the agency the event belongs to (the step's holder, or the receiving desk).
const holders: DossierHolders = { step: 'LAND', receiving: 'DESK', resolving: 'COMMUNE' };
const officer = (role: Role, agencyCode: string) => ({ roles: [role], agencyCode });
const appraise = { role: 'specialist' as Role };

describe('mayAct', () => {
  it('lets the step’s role act only in the agency holding the step', () => {
    expect(mayAct(officer('specialist', 'LAND'), 'FORWARD', appraise, holders)).toBe(true);
    expect(mayAct(officer('specialist', 'COMMUNE'), 'FORWARD', appraise, holders)).toBe(false);
    expect(mayAct(officer('specialist', 'DESK'), 'RETURN', appraise, holders)).toBe(false);
    expect(mayAct(officer('reception', 'LAND'), 'FORWARD', appraise, holders)).toBe(false);
  });

  it('gives the desk’s events to the receiving desk, whoever holds the step', () => {
    expect(mayAct(officer('reception', 'DESK'), 'SUPPLEMENT_RECEIVED', appraise, holders)).toBe(true);
    expect(mayAct(officer('reception', 'LAND'), 'SUPPLEMENT_RECEIVED', appraise, holders)).toBe(false);
    expect(mayAct(officer('reception', 'COMMUNE'), 'DELIVER', null, { ...holders, step: null })).toBe(false);
    expect(mayAct(officer('reception', 'DESK'), 'WITHDRAW', appraise, holders)).toBe(true);
  });

  it('lets a leader of the agency holding the step or of the resolving agency apologise (EXTEND), and an administrator anything', () => {
    expect(mayAct(officer('leader', 'LAND'), 'EXTEND', appraise, holders)).toBe(true);
    expect(mayAct(officer('leader', 'COMMUNE'), 'EXTEND', appraise, holders)).toBe(true);
    expect(mayAct(officer('leader', 'DESK'), 'EXTEND', appraise, holders)).toBe(false);
    expect(mayAct({ roles: ['admin'], agencyCode: null }, 'FORWARD', appraise, holders)).toBe(true);
  });
});

describe('mayAttach (FILE_ATTACHED)', () => {
  const open: AttachContext = { status: 'processing', step: appraise, holders, canComplete: false, completedBy: null };

  it('takes components from the step’s officers and the receiving desk while the dossier is open', () => {
    expect(mayAttach(officer('specialist', 'LAND'), 'component', open)).toBe(true);
    expect(mayAttach(officer('reception', 'DESK'), 'component', open)).toBe(true);
    expect(mayAttach(officer('reception', 'DESK'), 'component', { ...open, status: 'awaiting_supplement' })).toBe(true);
    expect(mayAttach(officer('specialist', 'COMMUNE'), 'component', open)).toBe(false);
    expect(mayAttach(officer('leader', 'LAND'), 'component', open)).toBe(false);
    expect(mayAttach(officer('reception', 'DESK'), 'component', { ...open, status: 'result_ready', step: null })).toBe(false);
  });

  it('takes a result from whoever may COMPLETE now, or from the completing step’s officers until delivery', () => {
    expect(mayAttach(officer('specialist', 'LAND'), 'result', open)).toBe(false);
    expect(mayAttach(officer('specialist', 'LAND'), 'result', { ...open, canComplete: true })).toBe(true);
    expect(mayAttach(officer('reception', 'DESK'), 'result', { ...open, canComplete: true })).toBe(false);
    const ready: AttachContext = { ...open, status: 'result_ready', step: null, holders: { ...holders, step: null }, completedBy: { role: 'specialist', agencyCode: 'LAND' } };
    expect(mayAttach(officer('specialist', 'LAND'), 'result', ready)).toBe(true);
    expect(mayAttach(officer('specialist', 'COMMUNE'), 'result', ready)).toBe(false);
    expect(mayAttach(officer('specialist', 'LAND'), 'result', { ...ready, status: 'returned' })).toBe(false);
    expect(mayAttach({ roles: ['admin'], agencyCode: null }, 'result', { ...ready, status: 'returned' })).toBe(true);
  });
});
