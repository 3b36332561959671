#!/usr/bin/env node
/**
 * A tiny static file server for the built example (WebAssembly needs http://, not file://).
 *
 *   node examples/browser/serve.mjs [folder] [port]     (default examples/browser/dist, 8080)
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
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
 * Serve the files under `root` on 127.0.0.1 (GET; `/` is `index.html`).
 * @param {string} root
 * @param {number} [port] 0 = any free port
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function serveStatic(root, port = 0) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.resolve(base, '.' + (urlPath.endsWith('/') ? urlPath + 'index.html' : urlPath));
      if (!file.startsWith(base + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
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
  const root = process.argv[2] ?? path.join(here, 'dist');
  serveStatic(root, Number(process.argv[3] ?? 8080)).then(
    (s) => console.log(`serving ${path.relative(process.cwd(), root) || '.'} at ${s.url} (Ctrl-C to stop)`),
    (err) => {
      console.error(`serve: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
