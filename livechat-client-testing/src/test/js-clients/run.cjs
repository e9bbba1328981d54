// The official JavaScript clients against FakeLivechatServer: a whole visitor conversation, realtime
// included, with each client as published on npm. Run by js-clients.sh (the js-clients Maven
// profile of livechat-client-testing), which installs the clients into target/js-clients and copies
// this file there.
//
//   node run.cjs <java> <classpath> <work dir>
//
// It starts FakeServerLauncher (test sources) with <java>, plays the agent through it, and runs the
// same conversation with each client. Every HTTP request and every DDP frame the clients exchange is
// recorded (<work dir>/run.log). A step passes when the client did what it was asked and the fake
// accepted every request of the step; a refusal, an error or an event that never arrives fails it,
// unless KNOWN_CLIENT_PROBLEMS explains it: the client itself is outdated or wrong against today's
// server, and the entry says why and where the server's source shows it. An entry whose problem is
// no longer seen fails its step too, so the table never outlives the problem. KNOWN_FAKE_BUGS lists
// what the fake refuses although the real server accepts it; those steps are shown as FAKE BUG and
// fail the run until the fake is fixed.
//
// Exit code 0 when every step passed or met its known client problem, 1 otherwise.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const crypto = require('crypto');

const [java, classpath, work] = process.argv.slice(2);
if (!java || !classpath || !work) {
  console.error('usage: node run.cjs <java> <classpath> <work dir>');
  process.exit(2);
}
const RUN_TIMEOUT_MS = Number(process.env.JS_CLIENTS_RUN_TIMEOUT_MS || 240000);
const EVENT_WAIT_MS = 5000; // for an event to arrive over realtime, or a DDP answer
const STEP_TIMEOUT_MS = 20000;
const LAUNCHER_START_MS = 60000;
const LAUNCHER = 'dev.livechat.client.testing.jsclients.FakeServerLauncher';
const DEPARTMENT = 'sales-department'; // FakeServerLauncher.DEPARTMENT_ID
const RC = 'RocketChat/Rocket.Chat';

// ---- what the clients get wrong against today's server ----

// One entry per (client, step). `observed` gets the step's record ({ error, refusals, exchanges,
// frames }) and must recognise this very problem, nothing else.
const KNOWN_CLIENT_PROBLEMS = [
  {
    client: 'ddp-client',
    step: 'subscribe queue position',
    problem: 'onQueuePositionChange(rid) subscribes stream-livechat-room with the bare rid, without'
      + ' the {token, visitorToken} its other subscriptions carry; the server reads visitors'
      + ' livechat-room events only with extraData.visitorToken, so it refuses (nosub not-allowed).',
    source: `${RC} packages/ddp-client/src/livechat/LivechatClientImpl.ts (onQueuePositionChange);`
      + ` apps/meteor/server/modules/notifications/notifications.module.ts (streamLivechatRoom.allowRead)`,
    observed: (r) => onlyRefusals(r, (x) => x.kind === 'nosub' && x.stream === 'stream-livechat-room'
      && x.error === 'not-allowed'),
  },
  {
    client: 'ddp-client',
    step: 'delete own message',
    problem: 'deleteMessage(id, {rid}) hands {rid, token} to RestClient.delete, which drops its params'
      + ' and sends DELETE without a body; the server reads token and rid from the JSON body and'
      + ' refuses: 400 "must have required property \'token\' [invalid-params]".',
    source: `${RC} packages/api-client/src/index.ts (delete(endpoint, _params));`
      + ' apps/meteor/server/api/v1/omnichannel/message.ts (DELETE livechat/message/:_id, bodyParams,'
      + ' isDELETELivechatMessageIdParams)',
    observed: (r) => onlyRefusals(r, (x) => x.kind === 'http' && x.method === 'DELETE'
      && /^\/api\/v1\/livechat\/message\//.test(x.path) && x.status === 400
      && errorType(x) === 'invalid-params' && !x.requestBody),
  },
  {
    client: 'ddp-client',
    step: 'call declined signal',
    problem: 'notifyCallDeclined(rid) emits stream-notify-room "<rid>/call" without the visitor token;'
      + ' the server lets visitors write only "<rid>/user-activity" and drops anything else with an'
      + ' empty result, so the agent never hears of it.',
    source: `${RC} apps/meteor/server/modules/notifications/notifications.module.ts (streamRoom.allowWrite)`,
    observed: (r) => r.error && r.error.code === 'dropped' && r.refusals.length === 0
      && emitted(r, /\/call$/),
  },
  {
    client: 'sdk',
    step: 'agent typing arrives over realtime',
    problem: 'subscribeRoom subscribes stream-notify-room "<rid>/typing", the old key; today\'s server'
      + ' emits typing only on "<rid>/user-activity" (the compatibility emit on "<rid>/typing" is gone),'
      + ' so the agent\'s typing never reaches onTyping.',
    source: `${RC} apps/meteor/server/modules/notifications/notifications.module.ts (streamRoom.allowWrite`
      + ' has no "<rid>/typing" emit any more); the client: RocketChat/Rocket.Chat.js.SDK'
      + ' src/lib/drivers/ddp.ts (subscribeRoom; lib/drivers/ddp.js in the npm package)',
    observed: (r) => r.error && r.error.code === 'not-observed' && r.refusals.length === 0
      && subscribedTo(r, /\/typing$/) && !subscribedTo(r, /\/user-activity$/),
  },
  {
    client: 'sdk',
    step: 'visitor typing reaches the agent',
    problem: 'notifyVisitorTyping emits stream-notify-room "<rid>/typing" with a boolean; the server lets'
      + ' visitors write only "<rid>/user-activity" (with ["user-typing"] or []) and drops the rest with'
      + ' an empty result, so the agent never sees the visitor typing.',
    source: `${RC} apps/meteor/server/modules/notifications/notifications.module.ts (streamRoom.allowWrite)`,
    observed: (r) => r.error && r.error.code === 'dropped' && r.refusals.length === 0
      && emitted(r, /\/typing$/) && !emitted(r, /\/user-activity$/),
  },
  {
    client: 'sdk',
    step: 'call status',
    problem: 'updateCallStatus posts livechat/visitor.callStatus, a route today\'s server no longer has'
      + ' (it was in 7.x app/livechat/server/api/v1/visitor.ts): 404.',
    source: `${RC} apps/meteor/server/api/v1/omnichannel/visitor.ts (no visitor.callStatus route)`,
    observed: (r) => onlyRefusals(r, (x) => x.kind === 'http' && x.method === 'POST'
      && x.path === '/api/v1/livechat/visitor.callStatus' && x.status === 404),
  },
  {
    client: 'sdk',
    step: 'call declined signal',
    problem: 'notifyCallDeclined emits stream-notify-room "<rid>/webrtc"; the server lets visitors write'
      + ' only "<rid>/user-activity" and drops the rest with an empty result.',
    source: `${RC} apps/meteor/server/modules/notifications/notifications.module.ts (streamRoom.allowWrite)`,
    observed: (r) => r.error && r.error.code === 'dropped' && r.refusals.length === 0
      && emitted(r, /\/webrtc$/),
  },
  {
    client: 'sdk',
    step: 'transfer to a department',
    problem: 'transferChat posts livechat/room.transfer, deprecated in 7.0 and removed since; the route is'
      + ' livechat/visitor/department.transfer: 404.',
    source: `${RC} apps/meteor/server/api/v1/omnichannel/room.ts (only livechat/visitor/department.transfer;`
      + ' 7.x app/livechat/server/api/v1/room.ts had room.transfer with deprecation 7.0.0)',
    observed: (r) => onlyRefusals(r, (x) => x.kind === 'http' && x.method === 'POST'
      && x.path === '/api/v1/livechat/room.transfer' && x.status === 404),
  },
];

// What the fake refuses although today's server accepts it, in the shape of KNOWN_CLIENT_PROBLEMS:
// the step shows as FAKE BUG and fails the run until the fake is fixed and the entry removed. Empty:
// the one this run found (livechat:setUpConnection answered "not found") is fixed in DdpPeer.
const KNOWN_FAKE_BUGS = [];

function onlyRefusals(record, matches) {
  return record.refusals.length > 0 && record.refusals.every(matches);
}

/** Whether the client subscribed (in any step) to a stream-notify-room event matching `pattern`. */
function subscribedTo(record, pattern) {
  return record.allFrames.some((f) => f.dir === 'out' && f.frame.msg === 'sub'
    && f.frame.name === 'stream-notify-room' && pattern.test(String(f.frame.params && f.frame.params[0])));
}

/** Whether the client called stream-notify-room in the step with an event matching `pattern`. */
function emitted(record, pattern) {
  return record.frames.some((f) => f.dir === 'out' && f.frame.msg === 'method'
    && f.frame.method === 'stream-notify-room' && pattern.test(String(f.frame.params && f.frame.params[0])));
}

function errorType(exchange) {
  try {
    const body = JSON.parse(exchange.responseBody);
    return body.errorType || (/\[([\w-]+)\]$/.exec(body.error || '') || [])[1];
  } catch (e) {
    return undefined;
  }
}

// ---- recording ----

const logFile = fs.openSync(path.join(work, 'run.log'), 'w');
function log(line) {
  fs.writeSync(logFile, `${new Date().toISOString()} ${line}\n`);
}

let current = null; // { client, name } of the step running
const exchanges = []; // HTTP
const frames = []; // DDP

const realFetch = globalThis.fetch;
globalThis.fetch = async function tappedFetch(input, init = {}) {
  const url = new URL(typeof input === 'string' ? input : input.url);
  const exchange = {
    kind: 'http',
    client: current && current.client,
    step: current && current.name,
    method: String(init.method || (input && input.method) || 'GET').toUpperCase(),
    path: url.pathname,
    query: url.search,
    requestBody: typeof init.body === 'string' ? init.body
      : init.body ? `<${init.body.constructor && init.body.constructor.name}>` : undefined,
  };
  exchanges.push(exchange);
  try {
    const response = await realFetch(input, init);
    exchange.status = response.status;
    exchange.responseBody = await response.clone().text();
    log(`${exchange.client} ${exchange.method} ${exchange.path}${exchange.query} ${exchange.requestBody || ''}`
      + ` -> ${exchange.status} ${exchange.responseBody.slice(0, 2000)}`);
    return response;
  } catch (e) {
    exchange.status = 0;
    exchange.responseBody = String(e);
    log(`${exchange.client} ${exchange.method} ${exchange.path} -> ${e}`);
    throw e;
  }
};

function recordFrame(client, dir, raw) {
  let frame;
  try {
    frame = JSON.parse(raw);
  } catch (e) {
    frame = { unparsed: raw };
  }
  frames.push({ client, dir, frame, step: current && current.name });
  log(`${client} ${dir === 'out' ? 'ws>>' : 'ws<<'} ${raw}`);
}

// @rocket.chat/ddp-client opens the WebSocket global: a browser's, or Node 22's (Node 20 has it with
// --experimental-websocket, which js-clients.sh passes). Older Node gets the ws package instead.
const WEBSOCKET = typeof globalThis.WebSocket === 'function' ? 'Node\'s WebSocket' : 'the ws package\'s WebSocket';
const NativeWebSocket = typeof globalThis.WebSocket === 'function' ? globalThis.WebSocket : require('ws');
globalThis.WebSocket = class TappedWebSocket extends NativeWebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    this.addEventListener('message', (event) => recordFrame('ddp-client', 'in', String(event.data)));
  }

  send(data) {
    recordFrame('ddp-client', 'out', String(data));
    super.send(data);
  }
};

// @rocket.chat/sdk opens its WebSocket through universal-websocket-client, which is the ws package on
// Node: tap it before the SDK is loaded.
(function tapSdkWebSocket() {
  const sdkDir = path.dirname(require.resolve('@rocket.chat/sdk/package.json'));
  const uwc = require.resolve('universal-websocket-client', { paths: [sdkDir] });
  const Ws = require(require.resolve('ws', { paths: [path.dirname(uwc)] }));
  require(uwc);
  require.cache[uwc].exports = class TappedWs extends Ws {
    constructor(address, ...rest) {
      super(address, ...rest);
      this.on('message', (data) => recordFrame('sdk', 'in', data.toString()));
    }

    send(data, ...rest) {
      recordFrame('sdk', 'out', String(data));
      return super.send(data, ...rest);
    }
  };
})();

// ---- the fake, in its own JVM ----

class Launcher {
  constructor() {
    this.lines = [];
    this.waiting = null;
  }

  async start() {
    this.process = spawn(java, ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', classpath,
      LAUNCHER], { stdio: ['pipe', 'pipe', 'pipe'] });
    fs.writeFileSync(path.join(work, 'launcher.pid'), String(this.process.pid));
    const errors = fs.createWriteStream(path.join(work, 'launcher.err'));
    this.process.stderr.pipe(errors);
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    readline.createInterface({ input: this.process.stdout }).on('line', (line) => {
      log(`fake << ${line}`);
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = null;
        resolve(line);
      } else {
        this.lines.push(line);
      }
    });
    const first = await this.nextLine(LAUNCHER_START_MS, 'the fake server to start');
    const match = /^listening (\S+)/.exec(first);
    if (!match) {
      throw new Error(`unexpected first line from the launcher: ${first}`);
    }
    const url = new URL(match[1]);
    url.hostname = '127.0.0.1'; // it binds the IPv4 loopback; "localhost" may resolve to ::1 first
    this.base = url.origin;
    return this.base;
  }

  nextLine(ms, what) {
    if (this.lines.length) {
      return Promise.resolve(this.lines.shift());
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.waiting = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
      this.exited.then(({ code, signal }) => {
        if (this.waiting) {
          clearTimeout(timer);
          this.waiting = null;
          reject(new Error(`the launcher exited (${code ?? signal}) while waiting for ${what}`));
        }
      });
    });
  }

  /** Sends one command; resolves with the JSON after "ok", or rejects with the "error" text. */
  async command(line) {
    this.chain = (this.chain || Promise.resolve()).catch(() => {}).then(async () => {
      log(`fake >> ${line}`);
      this.process.stdin.write(`${line}\n`);
      const answer = await this.nextLine(10000, `the answer to "${line}"`);
      if (answer === 'ok') {
        return null;
      }
      if (answer.startsWith('ok ')) {
        return JSON.parse(answer.slice(3));
      }
      throw new Error(`the fake's launcher refused "${line}": ${answer}`);
    });
    return this.chain;
  }

  /** quit, then SIGTERM, then SIGKILL, each with a bounded wait. */
  async stop() {
    if (!this.process || this.process.exitCode !== null || this.process.signalCode !== null) {
      return;
    }
    const gone = (ms) => Promise.race([this.exited.then(() => true), sleep(ms).then(() => false)]);
    try {
      this.process.stdin.end('quit\n');
    } catch (e) {
      // already closed
    }
    if (await gone(5000)) {
      return;
    }
    this.process.kill('SIGTERM');
    if (await gone(3000)) {
      return;
    }
    this.process.kill('SIGKILL');
    await gone(2000);
  }
}

// ---- steps ----

class Expectation extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(predicate, what, ms = EVENT_WAIT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = predicate();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Expectation('not-observed', `${what}: not seen within ${ms} ms`);
    }
    await sleep(20);
  }
}

function check(condition, message) {
  if (!condition) {
    throw new Expectation('wrong-answer', message);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Expectation('hung', `${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function describe(error) {
  if (!error) {
    return '';
  }
  if (typeof Response !== 'undefined' && error instanceof Response) {
    return `rejected with HTTP ${error.status}`;
  }
  if (error instanceof Error) {
    return error.message;
  }
  if (error && typeof error === 'object' && 'status' in error && 'data' in error) {
    return `rejected with HTTP ${error.status} ${JSON.stringify(error.data)}`;
  }
  return `rejected with ${JSON.stringify(error)}`;
}

/** The DDP answers to what the client sent during the step: subscriptions and method calls. */
async function settleDdp(client, sent) {
  const pending = () => sent.filter(({ frame }) => {
    const answered = frames.some((f) => f.client === client && f.dir === 'in' && (
      frame.msg === 'sub'
        ? (f.frame.msg === 'ready' && (f.frame.subs || []).includes(frame.id))
          || (f.frame.msg === 'nosub' && f.frame.id === frame.id)
        : f.frame.msg === 'result' && f.frame.id === frame.id));
    return !answered;
  });
  const deadline = Date.now() + EVENT_WAIT_MS;
  while (pending().length && Date.now() < deadline) {
    await sleep(20);
  }
  return pending();
}

function ddpRefusals(client, sent, unanswered) {
  const refusals = [];
  for (const { frame } of sent) {
    if (frame.msg === 'sub') {
      const nosub = frames.find((f) => f.client === client && f.dir === 'in' && f.frame.msg === 'nosub'
        && f.frame.id === frame.id);
      if (nosub && nosub.frame.error) {
        refusals.push({ kind: 'nosub', stream: frame.name, eventName: frame.params && frame.params[0],
          error: nosub.frame.error.error, text: JSON.stringify(nosub.frame.error) });
      }
    } else {
      const result = frames.find((f) => f.client === client && f.dir === 'in' && f.frame.msg === 'result'
        && f.frame.id === frame.id);
      if (result && result.frame.error) {
        refusals.push({ kind: 'method', method: frame.method, eventName: frame.params && frame.params[0],
          error: result.frame.error.error, text: JSON.stringify(result.frame.error) });
      }
    }
  }
  for (const { frame } of unanswered) {
    refusals.push({ kind: 'unanswered', text: `no answer to ${JSON.stringify(frame).slice(0, 200)}` });
  }
  return refusals;
}

class Conversation {
  constructor(client) {
    this.client = client;
    this.results = [];
  }

  result(name) {
    return this.results.find((r) => r.name === name);
  }

  async step(name, body, { needs = [] } = {}) {
    // A step the fake wrongly refused is reported as such; what follows it still runs.
    const missing = needs.filter((n) => !this.result(n) || !['passed', 'FAKE BUG'].includes(this.result(n).verdict));
    if (missing.length) {
      this.results.push({ name, verdict: 'skipped', detail: `needs: ${missing.join(', ')}` });
      return;
    }
    const client = this.client.name;
    current = { client, name };
    log(`---- ${client}: ${name}`);
    const firstExchange = exchanges.length;
    const firstFrame = frames.length;
    let error = null;
    let note = '';
    try {
      const returned = await withTimeout(Promise.resolve().then(body), STEP_TIMEOUT_MS, name);
      note = typeof returned === 'string' ? returned : '';
    } catch (e) {
      error = e;
    }
    const sent = frames.slice(firstFrame).filter((f) => f.client === client && f.dir === 'out'
      && (f.frame.msg === 'sub' || f.frame.msg === 'method'));
    const unanswered = await settleDdp(client, sent);
    current = null;
    const stepExchanges = exchanges.slice(firstExchange).filter((x) => x.client === client);
    const refusals = [
      ...stepExchanges.filter((x) => !(x.status >= 200 && x.status < 300)),
      ...ddpRefusals(client, sent, unanswered),
    ];
    const record = { error, refusals, exchanges: stepExchanges,
      frames: frames.slice(firstFrame).filter((f) => f.client === client),
      allFrames: frames.filter((f) => f.client === client) };
    const problem = KNOWN_CLIENT_PROBLEMS.find((k) => k.client === client && k.step === name);
    const bug = KNOWN_FAKE_BUGS.find((k) => k.client === client && k.step === name);
    const known = problem || bug;
    const failed = Boolean(error) || refusals.length > 0;
    const what = [describe(error), ...refusals.map(describeRefusal)].filter(Boolean).join('; ');
    let verdict;
    let detail = note;
    if (!failed && !known) {
      verdict = 'passed';
    } else if (!failed) {
      verdict = 'failed';
      detail = `listed as a known ${problem ? 'client problem' : 'fake bug'}, but it passed: remove its entry`;
    } else if (known && known.observed(record)) {
      verdict = problem ? 'client problem' : 'FAKE BUG';
      detail = `${what}\n${known.problem}\nsource: ${known.source}`;
    } else {
      verdict = 'failed';
      detail = what + (known ? `\n(not the known ${problem ? 'client problem' : 'fake bug'}: ${known.problem})` : '');
    }
    log(`---- ${client}: ${name}: ${verdict} ${detail}`);
    this.results.push({ name, verdict, detail });
  }
}

function describeRefusal(refusal) {
  if (refusal.kind === 'http') {
    return `${refusal.method} ${refusal.path}${refusal.query || ''}`
      + `${refusal.requestBody ? ` ${truncate(refusal.requestBody)}` : ' (no body)'}`
      + ` -> ${refusal.status} ${truncate(refusal.responseBody)}`;
  }
  if (refusal.kind === 'nosub') {
    return `sub ${refusal.stream} "${refusal.eventName}" -> nosub ${refusal.text}`;
  }
  if (refusal.kind === 'method') {
    const event = typeof refusal.eventName === 'string' ? ` "${refusal.eventName}"` : '';
    return `method ${refusal.method}${event} -> error ${refusal.text}`;
  }
  return refusal.text;
}

function truncate(text, n = 300) {
  text = String(text);
  return text.length > n ? `${text.slice(0, n)}...` : text;
}

// ---- the clients, behind one face ----

function newEvents() {
  return { messages: [], typing: [], agents: [], agentStatus: [], visitors: [], queue: [] };
}

function ddpClient(base) {
  const { LivechatClientImpl } = require('@rocket.chat/ddp-client');
  const version = require('@rocket.chat/ddp-client/package.json').version;
  const sdk = LivechatClientImpl.create(base.replace(/^http/, 'ws'));
  const events = newEvents();
  const message = (answer) => answer && answer.message;
  return {
    name: 'ddp-client',
    label: `@rocket.chat/ddp-client@${version} (LivechatClientImpl)`,
    events,
    config: (token) => sdk.config(token ? { token } : {}),
    register: (visitor) => sdk.grantVisitor({ visitor }).then((answer) => answer.visitor),
    visitor: () => sdk.visitor().then((answer) => answer.visitor),
    nextAgent: () => sdk.nextAgent(),
    openRoom: () => sdk.room(),
    connect: () => sdk.connection.connect(),
    subscribeRoom: async (rid) => {
      sdk.onMessage((m) => events.messages.push(m));
      sdk.onUserActivity((username, activities) => events.typing.push({ username,
        typing: activities.includes('user-typing') }));
      await sdk.subscribeRoom(rid);
    },
    subscribeRoomEvents: async (rid) => {
      sdk.onAgentChange(rid, (agent) => events.agents.push(agent));
      sdk.onAgentStatusChange(rid, (status) => events.agentStatus.push(status));
      sdk.onVisitorChange(rid, (visitor) => events.visitors.push(visitor));
    },
    subscribeQueue: async (rid) => {
      sdk.onQueuePositionChange(rid, (data) => events.queue.push(data));
    },
    send: (rid, msg, _id) => sdk.sendMessage({ rid, msg, _id }).then(message),
    edit: (token, rid, id, msg) => sdk.editMessage(id, { token, rid, msg }).then(message),
    getMessage: (rid, id) => sdk.message(id, { rid }).then(message),
    deleteMessage: (rid, id) => sdk.deleteMessage(id, { rid }),
    history: (rid) => sdk.loadMessages(rid, { limit: 50 }),
    typing: (rid, username, on) => sdk.notifyVisitorActivity(rid, username, on ? ['user-typing'] : []),
    agentInfo: (rid) => sdk.agent(rid),
    visitorStatus: (status) => sdk.updateVisitorStatus(status),
    pageVisited: (token, rid, pageInfo) => sdk.sendVisitorNavigation({ token, rid, pageInfo }),
    customField: (token, key, value) => sdk.sendCustomField({ token, key, value, overwrite: true }),
    callStatus: null, // this client has no call-status call
    callDeclined: (rid) => sdk.notifyCallDeclined(rid),
    transfer: (rid, department) => sdk.transferChat({ rid, department }),
    transcript: (rid, email) => sdk.requestTranscript(email, { rid }),
    close: (rid) => sdk.closeChat({ rid }),
    survey: (rid, data) => sdk.chatSurvey({ rid, data }),
    deleteVisitor: () => sdk.deleteVisitor().then((answer) => answer.visitor),
    disconnect: async () => {
      sdk.connection.close();
      sdk.timeoutControl.stop();
    },
  };
}

function legacySdk(base) {
  const LivechatClient = require('@rocket.chat/sdk/lib/clients/Livechat').default;
  const version = require('@rocket.chat/sdk/package.json').version;
  const sdk = new LivechatClient({ host: base, protocol: 'ddp' });
  const events = newEvents();
  const message = (answer) => answer && answer.message;
  return {
    name: 'sdk',
    label: `@rocket.chat/sdk@${version} (lib/clients/Livechat)`,
    events,
    config: (token) => sdk.config(token ? { token } : {}),
    register: (visitor) => sdk.grantVisitor({ visitor }),
    visitor: () => sdk.visitor().then((answer) => answer.visitor),
    nextAgent: () => sdk.nextAgent(),
    openRoom: () => sdk.room(),
    connect: () => sdk.connect({}),
    subscribeRoom: async (rid) => {
      await sdk.onMessage((m) => events.messages.push(m));
      await sdk.onTyping((username, typing) => events.typing.push({ username, typing }));
      await sdk.subscribeRoom(rid);
    },
    subscribeRoomEvents: async (rid) => {
      await sdk.onAgentChange(rid, (agent) => events.agents.push(agent));
      await sdk.onAgentStatusChange(rid, (status) => events.agentStatus.push(status));
      await sdk.onVisitorChange(rid, (visitor) => events.visitors.push(visitor));
    },
    subscribeQueue: (rid) => sdk.onQueuePositionChange(rid, (data) => events.queue.push(data)),
    send: (rid, msg, _id) => sdk.sendMessage({ rid, msg, _id }).then(message),
    edit: (token, rid, id, msg) => sdk.editMessage(id, { token, rid, msg }).then(message),
    getMessage: (rid, id) => sdk.message(id, { rid }),
    deleteMessage: (rid, id) => sdk.deleteMessage(id, { rid }),
    history: (rid) => sdk.loadMessages(rid, { limit: 50 }),
    typing: (rid, username, on) => sdk.notifyVisitorTyping(rid, username, on),
    agentInfo: (rid) => sdk.agent({ rid }),
    visitorStatus: (status) => sdk.updateVisitorStatus(status),
    pageVisited: (token, rid, pageInfo) => sdk.sendVisitorNavigation({ token, rid, pageInfo }),
    customField: (token, key, value) => sdk.sendCustomField({ token, key, value, overwrite: true }),
    callStatus: (rid) => sdk.updateCallStatus('ended', rid, crypto.randomUUID()),
    callDeclined: (rid) => sdk.notifyCallDeclined(rid),
    transfer: (rid, department) => sdk.transferChat({ rid, department }),
    transcript: (rid, email) => sdk.requestTranscript(email, { rid }),
    close: (rid) => sdk.closeChat({ rid }),
    survey: (rid, data) => sdk.chatSurvey({ rid, data }),
    deleteVisitor: () => sdk.deleteVisitor(),
    disconnect: () => sdk.disconnect(),
  };
}

// ---- the conversation ----

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
function randomId(length = 17) {
  let id = '';
  for (const b of crypto.randomBytes(length * 2)) {
    if (b < 220 && id.length < length) {
      id += ALPHABET[b % 55];
    }
  }
  return id;
}

async function converse(client, fake) {
  const c = new Conversation(client);
  const ev = client.events;
  const token = randomId(24);
  const s = {}; // what the steps learn
  const state = () => fake.command(`state ${s.rid}`);
  const hasMessage = (id, test = () => true) => ev.messages.find((m) => m && m._id === id && test(m));

  await c.step('config, no visitor yet', async () => {
    const config = await client.config();
    check(config && config.enabled === true && config.settings, `config without settings: ${truncate(JSON.stringify(config))}`);
  });
  await c.step('register visitor', async () => {
    const visitor = await client.register({ token, name: `Ada (${client.name})`, email: 'ada@example.com' });
    check(visitor && visitor.token === token && visitor.username, `unexpected visitor ${JSON.stringify(visitor)}`);
    s.username = visitor.username;
  });
  await c.step('visitor by token', async () => {
    const visitor = await client.visitor();
    check(visitor && visitor.token === token, `unexpected visitor ${JSON.stringify(visitor)}`);
  }, { needs: ['register visitor'] });
  await c.step('next agent', async () => {
    const answer = await client.nextAgent();
    check(answer !== undefined, 'no answer');
  }, { needs: ['register visitor'] });
  await c.step('open room', async () => {
    // The agent is busy when the room opens, so that the room waits in the queue and the agent
    // takes it later, over realtime (under auto selection, the fake's default as the server's, an
    // available agent would serve the room at once, before any subscription).
    await fake.command('available off');
    const room = await client.openRoom();
    check(room && room._id && room.open === true && room.v && room.v.token === token,
      `unexpected room ${truncate(JSON.stringify(room))}`);
    s.rid = room._id;
  }, { needs: ['register visitor'] });
  await c.step('config with the visitor token', async () => {
    const config = await client.config(token);
    check(config.guest && config.guest.token === token, 'config.guest is not the visitor');
    check(config.room && config.room._id === s.rid, 'config.room is not the open room');
  }, { needs: ['open room'] });
  await c.step('connect realtime', () => client.connect(), { needs: ['register visitor'] });
  await c.step('subscribe room streams', async () => {
    await client.subscribeRoom(s.rid);
    const subs = () => frames.filter((f) => f.client === client.name && f.dir === 'out' && f.frame.msg === 'sub');
    await until(() => subs().length >= 3, 'three subscriptions sent');
    return `subscribed ${subs().map((f) => `${f.frame.name} "${f.frame.params[0]}"`).join(', ')}`;
  }, { needs: ['open room', 'connect realtime'] });
  await c.step('subscribe livechat room events', () => client.subscribeRoomEvents(s.rid),
    { needs: ['open room', 'connect realtime'] });
  await c.step('subscribe queue position', () => client.subscribeQueue(s.rid),
    { needs: ['open room', 'connect realtime'] });

  const realtime = ['subscribe room streams'];
  const roomEvents = ['subscribe livechat room events'];
  await c.step('queue position arrives over realtime', async () => {
    await fake.command(`queue ${s.rid} 2`);
    await until(() => ev.queue.find((q) => q && q.position === 2), 'queueData');
    const own = c.result('subscribe queue position');
    return own.verdict === 'passed' ? '' : 'delivered by the other livechat-room subscriptions of the connection';
  }, { needs: roomEvents });
  await c.step('agent takes the room: agentData arrives', async () => {
    await fake.command(`assign ${s.rid}`);
    await until(() => ev.agents.find((a) => a && a.username === 'agent.smith'), 'agentData');
  }, { needs: roomEvents });
  await c.step('agent status arrives over realtime', async () => {
    await fake.command('status away');
    await until(() => ev.agentStatus.includes('away'), 'agentStatus');
    await fake.command('status online');
  }, { needs: ['agent takes the room: agentData arrives'] });
  await c.step('visitor change arrives over realtime', async () => {
    await fake.command(`rename ${s.rid} Ada Lovelace`);
    await until(() => ev.visitors.find((v) => v && v.name === 'Ada Lovelace'), 'visitorData');
  }, { needs: roomEvents });

  await c.step('send messages', async () => {
    s.first = await client.send(s.rid, 'Hello, my order has not arrived', randomId());
    s.second = await client.send(s.rid, 'It is order 48213');
    check(s.first && s.first._id && s.first.msg === 'Hello, my order has not arrived', `unexpected answer ${JSON.stringify(s.first)}`);
    check(s.second && s.second._id && s.second.msg === 'It is order 48213', `unexpected answer ${JSON.stringify(s.second)}`);
  }, { needs: ['open room'] });
  await c.step('own messages arrive over realtime', async () => {
    await until(() => hasMessage(s.first._id) && hasMessage(s.second._id), 'the visitor\'s messages');
  }, { needs: [...realtime, 'send messages'] });
  await c.step('agent reply arrives over realtime', async () => {
    s.reply = await fake.command(`reply ${s.rid} Sorry to hear that, let me check.`);
    await until(() => hasMessage(s.reply._id, (m) => m.msg === 'Sorry to hear that, let me check.'), 'the agent\'s reply');
  }, { needs: realtime });
  await c.step('agent typing arrives over realtime', async () => {
    await fake.command(`typing ${s.rid} on`);
    await until(() => ev.typing.find((t) => t.username === 'agent.smith' && t.typing === true), 'the agent typing');
    await fake.command(`typing ${s.rid} off`);
    await until(() => ev.typing.find((t) => t.username === 'agent.smith' && t.typing === false), 'the agent stopping');
  }, { needs: realtime });
  await c.step('visitor typing reaches the agent', async () => {
    await client.typing(s.rid, s.username, true);
    await client.typing(s.rid, s.username, false);
    const typing = (await state()).typing.filter((t) => t.username === s.username);
    if (typing.length === 0) {
      throw new Expectation('dropped', 'answered, but the fake recorded no typing signal of the visitor');
    }
    check(typing.length === 2 && typing[0].typing === true && typing[1].typing === false,
      `typing signals recorded: ${JSON.stringify(typing)}`);
  }, { needs: ['connect realtime', 'open room'] });

  await c.step('edit own message', async () => {
    const edited = await client.edit(token, s.rid, s.first._id, 'Hello, my parcel has not arrived');
    check(edited && edited._id === s.first._id && edited.msg === 'Hello, my parcel has not arrived',
      `unexpected answer ${JSON.stringify(edited)}`);
  }, { needs: ['send messages'] });
  await c.step('edit arrives over realtime', async () => {
    await until(() => hasMessage(s.first._id, (m) => m.msg === 'Hello, my parcel has not arrived' && m.editedAt),
      'the edited message');
  }, { needs: [...realtime, 'edit own message'] });
  await c.step('get message', async () => {
    const got = await client.getMessage(s.rid, s.first._id);
    check(got && got._id === s.first._id && got.msg === 'Hello, my parcel has not arrived', `unexpected answer ${JSON.stringify(got)}`);
  }, { needs: ['send messages'] });
  await c.step('delete own message', async () => {
    await client.deleteMessage(s.rid, s.second._id);
    const left = (await state()).messages.map((m) => m._id);
    check(!left.includes(s.second._id), 'the fake still holds the message');
  }, { needs: ['send messages'] });
  await c.step('deletion arrives over realtime', async () => {
    await until(() => frames.find((f) => f.client === client.name && f.dir === 'in' && f.frame.msg === 'changed'
      && f.frame.collection === 'stream-notify-room' && f.frame.fields.eventName === `${s.rid}/deleteMessage`
      && f.frame.fields.args[0] && f.frame.fields.args[0]._id === s.second._id), 'the deletion');
    return 'seen on the wire: neither client has a public callback for deletions';
  }, { needs: [...realtime, 'delete own message'] });
  await c.step('history', async () => {
    const messages = await client.history(s.rid);
    check(Array.isArray(messages), `unexpected answer ${truncate(JSON.stringify(messages))}`);
    const ids = messages.map((m) => m._id);
    check(ids.includes(s.first._id) && ids.includes(s.reply._id), 'the visitor\'s and the agent\'s messages are missing');
    check(messages.find((m) => m._id === s.first._id).msg === 'Hello, my parcel has not arrived', 'the edit is missing');
    if (c.result('delete own message').verdict === 'passed') {
      check(!ids.includes(s.second._id), 'the deleted message is still there');
    }
    const ts = messages.map((m) => Date.parse(m.ts));
    check(ts.every((t, i) => i === 0 || ts[i - 1] >= t), 'not newest first');
  }, { needs: ['send messages', 'agent reply arrives over realtime'] });

  await c.step('agent info', async () => {
    const agent = await client.agentInfo(s.rid);
    check(agent && agent.username === 'agent.smith', `unexpected agent ${JSON.stringify(agent)}`);
  }, { needs: ['agent takes the room: agentData arrives'] });
  await c.step('visitor status', async () => {
    const status = await client.visitorStatus('away');
    check(status === 'away' || (status && status.status === 'away'), `unexpected answer ${JSON.stringify(status)}`);
  }, { needs: ['open room'] });
  await c.step('page visited', async () => {
    await client.pageVisited(token, s.rid, { title: 'Orders', change: 'url', location: { href: 'https://shop.example.com/orders' } });
  }, { needs: ['open room'] });
  await c.step('custom field', async () => {
    const answer = await client.customField(token, 'plan', 'gold');
    check(answer && answer.field && answer.field.key === 'plan', `unexpected answer ${JSON.stringify(answer)}`);
  }, { needs: ['register visitor'] });
  if (client.callStatus) {
    await c.step('call status', () => client.callStatus(s.rid), { needs: ['open room'] });
  }
  await c.step('call declined signal', async () => {
    const before = (await state()).typing.length;
    await client.callDeclined(s.rid);
    const after = (await state()).typing.length;
    check(after === before, 'unexpected typing signal');
    throw new Expectation('dropped', 'answered with an empty result; nothing reaches the agent');
  }, { needs: ['connect realtime', 'open room'] });
  await c.step('transfer to a department', async () => {
    await client.transfer(s.rid, DEPARTMENT);
    check((await state()).departmentId === DEPARTMENT, 'the room is not in the department');
  }, { needs: ['open room'] });
  await c.step('transcript', async () => {
    const answer = await client.transcript(s.rid, 'ada@example.com');
    check(answer && answer.message === 'Livechat transcript sent', `unexpected answer ${JSON.stringify(answer)}`);
    check((await state()).transcripts.includes('ada@example.com'), 'the fake recorded no transcript request');
  }, { needs: ['open room'] });
  await c.step('close', async () => {
    const answer = await client.close(s.rid);
    check(answer && answer.rid === s.rid, `unexpected answer ${JSON.stringify(answer)}`);
    check((await state()).open === false, 'the room is still open');
  }, { needs: ['open room'] });
  await c.step('close arrives over realtime', async () => {
    await until(() => ev.messages.find((m) => m && m.t === 'livechat-close'), 'the livechat-close message');
  }, { needs: [...realtime, 'close'] });
  await c.step('survey', async () => {
    const answer = await client.survey(s.rid, [{ name: 'satisfaction', value: '5' }, { name: 'additionalFeedback', value: 'Quick' }]);
    check(answer && answer.data && answer.data.satisfaction === '5', `unexpected answer ${JSON.stringify(answer)}`);
  }, { needs: ['close'] });
  await c.step('delete visitor', async () => {
    const visitor = await client.deleteVisitor();
    check(visitor && visitor._id, `unexpected answer ${JSON.stringify(visitor)}`);
  }, { needs: ['close'] });
  await c.step('disconnect', () => client.disconnect(), { needs: ['connect realtime'] });
  return c;
}

// ---- main ----

function report(conversations) {
  const counts = { passed: 0, failed: 0, problems: 0, dependent: 0 };
  for (const c of conversations) {
    console.log(`\n${c.client.label}`);
    for (const r of c.results) {
      const label = r.verdict === 'passed' ? 'passed' : r.verdict === 'failed' ? 'FAILED' : r.verdict;
      console.log(`  ${label.padEnd(15)} ${r.name}`);
      if (r.detail && r.verdict !== 'passed') {
        for (const line of r.detail.split('\n')) {
          console.log(`  ${''.padEnd(15)}   ${line}`);
        }
      } else if (r.detail) {
        console.log(`  ${''.padEnd(15)}   (${r.detail})`);
      }
      if (r.verdict === 'passed') counts.passed++;
      else if (r.verdict === 'client problem') counts.problems++;
      else if (r.verdict === 'skipped') counts.dependent++;
      else counts.failed++;
    }
  }
  const steps = (n) => `${n} step${n === 1 ? '' : 's'}`;
  console.log(`\nskipped: ${steps(counts.problems)} where the client itself is wrong against today's server`
    + ` (KNOWN_CLIENT_PROBLEMS), ${steps(counts.dependent)} that need${counts.dependent === 1 ? 's' : ''} one of them`);
  console.log(`js-clients: ${counts.passed} passed, ${counts.failed} failed, ${counts.problems + counts.dependent} skipped`);
  return counts.failed === 0;
}

async function main() {
  const fake = new Launcher();
  process.on('exit', () => {
    if (fake.process && fake.process.exitCode === null && fake.process.signalCode === null) {
      fake.process.kill('SIGKILL');
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`run.cjs: ${signal}; stopping`);
      process.exit(1); // the exit handler above kills the launcher
    });
  }
  const overall = setTimeout(() => {
    console.error(`run.cjs: the run took longer than ${RUN_TIMEOUT_MS} ms; stopping`);
    process.exit(1);
  }, RUN_TIMEOUT_MS);
  overall.unref();
  let ok = false;
  try {
    const base = await fake.start();
    console.log(`js-clients: FakeLivechatServer at ${base} (launcher PID ${fake.process.pid});`
      + ` node ${process.version} with ${WEBSOCKET} for @rocket.chat/ddp-client`);
    const conversations = [];
    for (const make of [ddpClient, legacySdk]) {
      const client = make(base);
      conversations.push(await converse(client, fake));
    }
    ok = report(conversations);
    const stray = exchanges.filter((x) => !x.step && !(x.status >= 200 && x.status < 300));
    if (stray.length) {
      console.log(`FAILED: refusals outside any step: ${stray.map(describeRefusal).join('; ')}`);
      ok = false;
    }
  } catch (e) {
    console.error(`run.cjs: ${e && e.stack || e}`);
  } finally {
    await fake.stop();
  }
  console.log(`js-clients: details of every request and frame in ${path.join(work, 'run.log')}`);
  process.exit(ok ? 0 : 1);
}

main();
