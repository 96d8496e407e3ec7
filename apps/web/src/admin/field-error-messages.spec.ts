import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api';
import type { FieldErrorCode } from '../types';
import { FIELD_ERROR_MESSAGES, fieldErrorMessage } from './field-error-messages';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** Params as the API sends them for each code (docs/openapi.json, FieldErrorDto.params). */
const SAMPLE_PARAMS: Partial<Record<FieldErrorCode, Record<string, string | number>>> = {
  not_allowed_value: { allowed: 'direct, online, postal' },
  too_short: { min: 8 },
  too_long: { max: 200 },
  too_small: { min: 1 },
  too_large: { max: 1000 },
  too_few_items: { min: 1 },
  too_many_items: { max: 30 },
  not_a_multiple: { of: 0.5, unit: 'working_hours' },
  no_such_reference: { kind: 'agency' },
  too_deep: { max: 32 },
  too_early: { min: '2026-11-23T02:00:00.000Z' },
  range_too_long: { max: 366 },
  end_before_start: { interval: 2, from: '13:30', to: '11:30' },
  overlaps_previous: { interval: 2, from: '11:00', to: '17:00' },
  not_later_than_due: { dueAt: '2026-11-26T02:00:00.000Z' },
  extension_too_long: { max: '2026-12-01T09:00:00+07:00' },
  extension_too_late: { latest: '2026-12-09T09:00:00+07:00' },
  assignee_not_eligible: { role: 'specialist' },
  steps_exceed_processing_time: { total: 23, limit: 22.5, unit: 'working_hours' },
  online_exceeds_processing_time: { total: 4, limit: 3, unit: 'working_days' },
  password_too_short: { min: 12 },
  password_too_long: { maxBytes: 72 },
  password_too_weak: { score: 1, minScore: 3, warning: 'common', suggestions: 'anotherWord' },
};

describe('field error messages', () => {
  it.each(Object.keys(FIELD_ERROR_MESSAGES) as FieldErrorCode[])('says %s in Vietnamese, with and without its params', (code) => {
    for (const params of [SAMPLE_PARAMS[code] ?? {}, {}]) {
      const text = fieldErrorMessage({ code, reason: 'an English sentence', params });
      expect(text).toMatch(VIETNAMESE);
      expect(text).not.toContain('undefined');
    }
  });

  it('puts the numbers and units a message needs in it, the Vietnamese way', () => {
    const say = (code: FieldErrorCode, params?: Record<string, string | number>) => fieldErrorMessage({ code, reason: '', params });
    expect(say('too_long', { max: 200 })).toBe('tối đa 200 ký tự');
    expect(say('too_short', { min: 8 })).toBe('phải có ít nhất 8 ký tự');
    expect(say('too_small', { exclusiveMin: 0 })).toBe('phải lớn hơn 0');
    expect(say('too_small', { min: 0 })).toBe('không được âm');
    expect(say('too_small', { min: 1 })).toBe('phải từ 1 trở lên');
    expect(say('too_large', { max: 1000 })).toBe('tối đa là 1.000');
    expect(say('too_few_items', { min: 1 })).toBe('phải chọn hoặc có ít nhất một mục');
    expect(say('not_an_integer', { unit: 'VND' })).toBe('phải là số đồng nguyên');
    expect(say('not_a_multiple', { of: 0.5, unit: 'working_hours' })).toBe('phải là bội số của 0,5 giờ làm việc');
    expect(say('no_such_reference', { kind: 'agency' })).toBe('không có cơ quan có mã này');
    expect(say('no_such_reference', { kind: 'procedure' })).toBe('không có thủ tục có mã này');
    expect(say('bad_format', { format: 'email' })).toBe('không phải địa chỉ email hợp lệ');
    expect(say('bad_format')).toBe('không đúng định dạng');
    expect(say('password_too_short', { min: 12 })).toBe('mật khẩu phải có ít nhất 12 ký tự');
    expect(say('password_too_weak', { score: 1, minScore: 3, warning: 'common' })).toContain('quá dễ đoán (đây là mật khẩu phổ biến)');
    expect(say('too_early', { min: '1900-01-01' })).toBe('không được sớm hơn 01/01/1900');
    expect(say('overlaps_previous', { interval: 2, from: '11:00', to: '17:00' })).toContain('khoảng 2 (11:00–17:00) chồng lên hoặc đứng trước khoảng liền trước');
    expect(say('steps_exceed_processing_time', { total: 23, limit: 22.5, unit: 'working_hours' })).toBe(
      'tổng thời gian các bước (23 giờ làm việc) vượt quá thời hạn giải quyết (22,5 giờ làm việc)',
    );
  });

  it('falls back to the English sentence for a code this app does not know yet', () => {
    expect(fieldErrorMessage({ code: 'brand_new' as FieldErrorCode, reason: 'must be brand new' })).toBe('must be brand new');
  });

  it('reads the codes of a 400 by field, ignoring details that are not field errors', () => {
    const details = [
      { field: 'applicant.fullName', reason: 'must be shorter than or equal to 200 characters', code: 'too_long' as const, params: { max: 200 } },
    ];
    const error = new ApiError(400, { statusCode: 400, error: 'validation_failed', message: 'x', details });
    expect(fieldErrorMessage(error.fieldErrors()['applicant.fullName'])).toBe('tối đa 200 ký tự');
    expect(new ApiError(409, { statusCode: 409, error: 'event_not_allowed', message: 'x', details: { allowed: [] } }).fieldErrors()).toEqual({});
  });
});
