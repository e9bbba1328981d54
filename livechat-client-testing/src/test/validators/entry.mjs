// The one module esbuild bundles (validators.sh): the omnichannel validators of
// @rocket.chat/rest-typings, and the two chat validators of the agent's message routes
// (chat.sendMessage, chat.update), compiled at load time by the package's own ajv instances
// (dist/v1/Ajv.js: `ajv` with coerceTypes true for bodies, `ajvQuery` with coerceTypes 'array'
// for queries).
export * from '@rocket.chat/rest-typings/dist/v1/omnichannel.js';
export { isChatSendMessageProps, isChatUpdateProps } from '@rocket.chat/rest-typings/dist/v1/chat.js';
