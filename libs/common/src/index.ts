export * from './vocabulary';
export { alreadyExists, type FieldError, forbidden, invalidField, notFound } from './api-errors';
export { canonicalJson } from './canonical-json';
