import fs from 'node:fs';
const which = process.argv[2];
const lines = fs.readFileSync('/work/shared/corpus/polnear-dev.jsonl','utf8').trim().split('\n').map(JSON.parse);
const texts = lines.map(d=>d.text); const bytes = texts.reduce((a,t)=>a+Buffer.byteLength(t),0);
const rss0 = process.memoryUsage().rss; let t0 = performance.now();
let run;
if (which==='wink') {
  const winkNLP = (await import('wink-nlp')).default; const model = (await import('wink-eng-lite-web-model')).default;
  const nlp = winkNLP(model); const its = nlp.its;
  run = (t)=>{ const d = nlp.readDoc(t); return d.tokens().out(its.pos).length + d.sentences().length(); };
} else {
  const nlp = (await import('compromise')).default;
  run = (t)=>{ const d = nlp(t); return d.people().length + d.organizations().length; };
}
const load = performance.now()-t0; const rss1 = process.memoryUsage().rss;
t0 = performance.now(); const c0 = process.cpuUsage(); let n=0;
for (const t of texts) n+=run(t);
const ms = performance.now()-t0; const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({which, MB: (bytes/1e6).toFixed(2), loadMs: load.toFixed(0), rssAfterLoadMB: (rss1/1e6).toFixed(0), rssLoadDeltaMB: ((rss1-rss0)/1e6).toFixed(0), wallMBps: (bytes/1e6/(ms/1000)).toFixed(2), cpuMBps: (bytes/1e6/((cpu.user+cpu.system)/1e6)).toFixed(2), peakRssMB: (process.memoryUsage().rss/1e6).toFixed(0), n}));
