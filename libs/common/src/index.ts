export * from './vocabulary';
export { alreadyExists, forbidden, invalidField, notFound } from './api-errors';
export { canonicalJson } from './canonical-json';
