// Throwaway recording fake Anthropic/OpenAI server on loopback. Records every request to OUT dir.
const http = require('http'); const fs = require('fs'); const path = require('path');
const out = process.argv[2]; const port = +process.argv[3]; const readFile = process.argv[4] || '/tmp/x.txt';
let n = 0;
function sse(res, events) { res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
  for (const [t, d] of events) res.write(`event: ${t}\ndata: ${JSON.stringify(d)}\n\n`); res.end(); }
function msgStart(id) { return ['message_start', {type:'message_start', message:{id, type:'message', role:'assistant', model:'claude-sonnet-4-6', content:[], stop_reason:null, stop_sequence:null, usage:{input_tokens:100, cache_creation_input_tokens:0, cache_read_input_tokens:0, output_tokens:1}}}]; }
http.createServer((req, res) => {
  const chunks = []; req.on('data', c => chunks.push(c)); req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8'); const i = ++n;
    const h = {...req.headers}; for (const k of ['authorization','x-api-key','api-key']) if (h[k]) h[k] = '<redacted>';
    fs.writeFileSync(path.join(out, `${String(i).padStart(2,'0')}-meta.json`), JSON.stringify({method: req.method, url: req.url, headers: h}, null, 2));
    if (body) fs.writeFileSync(path.join(out, `${String(i).padStart(2,'0')}-body.json`), body);
    if (req.method !== 'POST') { res.writeHead(200); res.end(); return; }
    let j = {}; try { j = JSON.parse(body); } catch {}
    if (req.url.startsWith('/v1/chat/completions')) {
      res.writeHead(200, {'content-type':'application/json'});
      res.end(JSON.stringify({id:'chatcmpl-1', object:'chat.completion', created:1, model:j.model, choices:[{index:0, message:{role:'assistant', content:'ok'}, finish_reason:'stop'}], usage:{prompt_tokens:1, completion_tokens:1, total_tokens:2}})); return; }
    if (req.url.startsWith('/v1/messages/count_tokens')) { res.writeHead(200, {'content-type':'application/json'}); res.end('{"input_tokens":10}'); return; }
    const msgs = j.messages || []; const last = msgs[msgs.length - 1] || {};
    const hasResult = Array.isArray(last.content) && last.content.some(b => b.type === 'tool_result');
    const wantsTool = (j.tools || []).some(t => t.name === 'Read') && process.env.REC_TOOL === '1' && !hasResult;
    const id = 'msg_rec_' + i;
    if (!j.stream) { res.writeHead(200, {'content-type':'application/json'});
      res.end(JSON.stringify({id, type:'message', role:'assistant', model:j.model, content:[{type:'text', text:'ok'}], stop_reason:'end_turn', stop_sequence:null, usage:{input_tokens:10, output_tokens:1}})); return; }
    if (wantsTool) return sse(res, [msgStart(id),
      ['content_block_start', {type:'content_block_start', index:0, content_block:{type:'text', text:''}}],
      ['content_block_delta', {type:'content_block_delta', index:0, delta:{type:'text_delta', text:'I will read the file.'}}],
      ['content_block_stop', {type:'content_block_stop', index:0}],
      ['content_block_start', {type:'content_block_start', index:1, content_block:{type:'tool_use', id:'toolu_rec_1', name:'Read', input:{}}}],
      ['content_block_delta', {type:'content_block_delta', index:1, delta:{type:'input_json_delta', partial_json:'{"file_path": '}}],
      ['content_block_delta', {type:'content_block_delta', index:1, delta:{type:'input_json_delta', partial_json:JSON.stringify(readFile) + '}'}}],
      ['content_block_stop', {type:'content_block_stop', index:1}],
      ['message_delta', {type:'message_delta', delta:{stop_reason:'tool_use', stop_sequence:null}, usage:{output_tokens:30}}],
      ['message_stop', {type:'message_stop'}]]);
    return sse(res, [msgStart(id),
      ['content_block_start', {type:'content_block_start', index:0, content_block:{type:'text', text:''}}],
      ['content_block_delta', {type:'content_block_delta', index:0, delta:{type:'text_delta', text: hasResult ? 'The file says hello.' : 'Hello from the recorder.'}}],
      ['content_block_stop', {type:'content_block_stop', index:0}],
      ['message_delta', {type:'message_delta', delta:{stop_reason:'end_turn', stop_sequence:null}, usage:{output_tokens:5}}],
      ['message_stop', {type:'message_stop'}]]);
  });
}).listen(port, '127.0.0.1', () => console.log('listening', port));
