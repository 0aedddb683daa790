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

// Load the stored lines into the analysis worker soon after opening, so screens find them ready. Not
// at once: reading 1 M lines competes with the first screen for the CPU, and the customer table and
// the Overview answer from the kept stats (workers/lines-store) without them.
setTimeout(() => void analysis.call('warm', undefined, { priority: 'background' }), 500);

export default app;
