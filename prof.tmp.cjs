const p=JSON.parse(require('fs').readFileSync(process.argv[2],'utf8'));
const byId=new Map(p.nodes.map(n=>[n.id,n]));
const parent=new Map();for(const n of p.nodes)for(const c of n.children||[])parent.set(c,n.id);
const self=new Map();let total=0;
for(let i=0;i<p.samples.length;i++){const d=p.timeDeltas[i]||0;self.set(p.samples[i],(self.get(p.samples[i])||0)+d);total+=d;}
const key=n=>`${n.callFrame.functionName||'(anon)'} ${n.callFrame.url.replace(/.*node_modules\//,'nm/').replace(/.*\/(apps|libs)\//,'$1/')}:${n.callFrame.lineNumber}`;
const selfBy=new Map(),incl=new Map();
for(const [id,t] of self){const n=byId.get(id);selfBy.set(key(n),(selfBy.get(key(n))||0)+t);
 const seen=new Set();let cur=id;while(cur!==undefined){const k=key(byId.get(cur));if(!seen.has(k)){seen.add(k);incl.set(k,(incl.get(k)||0)+t);}cur=parent.get(cur);}}
const idle=[...selfBy].filter(([k])=>k.startsWith('(idle)')).reduce((s,[,t])=>s+t,0);
console.log('total s',(total/1e6).toFixed(1),'idle s',(idle/1e6).toFixed(1));
console.log('--- self top');for(const [k,t] of [...selfBy].sort((a,b)=>b[1]-a[1]).slice(0,30))console.log((t/1e6).toFixed(2),k);
console.log('--- inclusive top');for(const [k,t] of [...incl].sort((a,b)=>b[1]-a[1]).filter(([k])=>/apps\/|libs\/|JSON|deflate|inflate|serialize|deserialize|calculate/.test(k)).slice(0,50))console.log((t/1e6).toFixed(2),k);
const target=process.argv[3];
if(target){const agg=new Map();for(const [id,t] of self){const n=byId.get(id);if(n.callFrame.functionName!==target)continue;let chain=[];let cur=parent.get(id);while(cur!==undefined&&chain.length<8){const c=byId.get(cur);chain.push(key(c));cur=parent.get(cur);}const k=chain.join(' < ');agg.set(k,(agg.get(k)||0)+t);}
console.log('--- callers of',target);for(const [k,t] of [...agg].sort((a,b)=>b[1]-a[1]).slice(0,8))console.log((t/1e6).toFixed(2),k);}
