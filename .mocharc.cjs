// Mocha's configuration. Spec files or folders named on the command line run alone
// (`npm test -- tests/provider/errors.spec.ts`, `npx mocha tests/emulator`): without this,
// mocha would run the whole suite's glob as well.
const named = process.argv.slice(2).some((arg) => !arg.startsWith("-") && (/\.ts$/.test(arg) || /(^|\/)tests(\/|$)/.test(arg)));

module.exports = {
    require: ["ts-node/register/transpile-only"],
    extension: ["ts"],
    spec: named ? [] : ["tests/**/*.spec.ts"],
    timeout: 60000,
};
