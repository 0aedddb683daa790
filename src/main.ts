import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { db } from './data/db';
import { i18n, loadWords } from './i18n/i18n.svelte';
import { access } from './ui/access.svelte';
import { analysis } from './workers/analysis-client';

// Offline after the first visit. Relative URL: the worker's scope is wherever the app is served.
// Asked for once the page has loaded (or now, if it has: the render below waits a task, and the
// page's load event does not wait for it).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline cache unavailable', e));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

void access.load(db);
// The first render in a task of its own, not in the one that ran every module: on a weak machine
// the two together held the page for 250–330 ms. It needs the words of the page's language.
await Promise.all([loadWords(i18n.locale), new Promise((resolve) => setTimeout(resolve))]);
const app = mount(App, { target: document.getElementById('app')! });
document.documentElement.dataset.ready = 'true';
performance.mark('keqing:ready'); // read by bench/first-load.mjs

// Load the stored lines into the analysis worker after opening, so screens find them ready. Not at
// once: reading 1 M lines holds the worker's thread in stretches the first screen's own questions
// wait behind, and the customer table and the Overview answer from the kept stats (workers/
// lines-store) without them. At 500 ms the reopened Overview of 100,000 customers showed its last
// item 3.1–3.9 s after opening; at 3 s, 2.1–2.6 s (six each). A screen that needs the lines sooner
// loads them itself.
setTimeout(() => void analysis.call('warm', undefined, { priority: 'background' }), 3_000);

export default app;
