#!/usr/bin/env node
/**
 * A tiny static file server for the built example (WebAssembly needs http://, not file://).
 *
 *   node examples/browser/serve.mjs [folder] [port]     (default examples/browser/dist, 8080)
 *   node examples/browser/serve.mjs PORT                (a lone number is the port)
 */
import { createServer } from 'node:http';
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Serve the files under `root` on 127.0.0.1: GET and HEAD (others: 405); `/` is `index.html`, a
 * folder without its trailing slash is redirected to it; paths outside `root` are refused (403).
 * @param {string} root
 * @param {number} [port] 0 = any free port
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function serveStatic(root, port = 0) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const urlPath = decodeURIComponent(url.pathname);
      let file = path.resolve(base, '.' + urlPath);
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file)).isDirectory()) {
        if (!urlPath.endsWith('/')) {
          // one leading slash: `//sub/` would name another host
          res.writeHead(301, { location: '/' + url.pathname.replace(/^\/+/, '') + '/' + url.search }).end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('static server: no port');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args = process.argv.slice(2);
  // `serve.mjs 8081` means the port, not a folder named 8081.
  if (args.length === 1 && /^\d+$/.test(args[0])) args.unshift(path.join(here, 'dist'));
  const root = args[0] ?? path.join(here, 'dist');
  const portText = args[1] ?? '8080';
  const port = Number(portText);
  let problem;
  if (!/^\d+$/.test(portText) || port > 65535) problem = `port must be an integer in 0..65535, got '${portText}'`;
  else {
    try {
      if (!statSync(root).isDirectory()) problem = `${root} is not a folder`;
    } catch {
      problem = `${root} does not exist${root === path.join(here, 'dist') ? ' (run `npm run example:build` first)' : ''}`;
    }
  }
  if (problem) {
    console.error(`serve: ${problem}`);
    process.exitCode = 2;
  } else {
    serveStatic(root, port).then(
      (s) => console.log(`serving ${path.relative(process.cwd(), root) || '.'} at ${s.url} (Ctrl-C to stop)`),
      (err) => {
        console.error(`serve: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      },
    );
  }
}
