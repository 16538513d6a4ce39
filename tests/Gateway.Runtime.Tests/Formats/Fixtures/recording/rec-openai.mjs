import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'http://127.0.0.1:18556/v1', apiKey: 'sk-dummy-recording-key' });
const tools = [
  { type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', description: 'Local time for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];
await client.chat.completions.create({ model: 'gpt-4o', messages: [
  { role: 'system', content: 'You are a terse assistant.' },
  { role: 'user', content: [ { type: 'text', text: 'What is in this image, and what is the weather in Paris and Oslo?' },
     { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
     { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' } } ] } ],
  tools, tool_choice: 'auto', parallel_tool_calls: true, temperature: 0.2, top_p: 0.9, max_tokens: 512, stop: ['END'], user: 'u-1' });
try {
const s = await client.chat.completions.create({ model: 'gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [
  { role: 'developer', content: 'Answer with tools.' },
  { role: 'user', content: 'Weather in Paris and Oslo?' },
  { role: 'assistant', content: null, tool_calls: [
     { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
     { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } } ] },
  { role: 'tool', tool_call_id: 'call_a', content: '18 C, sunny' },
  { role: 'tool', tool_call_id: 'call_b', content: '4 C, rain' } ],
  tools, tool_choice: { type: 'function', function: { name: 'get_weather' } }, max_completion_tokens: 256, reasoning_effort: 'low' });
for await (const _ of s) {}
} catch (e) { console.log('stream', e.message); }
