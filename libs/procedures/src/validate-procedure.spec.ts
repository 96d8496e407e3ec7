import { type ProcedureDefinition, storedDefinition } from './procedure-definition';
import { fitsWithin, formatDuration, toComparableWorkingHours } from './procedure-duration';
import { validateProcedureDefinition, type ProcedureFieldError } from './validate-procedure';

/** api.md's example, with the fields that have defaults left out. */
function minimal(): Record<string, unknown> {
  return {
    code: '1.001193',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'district',
    processingTime: { value: 3, unit: 'working_days' },
    steps: [
      { id: 'receive', name: 'Tiếp nhận, chuyển hồ sơ', role: 'reception', allotted: { value: 4, unit: 'working_hours' } },
      { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 12, unit: 'working_hours' } },
    ],
  };
}

function full(): ProcedureDefinition {
  return {
    code: '1.001193',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'district',
    processingTime: { value: 3, unit: 'working_days' },
    onlineProcessingTime: { value: 2, unit: 'working_days' },
    cutoff: '15:00',
    supplementPolicy: 'pause',
    steps: [
      { id: 'receive', name: 'Tiếp nhận, chuyển hồ sơ', role: 'reception', allotted: { value: 4, unit: 'working_hours' } },
      { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 12, unit: 'working_hours' } },
      { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 6, unit: 'working_hours' } },
    ],
    requiredDocuments: [{ code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
    fee: 100000,
  };
}

function errorsOf(input: unknown): ProcedureFieldError[] {
  const result = validateProcedureDefinition(input);
  if (result.value !== null) throw new Error('expected the definition to be refused');
  return result.errors;
}

/** The errors for the minimal definition with `patch` applied to it. */
function errorsWith(patch: (def: Record<string, unknown>) => void): ProcedureFieldError[] {
  const def = minimal();
  patch(def);
  return errorsOf(def);
}

function steps(def: Record<string, unknown>): Record<string, unknown>[] {
  return def.steps as Record<string, unknown>[];
}

function stepsOf(count: number, allotted = { value: 1, unit: 'working_hours' }) {
  return Array.from({ length: count }, (_, i) => ({ id: `s${i}`, name: `Step ${i}`, role: 'specialist', allotted }));
}

describe('validateProcedureDefinition', () => {
  describe('valid definitions', () => {
    it('accepts a full definition and returns it unchanged', () => {
      expect(validateProcedureDefinition(full())).toEqual({ value: full(), errors: [] });
    });

    it('fills in the defaults', () => {
      const { value, errors } = validateProcedureDefinition(minimal());
      expect(errors).toEqual([]);
      expect(value).toMatchObject({
        onlineProcessingTime: null,
        cutoff: null,
        // The national portal's statistics subtract the waiting time (domain.md): pause unless a sector law says restart.
        supplementPolicy: 'pause',
        requiredDocuments: [],
        fee: 0,
      });
    });

    it('accepts explicit nulls for the nullable fields', () => {
      const def = { ...minimal(), onlineProcessingTime: null, cutoff: null };
      expect(validateProcedureDefinition(def).errors).toEqual([]);
    });

    it('returns a copy that does not share objects with the input', () => {
      const input = full();
      const { value } = validateProcedureDefinition(input);
      input.steps[0].allotted.value = 99;
      input.requiredDocuments[0].copies = 5;
      expect(value?.steps[0].allotted.value).toBe(4);
      expect(value?.requiredDocuments[0].copies).toBe(1);
    });

    it('lists the fields in a fixed order', () => {
      const { value } = validateProcedureDefinition(minimal());
      expect(Object.keys(value ?? {})).toEqual([
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
      ]);
    });
  });

  describe('the root', () => {
    it.each([null, [], 'x', 42, undefined])('refuses %p', (input) => {
      expect(errorsOf(input)).toEqual([{ field: '$', reason: expect.stringMatching(/^must be an object/), code: 'not_an_object' }]);
    });

    it('refuses unknown fields, explaining version', () => {
      expect(errorsWith((d) => Object.assign(d, { extra: 1, version: 2 }))).toEqual([
        { field: 'extra', reason: 'unknown field', code: 'unknown_field' },
        { field: 'version', reason: 'unknown field (the version is assigned by the server)', code: 'unknown_field' },
      ]);
    });

    it('names unknown fields called like Object.prototype members as unknown, with a text reason (found by the fuzz suite)', () => {
      // JSON.parse makes __proto__ an own key, as a request body does.
      const body = JSON.parse(JSON.stringify(minimal()).replace(/^\{/, '{"toString": 1, "__proto__": {}, "constructor": "x", '));
      expect(errorsOf(body)).toEqual([
        { field: 'toString', reason: 'unknown field', code: 'unknown_field' },
        { field: '__proto__', reason: 'unknown field', code: 'unknown_field' },
        { field: 'constructor', reason: 'unknown field', code: 'unknown_field' },
      ]);
    });

    it.each(['code', 'name', 'field', 'level', 'processingTime', 'steps'])('requires %s', (key) => {
      expect(errorsWith((d) => delete d[key])).toEqual([{ field: key, reason: 'is required', code: 'required' }]);
    });

    it('collects every problem at once', () => {
      const errors = errorsWith((d) => {
        d.code = '';
        d.level = 'ward';
        steps(d)[1].role = 'boss';
        d.fee = -5;
      });
      expect(errors.map((e) => e.field)).toEqual(['code', 'level', 'steps[1].role', 'fee']);
    });
  });

  describe('code', () => {
    it.each([
      [42, 'must be a string, got 42', 'not_a_string', undefined],
      [null, 'must be a string, got null', 'not_a_string', undefined],
      ['', 'must not be empty', 'required', undefined],
      ['   ', 'must not be empty', 'required', undefined],
      ['x'.repeat(51), 'must be at most 50 characters, got 51', 'too_long', { max: 50 }],
      ['1.001 193', "may contain only letters A-Z and a-z, digits, '.', '_' and '-'", 'bad_format', undefined],
      ['thủ-tục', "may contain only letters A-Z and a-z, digits, '.', '_' and '-'", 'bad_format', undefined],
      ['1/2', "may contain only letters A-Z and a-z, digits, '.', '_' and '-'", 'bad_format', undefined],
    ])('refuses %p', (code, reason, errorCode, params?: Record<string, number>) => {
      expect(errorsWith((d) => (d.code = code))).toEqual([{ field: 'code', reason, code: errorCode, ...(params ? { params } : {}) }]);
    });

    it.each(['x'.repeat(50), 'A-z_0.9', '2.000720'])('accepts %p', (code) => {
      expect(validateProcedureDefinition({ ...minimal(), code }).errors).toEqual([]);
    });
  });

  describe('names', () => {
    it.each(['name', 'field'])('%s: refuses empty, too long and non-strings; accepts 500 characters', (key) => {
      expect(errorsWith((d) => (d[key] = ' \t'))).toEqual([{ field: key, reason: 'must not be empty', code: 'required' }]);
      expect(errorsWith((d) => (d[key] = 'ệ'.repeat(501)))).toEqual([
        { field: key, reason: 'must be at most 500 characters, got 501', code: 'too_long', params: { max: 500 } },
      ]);
      expect(errorsWith((d) => (d[key] = ['a']))).toEqual([{ field: key, reason: 'must be a string, got an array', code: 'not_a_string' }]);
      expect(validateProcedureDefinition({ ...minimal(), [key]: 'ệ'.repeat(500) }).errors).toEqual([]);
    });

    it('checks step and document names with their paths', () => {
      expect(errorsWith((d) => (steps(d)[1].name = ''))).toEqual([{ field: 'steps[1].name', reason: 'must not be empty', code: 'required' }]);
      expect(errorsWith((d) => (d.requiredDocuments = [{ code: 'A', name: 'x'.repeat(501), copies: 1 }]))).toEqual([
        { field: 'requiredDocuments[0].name', reason: 'must be at most 500 characters, got 501', code: 'too_long', params: { max: 500 } },
      ]);
    });
  });

  describe('level', () => {
    it.each(['ministry', 'province', 'department', 'district', 'commune'])('accepts %s', (level) => {
      expect(validateProcedureDefinition({ ...minimal(), level }).errors).toEqual([]);
    });

    it('refuses an unknown level', () => {
      expect(errorsWith((d) => (d.level = 'ward'))).toEqual([
        {
          field: 'level',
          reason: "must be one of 'ministry', 'province', 'department', 'district', 'commune', got \"ward\"",
          code: 'not_allowed_value',
          params: { allowed: 'ministry, province, department, district, commune' },
        },
      ]);
    });
  });

  describe('durations', () => {
    it.each([
      [{ value: 0, unit: 'working_hours' }, 'value', 'must be greater than 0, got 0', 'too_small', { exclusiveMin: 0 }],
      [{ value: -2, unit: 'working_days' }, 'value', 'must be greater than 0, got -2', 'too_small', { exclusiveMin: 0 }],
      [{ value: '3', unit: 'working_days' }, 'value', 'must be a finite number, got "3"', 'not_a_number', undefined],
      [{ value: Number.NaN, unit: 'working_days' }, 'value', 'must be a finite number, got NaN', 'not_a_number', undefined],
      [{ value: Infinity, unit: 'working_days' }, 'value', 'must be a finite number, got Infinity', 'not_a_number', undefined],
      [{ unit: 'working_days' }, 'value', 'is required', 'required', undefined],
      [{ value: 1001, unit: 'working_hours' }, 'value', 'must be at most 1000, got 1001', 'too_large', { max: 1000 }],
      [{ value: 1.5, unit: 'working_days' }, 'value', 'must be a whole number of working days, got 1.5', 'not_an_integer', { unit: 'working_days' }],
      [{ value: 2.5, unit: 'calendar_days' }, 'value', 'must be a whole number of calendar days, got 2.5', 'not_an_integer', { unit: 'calendar_days' }],
      [{ value: 0.5, unit: 'months' }, 'value', 'must be a whole number of months, got 0.5', 'not_an_integer', { unit: 'months' }],
      [{ value: 1.25, unit: 'working_hours' }, 'value', 'must be a multiple of 0.5 working hours, got 1.25', 'not_a_multiple', { of: 0.5, unit: 'working_hours' }],
      [
        { value: 1, unit: 'hours' },
        'unit',
        "must be one of 'working_days', 'working_hours', 'calendar_days', 'months', got \"hours\"",
        'not_allowed_value',
        { allowed: 'working_days, working_hours, calendar_days, months' },
      ],
      [{ value: 1 }, 'unit', 'is required', 'required', undefined],
    ])('refuses the step allotment %p at .%s', (allotted, at, reason, code, params?: Record<string, string | number>) => {
      expect(errorsWith((d) => (steps(d)[1].allotted = allotted))).toEqual([{ field: `steps[1].allotted.${at}`, reason, code, ...(params ? { params } : {}) }]);
    });

    it('refuses a unit error deep in a later step with its exact path', () => {
      const errors = errorsWith((d) => {
        steps(d).push({ id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 1, unit: 'fortnights' } });
      });
      expect(errors).toEqual([
        { field: 'steps[2].allotted.unit', reason: expect.stringContaining('got "fortnights"'), code: 'not_allowed_value', params: { allowed: expect.any(String) } },
      ]);
    });

    it('refuses a non-object and unknown fields inside a duration', () => {
      expect(errorsWith((d) => (d.processingTime = 3))).toEqual([
        { field: 'processingTime', reason: 'must be an object { value, unit }, got 3', code: 'not_an_object' },
      ]);
      expect(errorsWith((d) => (d.processingTime = { value: 3, unit: 'working_days', note: 'x' }))).toEqual([
        { field: 'processingTime.note', reason: 'unknown field', code: 'unknown_field' },
      ]);
    });

    it.each([
      { value: 0.5, unit: 'working_hours' },
      { value: 1.5, unit: 'working_hours' },
      { value: 1, unit: 'calendar_days' },
      { value: 1000, unit: 'working_hours' },
    ])('accepts the allotment %p', (allotted) => {
      const def = minimal();
      steps(def)[1].allotted = allotted;
      def.processingTime = { value: 1000, unit: 'working_days' };
      expect(validateProcedureDefinition(def).errors).toEqual([]);
    });
  });

  describe('cutoff', () => {
    it.each(['00:00', '15:00', '23:59'])('accepts %p', (cutoff) => {
      expect(validateProcedureDefinition({ ...minimal(), cutoff }).value?.cutoff).toBe(cutoff);
    });

    it.each(['24:00', '7:30', '15:00:00', '15h00', '12:60', 1500, ''])('refuses %p', (cutoff) => {
      expect(errorsWith((d) => (d.cutoff = cutoff))).toEqual([
        { field: 'cutoff', reason: expect.stringMatching(/^must be a time "HH:mm" from 00:00 to 23:59, or null, got /), code: 'bad_time' },
      ]);
    });
  });

  describe('supplementPolicy', () => {
    it('accepts pause and restart', () => {
      expect(validateProcedureDefinition({ ...minimal(), supplementPolicy: 'pause' }).value?.supplementPolicy).toBe('pause');
      expect(validateProcedureDefinition({ ...minimal(), supplementPolicy: 'restart' }).value?.supplementPolicy).toBe('restart');
    });

    it('keeps what a stored version was published with; a stored definition without it reads as restart, the old default', () => {
      expect(storedDefinition(full()).supplementPolicy).toBe('pause');
      expect(storedDefinition({ ...full(), supplementPolicy: 'restart' }).supplementPolicy).toBe('restart');
      const { supplementPolicy: _, ...legacy } = full();
      expect(storedDefinition(legacy as ProcedureDefinition)).toEqual({ ...full(), supplementPolicy: 'restart' });
    });

    it.each(['stop', null, 1])('refuses %p', (policy) => {
      expect(errorsWith((d) => (d.supplementPolicy = policy))).toEqual([
        {
          field: 'supplementPolicy',
          reason: expect.stringMatching(/^must be one of 'restart', 'pause', got /),
          code: 'not_allowed_value',
          params: { allowed: 'restart, pause' },
        },
      ]);
    });
  });

  describe('steps', () => {
    it('refuses a non-array, no steps and more than 30 steps', () => {
      expect(errorsWith((d) => (d.steps = {}))).toEqual([{ field: 'steps', reason: 'must be an array, got an object', code: 'not_an_array' }]);
      expect(errorsWith((d) => (d.steps = []))).toEqual([{ field: 'steps', reason: 'must have at least 1 step', code: 'too_few_items', params: { min: 1 } }]);
      expect(errorsWith((d) => (d.steps = stepsOf(31)))).toEqual([
        { field: 'steps', reason: 'must have at most 30 steps, got 31', code: 'too_many_items', params: { max: 30 } },
      ]);
    });

    it('accepts 1 and 30 steps', () => {
      expect(validateProcedureDefinition({ ...minimal(), steps: stepsOf(1) }).errors).toEqual([]);
      expect(validateProcedureDefinition({ ...minimal(), steps: stepsOf(30, { value: 0.5, unit: 'working_hours' }) }).errors).toEqual([]);
    });

    it('refuses a step that is not an object, and unknown step fields', () => {
      expect(errorsWith((d) => ((d.steps as unknown[])[0] = 'receive'))).toEqual([
        { field: 'steps[0]', reason: 'must be an object, got "receive"', code: 'not_an_object' },
      ]);
      expect(errorsWith((d) => (steps(d)[1].deadline = 3))).toEqual([{ field: 'steps[1].deadline', reason: 'unknown field', code: 'unknown_field' }]);
    });

    it('keeps a step agency, named or by relation (liên thông)', () => {
      const d = minimal();
      steps(d)[1].agency = { code: 'H12.20' };
      const { value, errors } = validateProcedureDefinition(d);
      expect(errors).toEqual([]);
      expect(value!.steps[0]).not.toHaveProperty('agency');
      expect(value!.steps[1].agency).toEqual({ code: 'H12.20' });
      steps(d)[0].agency = { relation: 'receiving' };
      expect(validateProcedureDefinition(d).value!.steps[0].agency).toEqual({ relation: 'receiving' });
    });

    it('refuses a step agency with both or neither of code and relation, an unknown relation or unknown fields', () => {
      expect(errorsWith((d) => (steps(d)[1].agency = { code: 'A', relation: 'resolving' }))).toEqual([
        { field: 'steps[1].agency', reason: "must have exactly one of 'code' (a named agency) and 'relation' ('resolving' or 'receiving')", code: 'required' },
      ]);
      expect(errorsWith((d) => (steps(d)[1].agency = {}))).toMatchObject([{ field: 'steps[1].agency', code: 'required' }]);
      expect(errorsWith((d) => (steps(d)[1].agency = { relation: 'supervising' }))).toMatchObject([{ field: 'steps[1].agency.relation', code: 'not_allowed_value' }]);
      expect(errorsWith((d) => (steps(d)[1].agency = { code: 'A', level: 'x' }))).toEqual([{ field: 'steps[1].agency.level', reason: 'unknown field', code: 'unknown_field' }]);
      expect(errorsWith((d) => (steps(d)[1].agency = 'H12'))).toMatchObject([{ field: 'steps[1].agency', code: 'not_an_object' }]);
    });

    it.each(['id', 'name', 'role', 'allotted'])('requires steps[i].%s', (key) => {
      expect(errorsWith((d) => delete steps(d)[1][key])).toEqual([{ field: `steps[1].${key}`, reason: 'is required', code: 'required' }]);
    });

    it.each(['Receive', '1st', 'thẩm_định', 'a-b', 'a.b', '', 'a'.repeat(41)])('refuses the step id %p', (id) => {
      expect(errorsWith((d) => (steps(d)[1].id = id))).toEqual([
        {
          field: 'steps[1].id',
          reason: "must start with a lowercase letter a-z and contain only a-z, 0-9 and '_', at most 40 characters",
          code: 'bad_format',
        },
      ]);
    });

    it.each(['a', 'step_2', 'a'.repeat(40)])('accepts the step id %p', (id) => {
      const def = minimal();
      steps(def)[1].id = id;
      expect(validateProcedureDefinition(def).errors).toEqual([]);
    });

    it('reserves the history state key', () => {
      expect(errorsWith((d) => (steps(d)[1].id = 'hist'))).toEqual([
        { field: 'steps[1].id', reason: "'hist' is reserved for the workflow's history state", code: 'reserved' },
      ]);
    });

    it('refuses duplicate step ids, naming the first', () => {
      const errors = errorsWith((d) => {
        steps(d).push({ id: 'receive', name: 'Trả kết quả', role: 'reception', allotted: { value: 1, unit: 'working_hours' } });
      });
      expect(errors).toEqual([{ field: 'steps[2].id', reason: "duplicates steps[0].id 'receive'", code: 'duplicate' }]);
    });

    it('refuses an unknown role', () => {
      expect(errorsWith((d) => (steps(d)[1].role = 'chuyên viên'))).toEqual([
        {
          field: 'steps[1].role',
          reason: "must be one of 'admin', 'supervisor', 'reception', 'specialist', 'leader', 'clerk', got \"chuyên viên\"",
          code: 'not_allowed_value',
          params: { allowed: 'admin, supervisor, reception, specialist, leader, clerk' },
        },
      ]);
    });
  });

  describe('allotments against the processing time', () => {
    it('refuses allotments that add up to more, with both sides in working hours', () => {
      expect(errorsWith((d) => steps(d).push({ id: 'sign', name: 'Ký', role: 'leader', allotted: { value: 7, unit: 'working_hours' } }))).toEqual([
        {
          field: 'steps',
          reason: 'step allotments add up to 23 working hours, more than the processing time of 3 working days (22.5 working hours)',
          code: 'steps_exceed_processing_time',
          params: { total: 23, limit: 22.5, unit: 'working_hours' },
        },
      ]);
    });

    it('accepts allotments that fill the processing time exactly', () => {
      const def = minimal();
      steps(def).push({ id: 'sign', name: 'Ký', role: 'leader', allotted: { value: 6.5, unit: 'working_hours' } });
      expect(validateProcedureDefinition(def).errors).toEqual([]);
    });

    it('adds allotments in the processing time unit without converting', () => {
      expect(
        errorsWith((d) => {
          d.processingTime = { value: 2, unit: 'working_hours' };
          d.steps = stepsOf(3);
        }),
      ).toEqual([
        {
          field: 'steps',
          reason: 'step allotments add up to 3 working hours, more than the processing time of 2 working hours',
          code: 'steps_exceed_processing_time',
          params: { total: 3, limit: 2, unit: 'working_hours' },
        },
      ]);
    });

    it('lets month allotments fill a month limit, but measures a month allotment at 31 days against other units', () => {
      const months = (value: number) => ({ value, unit: 'months' });
      expect(validateProcedureDefinition({ ...minimal(), processingTime: months(2), steps: stepsOf(2, months(1)) }).errors).toEqual([]);
      expect(errorsOf({ ...minimal(), processingTime: { value: 30, unit: 'calendar_days' }, steps: stepsOf(1, months(1)) })).toEqual([
        {
          field: 'steps',
          reason: 'step allotments add up to 232.5 working hours, more than the processing time of 30 calendar days (225 working hours)',
          code: 'steps_exceed_processing_time',
          params: { total: 232.5, limit: 225, unit: 'working_hours' },
        },
      ]);
    });

    it('measures a month limit at 28 days', () => {
      const limit = { value: 1, unit: 'months' };
      expect(validateProcedureDefinition({ ...minimal(), processingTime: limit, steps: stepsOf(1, { value: 28, unit: 'calendar_days' }) }).errors).toEqual(
        [],
      );
      expect(errorsOf({ ...minimal(), processingTime: limit, steps: stepsOf(1, { value: 29, unit: 'working_days' }) })).toEqual([
        {
          field: 'steps',
          reason: 'step allotments add up to 217.5 working hours, more than the processing time of 1 month (210 working hours)',
          code: 'steps_exceed_processing_time',
          params: { total: 217.5, limit: 210, unit: 'working_hours' },
        },
      ]);
    });

    it('does not compare when a step is invalid', () => {
      expect(errorsWith((d) => steps(d).push({ id: 'sign', name: '', role: 'leader', allotted: { value: 100, unit: 'working_days' } }))).toEqual([
        { field: 'steps[2].name', reason: 'must not be empty', code: 'required' },
      ]);
    });
  });

  describe('onlineProcessingTime', () => {
    it('accepts a shorter or equal time', () => {
      for (const online of [
        { value: 2, unit: 'working_days' },
        { value: 3, unit: 'working_days' },
        { value: 22.5, unit: 'working_hours' },
      ]) {
        expect(validateProcedureDefinition({ ...minimal(), onlineProcessingTime: online }).errors).toEqual([]);
      }
    });

    it('refuses a longer time', () => {
      expect(errorsWith((d) => (d.onlineProcessingTime = { value: 4, unit: 'working_days' }))).toEqual([
        {
          field: 'onlineProcessingTime',
          reason: '4 working days is longer than the processing time of 3 working days',
          code: 'online_exceeds_processing_time',
          params: { total: 4, limit: 3, unit: 'working_days' },
        },
      ]);
      expect(errorsWith((d) => (d.onlineProcessingTime = { value: 23, unit: 'working_hours' }))).toEqual([
        {
          field: 'onlineProcessingTime',
          reason: '23 working hours is longer than the processing time of 3 working days (22.5 working hours)',
          code: 'online_exceeds_processing_time',
          params: { total: 23, limit: 22.5, unit: 'working_hours' },
        },
      ]);
    });

    it('checks its own shape', () => {
      expect(errorsWith((d) => (d.onlineProcessingTime = { value: 1, unit: 'weeks' }))).toEqual([
        { field: 'onlineProcessingTime.unit', reason: expect.stringContaining('got "weeks"'), code: 'not_allowed_value', params: { allowed: expect.any(String) } },
      ]);
    });
  });

  describe('requiredDocuments', () => {
    const doc = (patch: Record<string, unknown> = {}) => ({ code: 'GDN', name: 'Giấy đề nghị', copies: 1, ...patch });

    it('refuses a non-array and non-object items', () => {
      expect(errorsWith((d) => (d.requiredDocuments = 'GDN'))).toEqual([
        { field: 'requiredDocuments', reason: 'must be an array, got "GDN"', code: 'not_an_array' },
      ]);
      expect(errorsWith((d) => (d.requiredDocuments = [doc(), null]))).toEqual([
        { field: 'requiredDocuments[1]', reason: 'must be an object, got null', code: 'not_an_object' },
      ]);
    });

    it.each([
      [0, 'must be at least 1, got 0', 'too_small', { min: 1 }],
      [1.5, 'must be a whole number, got 1.5', 'not_an_integer', undefined],
      ['2', 'must be a whole number, got "2"', 'not_an_integer', undefined],
    ])('refuses copies %p', (copies, reason, code, params?: Record<string, number>) => {
      expect(errorsWith((d) => (d.requiredDocuments = [doc(), doc({ code: 'B', copies })]))).toEqual([
        { field: 'requiredDocuments[1].copies', reason, code, ...(params ? { params } : {}) },
      ]);
    });

    it('requires code, name and copies, and refuses unknown fields', () => {
      expect(errorsWith((d) => (d.requiredDocuments = [{ original: true }]))).toEqual([
        { field: 'requiredDocuments[0].original', reason: 'unknown field', code: 'unknown_field' },
        { field: 'requiredDocuments[0].code', reason: 'is required', code: 'required' },
        { field: 'requiredDocuments[0].name', reason: 'is required', code: 'required' },
        { field: 'requiredDocuments[0].copies', reason: 'is required', code: 'required' },
      ]);
    });

    it('refuses duplicate and too long codes', () => {
      expect(errorsWith((d) => (d.requiredDocuments = [doc(), doc()]))).toEqual([
        { field: 'requiredDocuments[1].code', reason: "duplicates requiredDocuments[0].code 'GDN'", code: 'duplicate' },
      ]);
      expect(errorsWith((d) => (d.requiredDocuments = [doc({ code: 'x'.repeat(51) })]))).toEqual([
        { field: 'requiredDocuments[0].code', reason: 'must be at most 50 characters, got 51', code: 'too_long', params: { max: 50 } },
      ]);
    });

    it('accepts several copies', () => {
      expect(validateProcedureDefinition({ ...minimal(), requiredDocuments: [doc({ copies: 2 })] }).value?.requiredDocuments).toEqual([doc({ copies: 2 })]);
    });
  });

  describe('fee', () => {
    it.each([0, 2000, 100000])('accepts %p VND', (fee) => {
      expect(validateProcedureDefinition({ ...minimal(), fee }).value?.fee).toBe(fee);
    });

    it.each([
      [-1, 'must not be negative, got -1', 'too_small', { min: 0 }],
      [1000.5, 'must be a whole number of VND, got 1000.5', 'not_an_integer', { unit: 'VND' }],
      ['100000', 'must be a whole number of VND, got "100000"', 'not_an_integer', { unit: 'VND' }],
      [null, 'must be a whole number of VND, got null', 'not_an_integer', { unit: 'VND' }],
      [2 ** 60, `must be a whole number of VND, got ${2 ** 60}`, 'not_an_integer', { unit: 'VND' }],
    ])('refuses %p', (fee, reason, code, params) => {
      expect(errorsWith((d) => (d.fee = fee))).toEqual([{ field: 'fee', reason, code, params }]);
    });
  });
});

describe('duration comparison rule', () => {
  it('converts days to 7.5 working hours and months by role', () => {
    expect(toComparableWorkingHours({ value: 3, unit: 'working_days' }, 'limit')).toBe(22.5);
    expect(toComparableWorkingHours({ value: 2, unit: 'calendar_days' }, 'allotment')).toBe(15);
    expect(toComparableWorkingHours({ value: 4, unit: 'working_hours' }, 'limit')).toBe(4);
    expect(toComparableWorkingHours({ value: 1, unit: 'months' }, 'limit')).toBe(28 * 7.5);
    expect(toComparableWorkingHours({ value: 1, unit: 'months' }, 'allotment')).toBe(31 * 7.5);
  });

  it('fits parts in the limit unit exactly and mixed parts in working hours', () => {
    expect(fitsWithin([{ value: 1, unit: 'months' }], { value: 1, unit: 'months' })).toEqual({
      fits: true,
      total: { value: 1, unit: 'months' },
      limit: { value: 1, unit: 'months' },
    });
    expect(fitsWithin([{ value: 1, unit: 'working_days' }, { value: 0.5, unit: 'working_hours' }], { value: 1, unit: 'working_days' })).toEqual({
      fits: false,
      total: { value: 8, unit: 'working_hours' },
      limit: { value: 7.5, unit: 'working_hours' },
    });
  });

  it('formats singular and plural', () => {
    expect(formatDuration({ value: 1, unit: 'working_days' })).toBe('1 working day');
    expect(formatDuration({ value: 0.5, unit: 'working_hours' })).toBe('0.5 working hours');
    expect(formatDuration({ value: 2, unit: 'months' })).toBe('2 months');
  });
});
