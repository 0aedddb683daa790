import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { db } from './data/db';
import { access } from './ui/access.svelte';
import { analysis } from './workers/analysis-client';

void access.load(db);
const app = mount(App, { target: document.getElementById('app')! });
document.documentElement.dataset.ready = 'true';
performance.mark('keqing:ready'); // read by bench/first-load.mjs

// Load the stored lines into the analysis worker soon after opening, so screens find them ready. Not
// at once: reading 1 M lines competes with the first screen for the CPU, and the customer table and
// the Overview answer from the kept stats (workers/lines-store) without them.
setTimeout(() => void analysis.call('warm', undefined, { priority: 'background' }), 500);

// Offline after the first visit. Relative URL: the worker's scope is wherever the app is served.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline cache unavailable', e));
  });
}

export default app;
