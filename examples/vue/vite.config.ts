import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// <account-backup-tab> is a custom element, not a Vue component: Vue renders it as is.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'account-backup-tab' } } })],
});
