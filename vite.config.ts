// Builds the few browser scripts (map, charts, small enhancements) into
// dist/client, served by the app at /assets/client/. Pages work without them.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/assets/client/',
  publicDir: false,
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    rollupOptions: {
      input: {
        enhance: 'client/enhance.ts',
        'conformity-map': 'client/conformity-map.ts',
        charts: 'client/charts.ts',
        map: 'client/map.ts',
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
});
