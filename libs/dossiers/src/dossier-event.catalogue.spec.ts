import type { Role } from '@app/common';
import { type DossierHolders, mayAct } from './dossier-event.catalogue';

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
