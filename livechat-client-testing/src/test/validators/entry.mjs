// The one module esbuild bundles (validators.sh): the omnichannel validators of
// @rocket.chat/rest-typings, compiled at load time by the package's own ajv instances
// (dist/v1/Ajv.js: `ajv` with coerceTypes true for bodies, `ajvQuery` with coerceTypes 'array'
// for queries).
export * from '@rocket.chat/rest-typings/dist/v1/omnichannel.js';
