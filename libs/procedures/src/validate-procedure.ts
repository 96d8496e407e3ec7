import { AGENCY_LEVELS, type FieldErrorCode, type FieldErrorParams, ROLES } from '@app/common';
import { HISTORY_STATE_KEY } from './dossier.machine';
import {
  DURATION_UNITS,
  STEP_AGENCY_RELATIONS,
  SUPPLEMENT_POLICIES,
  type DurationUnit,
  type StepAgency,
  type ProcedureDefinition,
  type ProcedureDuration,
  type RequiredDocument,
  type StepDefinition,
} from './procedure-definition';
import { fitsWithin, formatDuration, type DurationFit } from './procedure-duration';

/** One problem with an input, `field` as a JSON path from the root (`steps[2].allotted.unit`; the root itself is `$`). */
export interface ProcedureFieldError {
  field: string;
  reason: string;
  code: FieldErrorCode;
  params?: FieldErrorParams;
}

export type ProcedureValidationResult =
  | { value: ProcedureDefinition; errors: [] }
  | { value: null; errors: ProcedureFieldError[] };

export const PROCEDURE_CODE_MAX_LENGTH = 50;
export const PROCEDURE_CODE_PATTERN = /^[A-Za-z0-9._-]+$/;
export const NAME_MAX_LENGTH = 500;
export const DOCUMENT_CODE_MAX_LENGTH = 50;
export const STEP_ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MIN_STEPS = 1;
export const MAX_STEPS = 30;
/** Guards the calendar arithmetic downstream against absurd durations; no real procedure comes near it. */
export const MAX_DURATION_VALUE = 1000;

const ROOT = '$';
const ROOT_FIELDS = [
  'code',
  'name',
  'field',
  'level',
  'processingTime',
  'onlineProcessingTime',
  'cutoff',
  'supplementPolicy',
  'steps',
  'requiredDocuments',
  'fee',
] as const;
const DURATION_FIELDS = ['value', 'unit'] as const;
const STEP_FIELDS = ['id', 'name', 'role', 'allotted', 'agency'] as const;
const STEP_AGENCY_FIELDS = ['code', 'relation'] as const;
const AGENCY_CODE_MAX_LENGTH = 50;
const DOCUMENT_FIELDS = ['code', 'name', 'copies'] as const;
const CUTOFF_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const WHOLE_UNITS: readonly DurationUnit[] = ['working_days', 'calendar_days', 'months'];

type JsonObject = Record<string, unknown>;

/** Every problem at once, each with its field path, so an admin can fix a definition in one round trip. */
export function validateProcedureDefinition(input: unknown): ProcedureValidationResult {
  const errors: ProcedureFieldError[] = [];
  const add: Add = (field, reason, code, params) => errors.push({ field, reason, code, ...(params ? { params } : {}) });

  if (!isObject(input)) {
    add(ROOT, `must be an object, got ${describe(input)}`, 'not_an_object');
    return { value: null, errors };
  }
  rejectUnknownFields(input, ROOT_FIELDS, '', add, {
    version: 'unknown field (the version is assigned by the server)',
  });

  const codeValue = readText(input, 'code', '', PROCEDURE_CODE_MAX_LENGTH, add);
  let code = codeValue;
  if (codeValue !== undefined && !PROCEDURE_CODE_PATTERN.test(codeValue)) {
    add('code', "may contain only letters A-Z and a-z, digits, '.', '_' and '-'", 'bad_format');
    code = undefined;
  }
  const name = readText(input, 'name', '', NAME_MAX_LENGTH, add);
  const field = readText(input, 'field', '', NAME_MAX_LENGTH, add);
  const level = readEnum(input, 'level', '', AGENCY_LEVELS, add);
  const processingTime = readRequired(input, 'processingTime', '', add, (v, path) => readDuration(v, path, add));
  const onlineProcessingTime = readNullable(input, 'onlineProcessingTime', (v, path) => readDuration(v, path, add));
  const cutoff = readNullable(input, 'cutoff', (v, path) => readCutoff(v, path, add));
  const supplementPolicy = input.supplementPolicy === undefined ? 'pause' : readEnum(input, 'supplementPolicy', '', SUPPLEMENT_POLICIES, add);
  const steps = readRequired(input, 'steps', '', add, (v, path) => readSteps(v, path, add));
  const requiredDocuments = input.requiredDocuments === undefined ? [] : readDocuments(input.requiredDocuments, 'requiredDocuments', add);
  const fee = input.fee === undefined ? 0 : readFee(input.fee, 'fee', add);

  if (processingTime && onlineProcessingTime) {
    const fit = fitsWithin([onlineProcessingTime], processingTime);
    if (!fit.fits) {
      add(
        'onlineProcessingTime',
        `${describeFit(fit.total, onlineProcessingTime)} is longer than the processing time of ${describeFit(fit.limit, processingTime)}`,
        'online_exceeds_processing_time',
        fitParams(fit),
      );
    }
  }
  if (processingTime && steps) {
    const fit = fitsWithin(
      steps.map((step) => step.allotted),
      processingTime,
    );
    if (!fit.fits) {
      add(
        'steps',
        `step allotments add up to ${formatDuration(fit.total)}, more than the processing time of ${describeFit(fit.limit, processingTime)}`,
        'steps_exceed_processing_time',
        fitParams(fit),
      );
    }
  }

  if (
    errors.length > 0 ||
    code === undefined ||
    name === undefined ||
    field === undefined ||
    level === undefined ||
    processingTime === undefined ||
    onlineProcessingTime === undefined ||
    cutoff === undefined ||
    supplementPolicy === undefined ||
    steps === undefined ||
    requiredDocuments === undefined ||
    fee === undefined
  ) {
    return { value: null, errors };
  }
  return {
    value: { code, name, field, level, processingTime, onlineProcessingTime, cutoff, supplementPolicy, steps, requiredDocuments, fee },
    errors: [],
  };
}

type Add = (field: string, reason: string, code: FieldErrorCode, params?: FieldErrorParams) => void;

function readSteps(value: unknown, path: string, add: Add): StepDefinition[] | undefined {
  if (!Array.isArray(value)) {
    add(path, `must be an array, got ${describe(value)}`, 'not_an_array');
    return undefined;
  }
  let ok = true;
  if (value.length < MIN_STEPS) {
    add(path, `must have at least ${MIN_STEPS} step`, 'too_few_items', { min: MIN_STEPS });
    ok = false;
  } else if (value.length > MAX_STEPS) {
    add(path, `must have at most ${MAX_STEPS} steps, got ${value.length}`, 'too_many_items', { max: MAX_STEPS });
    ok = false;
  }
  const firstIndexOfId = new Map<string, number>();
  const steps: StepDefinition[] = [];
  value.forEach((item: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(item)) {
      add(at, `must be an object, got ${describe(item)}`, 'not_an_object');
      ok = false;
      return;
    }
    rejectUnknownFields(item, STEP_FIELDS, at, add);
    const id = readStepId(item, at, add);
    if (id !== undefined) {
      const earlier = firstIndexOfId.get(id);
      if (earlier === undefined) firstIndexOfId.set(id, index);
      else add(`${at}.id`, `duplicates ${path}[${earlier}].id '${id}'`, 'duplicate');
    }
    const name = readText(item, 'name', at, NAME_MAX_LENGTH, add);
    const role = readEnum(item, 'role', at, ROLES, add);
    const allotted = readRequired(item, 'allotted', at, add, (v, p) => readDuration(v, p, add));
    const agency = item.agency === undefined ? null : readStepAgency(item.agency, `${at}.agency`, add);
    if (id === undefined || name === undefined || role === undefined || allotted === undefined || agency === undefined) ok = false;
    else steps.push({ id, name, role, allotted, ...(agency ? { agency } : {}) });
  });
  return ok && firstIndexOfId.size === steps.length ? steps : undefined;
}

/** `{ code }` or `{ relation }`, exactly one; whether the code names an agency is the publisher's check (it needs the tree). */
function readStepAgency(value: unknown, path: string, add: Add): StepAgency | undefined {
  if (!isObject(value)) {
    add(path, `must be an object, got ${describe(value)}`, 'not_an_object');
    return undefined;
  }
  rejectUnknownFields(value, STEP_AGENCY_FIELDS, path, add);
  if ((value.code === undefined) === (value.relation === undefined)) {
    add(path, "must have exactly one of 'code' (a named agency) and 'relation' ('resolving' or 'receiving')", 'required');
    return undefined;
  }
  if (value.code !== undefined) {
    const code = readText(value, 'code', path, AGENCY_CODE_MAX_LENGTH, add);
    return code === undefined ? undefined : { code };
  }
  const relation = readEnum(value, 'relation', path, STEP_AGENCY_RELATIONS, add);
  return relation === undefined ? undefined : { relation };
}

function readStepId(step: JsonObject, at: string, add: Add): string | undefined {
  const path = `${at}.id`;
  const id = step.id;
  if (id === undefined) {
    add(path, 'is required', 'required');
    return undefined;
  }
  if (typeof id !== 'string') {
    add(path, `must be a string, got ${describe(id)}`, 'not_a_string');
    return undefined;
  }
  if (!STEP_ID_PATTERN.test(id)) {
    add(path, "must start with a lowercase letter a-z and contain only a-z, 0-9 and '_', at most 40 characters", 'bad_format');
    return undefined;
  }
  if (id === HISTORY_STATE_KEY) {
    add(path, `'${HISTORY_STATE_KEY}' is reserved for the workflow's history state`, 'reserved');
    return undefined;
  }
  return id;
}

function readDocuments(value: unknown, path: string, add: Add): RequiredDocument[] | undefined {
  if (!Array.isArray(value)) {
    add(path, `must be an array, got ${describe(value)}`, 'not_an_array');
    return undefined;
  }
  let ok = true;
  const firstIndexOfCode = new Map<string, number>();
  const documents: RequiredDocument[] = [];
  value.forEach((item: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(item)) {
      add(at, `must be an object, got ${describe(item)}`, 'not_an_object');
      ok = false;
      return;
    }
    rejectUnknownFields(item, DOCUMENT_FIELDS, at, add);
    const code = readText(item, 'code', at, DOCUMENT_CODE_MAX_LENGTH, add);
    if (code !== undefined) {
      const earlier = firstIndexOfCode.get(code);
      if (earlier === undefined) firstIndexOfCode.set(code, index);
      else {
        add(`${at}.code`, `duplicates ${path}[${earlier}].code '${code}'`, 'duplicate');
        ok = false;
      }
    }
    const name = readText(item, 'name', at, NAME_MAX_LENGTH, add);
    const copies = readRequired(item, 'copies', at, add, (v, p) => readCopies(v, p, add));
    if (code === undefined || name === undefined || copies === undefined) ok = false;
    else documents.push({ code, name, copies });
  });
  return ok ? documents : undefined;
}

function readDuration(value: unknown, path: string, add: Add): ProcedureDuration | undefined {
  if (!isObject(value)) {
    add(path, `must be an object { value, unit }, got ${describe(value)}`, 'not_an_object');
    return undefined;
  }
  rejectUnknownFields(value, DURATION_FIELDS, path, add);
  const unit = readEnum(value, 'unit', path, DURATION_UNITS, add);
  const amountPath = `${path}.value`;
  const amount = value.value;
  if (amount === undefined) {
    add(amountPath, 'is required', 'required');
    return undefined;
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    add(amountPath, `must be a finite number, got ${describe(amount)}`, 'not_a_number');
    return undefined;
  }
  if (amount <= 0) {
    add(amountPath, `must be greater than 0, got ${amount}`, 'too_small', { exclusiveMin: 0 });
    return undefined;
  }
  if (amount > MAX_DURATION_VALUE) {
    add(amountPath, `must be at most ${MAX_DURATION_VALUE}, got ${amount}`, 'too_large', { max: MAX_DURATION_VALUE });
    return undefined;
  }
  if (unit === undefined) return undefined;
  if (WHOLE_UNITS.includes(unit) && !Number.isInteger(amount)) {
    add(amountPath, `must be a whole number of ${unit.replace('_', ' ')}, got ${amount}`, 'not_an_integer', { unit });
    return undefined;
  }
  if (unit === 'working_hours' && !Number.isInteger(amount * 2)) {
    add(amountPath, `must be a multiple of 0.5 working hours, got ${amount}`, 'not_a_multiple', { of: 0.5, unit });
    return undefined;
  }
  return { value: amount, unit };
}

function readCutoff(value: unknown, path: string, add: Add): string | undefined {
  if (typeof value !== 'string' || !CUTOFF_PATTERN.test(value)) {
    add(path, `must be a time "HH:mm" from 00:00 to 23:59, or null, got ${describe(value)}`, 'bad_time');
    return undefined;
  }
  return value;
}

function readCopies(value: unknown, path: string, add: Add): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    add(path, `must be a whole number, got ${describe(value)}`, 'not_an_integer');
    return undefined;
  }
  if (value < 1) {
    add(path, `must be at least 1, got ${value}`, 'too_small', { min: 1 });
    return undefined;
  }
  return value;
}

function readFee(value: unknown, path: string, add: Add): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    add(path, `must be a whole number of VND, got ${describe(value)}`, 'not_an_integer', { unit: 'VND' });
    return undefined;
  }
  if (value < 0) {
    add(path, `must not be negative, got ${value}`, 'too_small', { min: 0 });
    return undefined;
  }
  return value;
}

function readText(obj: JsonObject, key: string, at: string, maxLength: number, add: Add): string | undefined {
  const path = join(at, key);
  const value = obj[key];
  if (value === undefined) {
    add(path, 'is required', 'required');
    return undefined;
  }
  if (typeof value !== 'string') {
    add(path, `must be a string, got ${describe(value)}`, 'not_a_string');
    return undefined;
  }
  if (value.trim() === '') {
    add(path, 'must not be empty', 'required');
    return undefined;
  }
  const length = [...value].length;
  if (length > maxLength) {
    add(path, `must be at most ${maxLength} characters, got ${length}`, 'too_long', { max: maxLength });
    return undefined;
  }
  return value;
}

function readEnum<T extends string>(obj: JsonObject, key: string, at: string, allowed: readonly T[], add: Add): T | undefined {
  const path = join(at, key);
  const value = obj[key];
  if (value === undefined) {
    add(path, 'is required', 'required');
    return undefined;
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    add(path, `must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${describe(value)}`, 'not_allowed_value', { allowed: allowed.join(', ') });
    return undefined;
  }
  return value as T;
}

/** A required field: `undefined` when missing or invalid (and reported), else the parsed value. */
function readRequired<T>(obj: JsonObject, key: string, at: string, add: Add, parse: (value: unknown, path: string) => T | undefined): T | undefined {
  const path = join(at, key);
  if (obj[key] === undefined) {
    add(path, 'is required', 'required');
    return undefined;
  }
  return parse(obj[key], path);
}

/** A nullable field that may be left out (meaning null): `undefined` only when invalid. */
function readNullable<T>(obj: JsonObject, key: string, parse: (value: unknown, path: string) => T | undefined): T | null | undefined {
  const value = obj[key];
  return value === undefined || value === null ? null : parse(value, key);
}

function rejectUnknownFields(obj: JsonObject, known: readonly string[], at: string, add: Add, reasons: Record<string, string> = {}): void {
  for (const key of Object.keys(obj)) {
    // Own keys only: a field named toString or __proto__ must not find Object.prototype's.
    if (!known.includes(key)) add(join(at, key), (Object.hasOwn(reasons, key) ? reasons[key] : null) ?? 'unknown field', 'unknown_field');
  }
}

/** The compared amounts for a translation: `{ total, limit, unit }`, both in the unit the comparison used. */
function fitParams(fit: DurationFit): FieldErrorParams {
  return { total: fit.total.value, limit: fit.limit.value, unit: fit.total.unit };
}

/** "3 working days (22.5 working hours)" when the comparison converted it, else just "3 working days". */
function describeFit(compared: DurationFit['total'], original: ProcedureDuration): string {
  return compared.unit === original.unit ? formatDuration(original) : `${formatDuration(original)} (${formatDuration(compared)})`;
}

function join(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
