// The dashboard build: root dashboard/, output to the repo's dist/ (what server/app.ts serves).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./dashboard/', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/', import.meta.url));
// Where `npm start` / `rebound serve` listens by default (docs/configuration.md); `npm run dev` proxies the API to it.
const API_TARGET = process.env['REBOUND_API'] ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // The incident page's charts are a lazy chunk; this keeps the warning for chunks that really are large.
    chunkSizeWarningLimit: 700,
    // A name only: the bundler calls a shared chunk after one of its modules (recharts came out as useMediaQuery-*.js);
    // docs/performance.md says what is loaded when by these names.
    rolldownOptions: {
      output: {
        chunkFileNames: (chunk) => `assets/${chunk.moduleIds.some((id) => id.includes('/node_modules/recharts/')) ? 'charts' : '[name]'}-[hash].js`,
      },
    },
  },
  server: { proxy: { '/api': { target: API_TARGET, changeOrigin: false } } },
});
