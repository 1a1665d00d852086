// Builds the admin UI into web/dist; `robocall serve --web-dir web/dist`
// serves it. In development, /api is proxied to a local `robocall serve`.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env['ROBOCALL_API'] ?? 'http://127.0.0.1:8080' },
  },
});
