import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { bypassesProxy, resolveProxyUrl } from '../../src/http/proxy.js';
import { AuditLogsClient } from '../../src/index.js';
import { sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';

describe('choosing a proxy', () => {
  const target = new URL('https://api.slack.com/audit/v1/logs');

  test('an explicit proxy wins over the environment', () => {
    assert.equal(resolveProxyUrl(target, 'http://explicit:1', { HTTPS_PROXY: 'http://env:2' }), 'http://explicit:1');
  });

  test('the environment is read in order HTTPS_PROXY, https_proxy, HTTP_PROXY, http_proxy', () => {
    assert.equal(resolveProxyUrl(target, undefined, { http_proxy: 'http://d', HTTP_PROXY: 'http://c' }), 'http://c');
    assert.equal(resolveProxyUrl(target, undefined, { https_proxy: 'http://b', HTTP_PROXY: 'http://c' }), 'http://b');
    assert.equal(resolveProxyUrl(target, undefined, { HTTPS_PROXY: ' ', http_proxy: 'http://d' }), 'http://d');
    assert.equal(resolveProxyUrl(target, undefined, {}), undefined);
  });

  test('NO_PROXY and no_proxy exclude hosts, suffixes, ports and *', () => {
    const env = (noProxy: string) => ({ HTTPS_PROXY: 'http://p', NO_PROXY: noProxy });
    assert.equal(resolveProxyUrl(target, undefined, env('api.slack.com')), undefined);
    assert.equal(resolveProxyUrl(target, undefined, env('.slack.com')), undefined);
    assert.equal(resolveProxyUrl(target, undefined, env('*.slack.com')), undefined);
    assert.equal(resolveProxyUrl(target, undefined, env('slack.com:443')), undefined);
    assert.equal(resolveProxyUrl(target, undefined, env('slack.com:8443')), 'http://p');
    assert.equal(resolveProxyUrl(target, undefined, env('other.com, example.org')), 'http://p');
    assert.equal(resolveProxyUrl(target, undefined, { HTTPS_PROXY: 'http://p', no_proxy: '*' }), undefined);
    assert.equal(bypassesProxy(new URL('https://notslack.com/'), 'slack.com'), false);
  });

  test('loopback hosts are never proxied', () => {
    assert.equal(resolveProxyUrl(new URL('http://127.0.0.1:9/'), 'http://p', {}), undefined);
    assert.equal(resolveProxyUrl(new URL('http://localhost:9/'), 'http://p', {}), undefined);
    assert.equal(resolveProxyUrl(new URL('http://[::1]:9/'), 'http://p', {}), undefined);
  });
});

describe('through a real CONNECT proxy', () => {
  let api: TestServer;
  let proxy: Server;
  let proxyUrl: string;
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();

  before(async () => {
    api = await startTestServer((_req, res) => sendJson(res, 200, { actions: { user: ['user_login'] } }));
    const apiPort = Number(new URL(api.origin).port);
    proxy = createServer();
    // Every tunnel leads to the local API server, whatever host was asked for.
    proxy.on('connect', (req, clientSocket: Socket) => {
      tunnels.push(req.url ?? '');
      const upstream = connect(apiPort, '127.0.0.1', () => {
        clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(clientSocket);
        clientSocket.pipe(upstream);
      });
      for (const socket of [upstream, clientSocket]) {
        sockets.add(socket);
        socket.on('error', () => socket.destroy());
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await api.close();
  });

  test('requests tunnel through the proxy option', async () => {
    const client = new AuditLogsClient({
      token: 'xoxp-p',
      baseUrl: 'http://audit.example.test/audit/v1/',
      allowInsecureHttp: true,
      proxy: proxyUrl,
    });
    const res = await client.actions();
    assert.deepEqual(res.typedBody.actions.user, ['user_login']);
    assert.deepEqual(tunnels, ['audit.example.test:80']);
    assert.equal(api.requests.at(-1)?.headers.host, 'audit.example.test');
    await client.close();
  });
});
