// Jest runs CommonJS; NestJS 12 ships ES modules only. This transpiles those packages for jest,
// mapping import.meta (which CommonJS lacks) to its CommonJS equivalents.
const ts = require('typescript');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const SELF = readFileSync(__filename, 'utf8');

const OPTIONS = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, allowJs: true };

module.exports = {
  getCacheKey(source, path) {
    return createHash('sha1').update(SELF).update(path).update(source).digest('hex');
  },
  process(source, path) {
    const patched = source
      .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href")
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename')
      // `const require = createRequire(...)` is how ES modules get require; CommonJS already has one.
      .replace(/\b(const|let) require\s*=/g, '$1 __esmRequire =');
    const out = ts.transpileModule(patched, { compilerOptions: OPTIONS, fileName: path });
    return { code: out.outputText };
  },
};
