'use strict';
// The Rocket.Chat server's request validation of every visitor route and of the agent routes a
// scripted agent uses, as a loopback HTTP service
// (validators.sh starts it; the validators Maven profile uses it).
//
//   node service.cjs <validators bundle> <properties file>
//
// Listens on 127.0.0.1 (a free port), then writes `validators.url=http://127.0.0.1:<port>` to the
// properties file. Requests:
//   POST /validate {method, path, query, body, headers}
//        -> {route, validator, style, valid, status, refusal}
//        route: "POST livechat/message"; validator: the rest-typings function or the rule applied;
//        style: how the server applies it; refusal: the exact JSON body the server answers when
//        invalid (status 400, or 403 for the upload's token header), else null.
//   GET /report -> {"<route>": {"checked": n, "refused": m}, ...}, every route listed
//
// How the server applies each kind (Rocket.Chat sources, apps/meteor/...):
//  - "legacy": API.v1.addRoute(path, {validateParams}) (app/api/server/ApiClass.ts, addRoute's
//    _internalRouteActionHandler): validatorFunc(method === 'GET' ? this.queryParams : this.bodyParams),
//    so a GET validates the query only and any other method the body only; a refusal is
//    throw new Meteor.Error('invalid-params', errors.map(e => e.message).join('\n ')), answered by
//    API.v1.failure(e.message, e.error): {"success":false,"error":"<message> [invalid-params]","errorType":"invalid-params"}.
//  - "typed-body": API.v1.post(path, {body: validator}) (packages/http-router Router.method):
//    {"success":false,"errorType":"invalid-params","error":"<message>"}.
//  - "check": Meteor's check() in the route's handler (see ROUTES); Match.Error has no `error`
//    field, so API.v1.failure(e.message) answers {"success":false,"error":"Match error: ..."}.
//  - "header": livechat/upload/:rid reads the x-visitor-token header (no AJV, no check()); without
//    it the route answers API.v1.forbidden(): 403 {"success":false,"error":"unauthorized"}.
// Which validator compiled with which ajv instance (coerceTypes true for bodies, 'array' for the
// GET queries) is the package's own choice: dist/v1/omnichannel.js and dist/v1/Ajv.js.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const M = require('./meteor-check.cjs');

const [bundlePath, propertiesPath] = process.argv.slice(2);
if (!bundlePath || !propertiesPath) {
  console.error('usage: node service.cjs <validators bundle> <properties file>');
  process.exit(2);
}
const V = require(path.resolve(bundlePath));

// The check() patterns of the routes that validate that way.
const ROOM_QUERY = M.object({ token: M.STRING, rid: M.maybe(M.STRING), agentId: M.maybe(M.STRING) });
const VISITOR_BODY = M.object({
  visitor: M.objectIncluding({
    token: M.STRING,
    name: M.maybe(M.STRING),
    email: M.maybe(M.STRING),
    department: M.maybe(M.STRING),
    phone: M.maybe(M.STRING),
    username: M.maybe(M.STRING),
    customFields: M.maybe(M.arrayOf(M.objectIncluding({ key: M.STRING, value: M.STRING, overwrite: M.BOOLEAN }))),
  }),
});
const VISITOR_STATUS_BODY = M.object({ token: M.STRING, status: M.STRING });
const URL_TOKEN = M.object({ token: M.STRING });

const HANDLERS = 'server/api/v1/omnichannel';
const LIVECHAT = 'apps/meteor/app/livechat';
const legacy = (name, source) => ({ style: 'legacy', validator: name, fn: V[name], source });
const typedBody = (name, source) => ({ style: 'typed-body', validator: name, fn: V[name], source });
const checked = (matchPattern, on, rule, source) => ({ style: 'check', validator: rule, matchPattern, on, source });

// Every visitor route, then the agent routes: method, path pattern, and how the server validates it.
const ROUTES = [
  ['POST', 'livechat/message', legacy('isPOSTLivechatMessageParams', `${HANDLERS}/message.ts`)],
  ['GET', 'livechat/message/:_id', legacy('isGETLivechatMessageIdParams', `${HANDLERS}/message.ts`)],
  ['PUT', 'livechat/message/:_id', legacy('isPUTLivechatMessageIdParams', `${HANDLERS}/message.ts`)],
  ['DELETE', 'livechat/message/:_id', legacy('isDELETELivechatMessageIdParams', `${HANDLERS}/message.ts`)],
  ['GET', 'livechat/messages.history/:rid', legacy('isGETLivechatMessagesHistoryRidParams', `${HANDLERS}/message.ts`)],
  ['GET', 'livechat/config', legacy('isGETLivechatConfigParams', `${HANDLERS}/config.ts`)],
  ['POST', 'livechat/custom.field', legacy('isPOSTLivechatCustomFieldParams', `${HANDLERS}/customField.ts`)],
  ['POST', 'livechat/custom.fields', legacy('isPOSTLivechatCustomFieldsParams', `${HANDLERS}/customField.ts`)],
  ['POST', 'livechat/room.close', legacy('isPOSTLivechatRoomCloseParams', `${HANDLERS}/room.ts`)],
  ['POST', 'livechat/room.survey', legacy('isPOSTLivechatRoomSurveyParams', `${HANDLERS}/room.ts`)],
  ['GET', 'livechat/agent.next/:token', legacy('isGETAgentNextToken', `${HANDLERS}/agent.ts`)],
  ['POST', 'livechat/visitor/department.transfer',
    typedBody('isPOSTLivechatVisitorDepartmentTransferParams', `${HANDLERS}/room.ts`)],
  ['POST', 'livechat/offline.message', typedBody('isPOSTLivechatOfflineMessageParams', `${HANDLERS}/offlineMessage.ts`)],
  ['POST', 'livechat/page.visited', typedBody('isPOSTLivechatPageVisitedParams', `${HANDLERS}/pageVisited.ts`)],
  ['POST', 'livechat/transcript', typedBody('isPOSTLivechatTranscriptParams', `${HANDLERS}/transcript.ts`)],
  ['GET', 'livechat/room', checked(ROOM_QUERY, 'query',
    'check(queryParams, {token: String, rid: Match.Maybe(String), agentId: Match.Maybe(String)})', `${HANDLERS}/room.ts`)],
  ['POST', 'livechat/visitor', checked(VISITOR_BODY, 'body',
    'check(bodyParams, {visitor: Match.ObjectIncluding({token: String, name|email|department|phone|username: '
      + 'Match.Maybe(String), customFields: Match.Maybe([Match.ObjectIncluding({key: String, value: String, '
      + 'overwrite: Boolean})])})})', `${HANDLERS}/visitor.ts`)],
  ['GET', 'livechat/visitor/:token', checked(URL_TOKEN, 'url', 'check(urlParams, {token: String})', `${HANDLERS}/visitor.ts`)],
  ['DELETE', 'livechat/visitor/:token', checked(URL_TOKEN, 'url', 'check(urlParams, {token: String})', `${HANDLERS}/visitor.ts`)],
  ['POST', 'livechat/visitor.status', checked(VISITOR_STATUS_BODY, 'body',
    'check(bodyParams, {token: String, status: String})', `${HANDLERS}/visitor.ts`)],
  ['GET', 'livechat/agent.info/:rid/:token', { style: 'none', validator: 'none (path parameters only)', source: `${HANDLERS}/agent.ts` }],
  ['POST', 'livechat/upload/:rid', { style: 'header', validator: 'x-visitor-token header present', source: `${HANDLERS}/upload.ts` }],
  // The agent's routes (LivechatAgent), all `API.v1.addRoute(path, {authRequired, validateParams})`;
  // authentication is not judged here (the IT sends an agent's X-User-Id and X-Auth-Token).
  ['POST', 'livechat/agent.status', legacy('isPOSTLivechatAgentStatusProps', `${LIVECHAT}/server/api/v1/agent.ts`)],
  ['GET', 'livechat/inquiries.queuedForUser',
    legacy('isGETLivechatInquiriesQueuedForUserParams', `${LIVECHAT}/imports/server/rest/inquiries.ts`)],
  ['POST', 'livechat/inquiries.take', legacy('isPOSTLivechatInquiriesTakeParams', `${LIVECHAT}/imports/server/rest/inquiries.ts`)],
  ['GET', 'livechat/rooms', legacy('isGETLivechatRoomsParams', `${LIVECHAT}/imports/server/rest/rooms.ts`)],
  ['POST', 'livechat/room.forward', legacy('isLiveChatRoomForwardProps', `${LIVECHAT}/server/api/v1/room.ts`)],
  ['POST', 'livechat/room.closeByUser', legacy('isPOSTLivechatRoomCloseByUserParams', `${LIVECHAT}/server/api/v1/room.ts`)],
  ['POST', 'chat.sendMessage', legacy('isChatSendMessageProps', 'apps/meteor/app/api/server/v1/chat.ts')],
  ['POST', 'chat.update', legacy('isChatUpdateProps', 'apps/meteor/app/api/server/v1/chat.ts')],
].map(([method, pattern, how]) => ({ method, pattern, name: `${method} ${pattern}`, ...how }));

for (const route of ROUTES) {
  if (route.fn === undefined && (route.style === 'legacy' || route.style === 'typed-body')) {
    throw new Error(`the bundle has no ${route.validator}`);
  }
}

const counts = Object.fromEntries(ROUTES.map((route) => [route.name, { checked: 0, refused: 0 }]));

/** The route of `method /api/v1/<path>` and its path parameters, or null. */
function findRoute(method, requestPath) {
  const segments = requestPath.replace(/^\/api\/v1\//, '').split('/');
  for (const route of ROUTES) {
    const pattern = route.pattern.split('/');
    if (route.method !== method || pattern.length !== segments.length) {
      continue;
    }
    const params = {};
    const matches = pattern.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(segments[i]);
        return segments[i] !== '';
      }
      return part === segments[i];
    });
    if (matches) {
      return { route, params };
    }
  }
  return null;
}

// The server reads a query as `qs` does: `agents[]=a` is the list `agents` (the agent's
// GET livechat/rooms?agents[]=<id>); other names are kept as they are.
function qsNames(query) {
  const named = {};
  for (const [name, value] of Object.entries(query)) {
    if (name.endsWith('[]')) {
      named[name.slice(0, -2)] = Array.isArray(value) ? value : [value];
    } else {
      named[name] = value;
    }
  }
  return named;
}

function verdict(route, params, request) {
  const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  switch (route.style) {
    case 'legacy': {
      const data = route.method === 'GET' ? qsNames(copy(request.query || {})) : copy(request.body ?? {});
      if (route.fn(data)) {
        return null;
      }
      const message = route.fn.errors.map((error) => error.message).join('\n ');
      return { status: 400, body: { success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' } };
    }
    case 'typed-body': {
      if (route.fn(copy(request.body ?? {}))) {
        return null;
      }
      const message = route.fn.errors.map((error) => error.message).join('\n');
      return { status: 400, body: { success: false, errorType: 'invalid-params', error: message } };
    }
    case 'check': {
      const value = route.on === 'query' ? request.query || {} : route.on === 'url' ? params : request.body ?? {};
      const message = M.check(value, route.matchPattern);
      return message === null ? null : { status: 400, body: { success: false, error: message } };
    }
    case 'header': {
      const headers = request.headers || {};
      const token = Object.keys(headers).find((name) => name.toLowerCase() === 'x-visitor-token');
      return token && headers[token] ? null : { status: 403, body: { success: false, error: 'unauthorized' } };
    }
    default:
      return null;
  }
}

function validate(request) {
  const found = findRoute(String(request.method || '').toUpperCase(), String(request.path || ''));
  if (found === null) {
    return { route: null, validator: null, style: null, valid: false, status: 404,
      refusal: { success: false, error: `no visitor route for ${request.method} ${request.path}` } };
  }
  const { route, params } = found;
  const refusal = verdict(route, params, request);
  counts[route.name].checked += 1;
  if (refusal) {
    counts[route.name].refused += 1;
  }
  return { route: route.name, validator: route.validator, style: route.style, source: route.source,
    valid: refusal === null, status: refusal ? refusal.status : 200, refusal: refusal ? refusal.body : null };
}

function answer(res, status, json) {
  const text = JSON.stringify(json);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/report') {
    answer(res, 200, counts);
    return;
  }
  if (req.method !== 'POST' || req.url !== '/validate') {
    answer(res, 404, { error: 'POST /validate or GET /report' });
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      answer(res, 200, validate(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    } catch (e) {
      answer(res, 400, { error: String(e && e.stack || e) });
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  const temporary = `${propertiesPath}.tmp`;
  fs.writeFileSync(temporary, `validators.url=${url}\n`);
  fs.renameSync(temporary, propertiesPath);
  console.log(`service.cjs: ${ROUTES.length} visitor routes, listening on ${url}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
