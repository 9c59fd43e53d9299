const {MongoClient}=require('mongodb');(async()=>{const c=await MongoClient.connect('mongodb://127.0.0.1:27027/');const db=c.db('tmp_inv_first_probe3');const col=db.collection('x');
const sw=Array.from({length:1023},(_,i)=>({name:'package-name-'+i,version:'1.2.'+i+'-deb12u1',publisher:'Debian Project',arch:'amd64',...(i%3?{installDate:'2026-11-0'+(i%9+1)}:{})}));
const comps=Array.from({length:60},(_,i)=>({kind:'processor',key:'k'+i,attributes:{name:'Intel thing '+i,speed:2400,cores:4,serial:'X'+i}}));
const data={assetId:'a',deviceId:'d',format:'fusioninventory-xml',agentVersion:'2.6',tag:null,first:true,software:{installed:sw,removed:[],upgraded:[]},components:{added:comps,removed:[]},volumes:{added:[],removed:[]},networkPorts:{added:[],removed:[]},addresses:{added:[],removed:[]}};
const env=(d)=>({id:'e',type:'asset.inventory-applied',schemaVersion:1,streamId:'asset-a',sequence:2,entityId:'root',occurredAt:'x',actor:{kind:'system',id:'x'},correlationId:'c',causationId:'c',data:d});
console.log('json bytes',JSON.stringify(data).length);
const time=async(label,n,f)=>{const t=Date.now();for(let i=0;i<n;i++) await f(i);console.log(label,((Date.now()-t)/n).toFixed(1),'ms each');};
await time('structured commit insert',10,(k)=>col.insertOne({_id:'s'+k,streamId:'asset-'+k,events:[env(data)]}));
await time('packed commit insert',10,(k)=>col.insertOne({_id:'p'+k,streamId:'asset-'+k,packed:JSON.stringify([env(data)])}));
await time('structured read',10,(k)=>col.findOne({_id:'s'+k}));
await time('packed read',10,(k)=>col.findOne({_id:'p'+k}));
await time('structured commit insert',10,(k)=>col.insertOne({_id:'s2'+k,streamId:'asset-'+k,events:[env(data)]}));
await time('packed commit insert',10,(k)=>col.insertOne({_id:'p2'+k,streamId:'asset-'+k,packed:JSON.stringify([env(data)])}));
await db.dropDatabase();await c.close()})().catch(e=>{console.error(e);process.exit(1)})
