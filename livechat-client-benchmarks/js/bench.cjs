// The JavaScript side of the comparison: sends the same message to the same loopback server with
// each JavaScript client, measured as JsComparison.java measures livechat-client. Run by run.sh,
// which installs the clients into target/js; nothing of theirs is committed.
// Usage: node bench.cjs <port> <n> <concurrency> <warmup> <rounds>
'use strict';
const [port, n, concurrency, warmup, rounds] = process.argv.slice(2).map(Number);
const TOKEN = 'iNKE8a6k6cjbqWhWd';
const RID = 'bf7bd8d0-3b5d-4b3e-9b0e-6a2a7f3c1d11';
const TEXT = 'Hello, I have a question about my order #48213: it has not arrived yet.';
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const crypto = require('crypto');

// The same request body the Java SDK sends: token, rid, msg and a fresh 17-character _id.
function messageId() {
  let id = '';
  while (id.length < 17) {
    for (const b of crypto.randomBytes(24)) {
      if (b < 220 && id.length < 17) id += ALPHABET[b % 55];
    }
  }
  return id;
}

async function measure(name, send) {
  const sequential = [];
  const concurrent = [];
  for (let r = -warmup; r < rounds; r++) {
    let start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      check(await send());
    }
    const seq = n / (Number(process.hrtime.bigint() - start) / 1e9);
    start = process.hrtime.bigint();
    let next = 0;
    async function lane() {
      while (next < n) {
        next++;
        check(await send());
      }
    }
    await Promise.all(Array.from({ length: concurrency }, lane));
    const con = n / (Number(process.hrtime.bigint() - start) / 1e9);
    if (r >= 0) {
      sequential.push(seq);
      concurrent.push(con);
    }
  }
  const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`${name} sequential=${median(sequential).toFixed(0)} concurrent=${median(concurrent).toFixed(0)}`);
}

function check(answer) {
  const message = answer && answer.message;
  if (!message || !message._id) {
    throw new Error('unexpected answer: ' + JSON.stringify(answer).slice(0, 200));
  }
}

async function main() {
  const base = `http://127.0.0.1:${port}`;

  // @rocket.chat/sdk@1.0.0-alpha.42: the livechat REST client the widget pinned.
  const ApiLivechat = require('@rocket.chat/sdk/lib/api/Livechat').default;
  const legacy = new ApiLivechat({ host: base });
  legacy.credentials.token = TOKEN;
  await measure('@rocket.chat/sdk@1.0.0-alpha.42 (JS)',
    () => legacy.sendMessage({ rid: RID, msg: TEXT, _id: messageId() }));

  // @rocket.chat/ddp-client: its successor. Its REST calls need no WebSocket, but create() looks
  // the WebSocket global up, which Node 20 has only behind a flag: an inert stand-in is enough,
  // since no DDP connection is ever opened.
  let ddp;
  try {
    if (typeof globalThis.WebSocket === 'undefined') {
      globalThis.WebSocket = class { constructor() { throw new Error('no WebSocket in this run'); } };
    }
    const { LivechatClientImpl } = require('@rocket.chat/ddp-client');
    ddp = LivechatClientImpl.create(`ws://127.0.0.1:${port}/api`);
    Object.defineProperty(ddp, 'token', { value: TOKEN, configurable: true });
  } catch (e) {
    console.log(`@rocket.chat/ddp-client (JS) unavailable: ${e && e.stack || e}`);
    return;
  }
  const version = require('@rocket.chat/ddp-client/package.json').version;
  await measure(`@rocket.chat/ddp-client@${version} (JS)`,
    () => ddp.sendMessage({ rid: RID, msg: TEXT, _id: messageId() }));
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
