// The server of async-ratio.sh: answers POST /api/v1/livechat/message with the pre-encoded send
// answer (the bytes of Payloads.SEND_RESPONSE, written to a file by AsyncRatio --write-answer), over
// HTTP/1.1 keep-alive with Node's node:http, in its own process so that the client's CPU can be
// measured apart from the server's. Reads each request body to its end before answering; anything
// else gets a 404. Prints "listening <port>" when ready and the count of answers when stopped.
// With "ratelimit" as third argument, every answer also carries the X-RateLimit-* headers a
// server with its rate limiter on sends (a limit never reached, so never a 429).
// Usage: node send-server.cjs <answer-file> [port] [ratelimit]
'use strict';
const http = require('node:http');
const fs = require('node:fs');

const answer = fs.readFileSync(process.argv[2]);
const port = Number(process.argv[3] || 0);
const notFound = Buffer.from('{"success":false,"error":"not-found"}');
const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': answer.length };
const rateLimit = process.argv[4] === 'ratelimit';
const LIMIT = 1000000000;
let served = 0;

const server = http.createServer((req, res) => {
  // A client that goes away mid-request must not take the server down with an unhandled error.
  req.on('error', () => {});
  res.on('error', () => {});
  req.on('data', () => {});
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/api/v1/livechat/message') {
      served++;
      if (rateLimit) {
        res.setHeader('X-RateLimit-Limit', String(LIMIT));
        res.setHeader('X-RateLimit-Remaining', String(LIMIT - (served % LIMIT)));
        res.setHeader('X-RateLimit-Reset', String(Date.now() + 60000));
      }
      res.writeHead(200, headers);
      res.end(answer);
    } else {
      res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': notFound.length });
      res.end(notFound);
    }
  });
});
// Keep idle connections open between rounds (Node's default closes them after 5 s).
server.keepAliveTimeout = 10 * 60 * 1000;
server.headersTimeout = server.keepAliveTimeout + 1000;
server.listen(port, '127.0.0.1', () => {
  console.log('listening ' + server.address().port);
});

server.on('clientError', (err, socket) => socket.destroy());

function stop() {
  console.log('served ' + served);
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
