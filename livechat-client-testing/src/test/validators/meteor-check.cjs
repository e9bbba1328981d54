'use strict';
// Meteor's check(value, pattern), for the pattern kinds the visitor routes use: String, Boolean,
// Match.Maybe(p), [p], plain objects and Match.ObjectIncluding. Written after meteor/meteor
// packages/check/match.js (testSubtree, _prependPath), with its messages:
//  - a type:        "Expected string, got number" (null is named "null", arrays are "object")
//  - an array:      "Expected array, got <EJSON of the value>"
//  - an object:     "Expected object, got <typeof>", "Expected object, got null", "Expected plain object"
//  - its keys, in the value's own order: the first wrong one ("... in field visitor.token") or
//    "Unknown key" (path: the key); then "Missing key '<first required key not seen>'"
//  - Match.Maybe(p) alone accepts undefined and null; as an object's key it makes the key optional,
//    but a present value is tested against p itself, so null there fails ("Expected string, got null").
// check() throws Match.Error: "Match error: <message>" plus " in field <path>" when there is a path.

const STRING = { kind: 'type', type: 'string' };
const BOOLEAN = { kind: 'type', type: 'boolean' };
const maybe = (pattern) => ({ kind: 'maybe', pattern });
const arrayOf = (pattern) => ({ kind: 'array', pattern });
const object = (keys) => ({ kind: 'object', keys, othersAllowed: false });
const objectIncluding = (keys) => ({ kind: 'object', keys, othersAllowed: true });

const JS_KEYWORDS = new Set(['do', 'if', 'in', 'for', 'let', 'new', 'try', 'var', 'case', 'else', 'enum',
  'eval', 'false', 'null', 'this', 'true', 'void', 'with', 'break', 'catch', 'class', 'const', 'super',
  'throw', 'while', 'yield', 'delete', 'export', 'import', 'public', 'return', 'static', 'switch',
  'typeof', 'default', 'extends', 'finally', 'package', 'private', 'continue', 'debugger', 'function',
  'arguments', 'interface', 'protected', 'implements', 'instanceof']);

function prependPath(key, base) {
  let name;
  if (typeof key === 'number' || /^[0-9]+$/.test(key)) {
    name = `[${key}]`;
  } else if (!/^[a-z_$][0-9a-z_$]*$/i.test(key) || JS_KEYWORDS.has(key)) {
    name = JSON.stringify([key]);
  } else {
    name = key;
  }
  return base && base[0] !== '[' ? `${name}.${base}` : name + base;
}

function typeName(value) {
  return value === null ? 'null' : typeof value;
}

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The first failure of `value` against `pattern` ({message, path}), or null. */
function test(value, pattern) {
  switch (pattern.kind) {
    case 'type':
      return typeof value === pattern.type ? null : { message: `Expected ${pattern.type}, got ${typeName(value)}`, path: '' };
    case 'maybe':
      return value === undefined || value === null ? null : test(value, pattern.pattern);
    case 'array': {
      if (!Array.isArray(value)) {
        return { message: `Expected array, got ${value === null ? 'null' : JSON.stringify(value)}`, path: '' };
      }
      for (let i = 0; i < value.length; i++) {
        const failure = test(value[i], pattern.pattern);
        if (failure) {
          return { message: failure.message, path: prependPath(i, failure.path) };
        }
      }
      return null;
    }
    case 'object': {
      if (typeof value !== 'object') {
        return { message: `Expected object, got ${typeof value}`, path: '' };
      }
      if (value === null) {
        return { message: 'Expected object, got null', path: '' };
      }
      if (!isPlainObject(value)) {
        return { message: 'Expected plain object', path: '' };
      }
      const required = new Set(Object.keys(pattern.keys).filter((key) => pattern.keys[key].kind !== 'maybe'));
      for (const key of Object.keys(value)) {
        const sub = pattern.keys[key];
        if (sub === undefined) {
          if (!pattern.othersAllowed) {
            return { message: 'Unknown key', path: key };
          }
          continue;
        }
        const failure = test(value[key], sub.kind === 'maybe' ? sub.pattern : sub);
        if (failure) {
          return { message: failure.message, path: prependPath(key, failure.path) };
        }
        required.delete(key);
      }
      const [missing] = required;
      return missing === undefined ? null : { message: `Missing key '${missing}'`, path: '' };
    }
    default:
      throw new Error(`unknown pattern kind ${pattern.kind}`);
  }
}

/** What check(value, pattern) throws, as its message; null if the value matches. */
function check(value, pattern) {
  const failure = test(value, pattern);
  return failure ? `Match error: ${failure.message}${failure.path ? ` in field ${failure.path}` : ''}` : null;
}

module.exports = { STRING, BOOLEAN, maybe, arrayOf, object, objectIncluding, check };
