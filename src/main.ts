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

// The analysis worker loads the stored lines from the start, on its own thread, while the page draws
// its first screen: waiting (it was 500 ms) only made the first figures that much later.
void analysis.call('warm', undefined, { priority: 'background' });

// Offline after the first visit. Relative URL: the worker's scope is wherever the app is served.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline cache unavailable', e));
  });
}

export default app;
