import { describe, expect, it } from '@jest/globals';
import type { Agency, Procedure } from '../types';
import { defaultResolvingAgency } from './resolving-agency';

const agency = (code: string): Agency => ({ code, name: code, level: 'department', parentCode: 'H12', officeHours: [], receivesFor: 'self' });
const withSteps = (...codes: (string | null)[]) =>
  ({ steps: codes.map((code, i) => ({ id: `s${i}`, name: 's', role: 'specialist', allotted: { value: 1, unit: 'working_days' }, ...(code ? { agency: { code } } : {}) })) }) as unknown as Procedure;

describe('the resolving agency a desk proposes at intake', () => {
  it('is the desk’s own agency when it may receive for it, whatever the procedure names', () => {
    expect(defaultResolvingAgency([agency('H12'), agency('H12.81'), agency('H12.82')], 'H12.81', withSteps(null, 'H12.82'))).toBe('H12.81');
  });

  it('not the desk’s own commune for a provincial procedure: the officer picks the department', () => {
    const commune: Agency = { ...agency('H12.01'), level: 'commune' };
    const land = { ...withSteps(null, 'H12.30'), level: 'province' } as Procedure;
    expect(defaultResolvingAgency([commune, agency('H12.20.02'), agency('H12.10')], 'H12.01', land)).toBe('');
    expect(defaultResolvingAgency([commune, agency('H12.20.02')], 'H12.01', { ...land, level: 'commune' } as Procedure)).toBe('H12.01');
  });

  it('else the only agency the desk may receive for', () => {
    expect(defaultResolvingAgency([agency('H12.82')], null, undefined)).toBe('H12.82');
  });

  it('else none, even when a step names one: the tax office a step names does not resolve the dossier', () => {
    const candidates = [agency('H12.81'), agency('H12.82'), agency('H12.83')];
    expect(defaultResolvingAgency(candidates, null, withSteps(null, 'H12.83', 'H12.83'))).toBe('');
    expect(defaultResolvingAgency([], 'H12.81', undefined)).toBe('');
  });
});
