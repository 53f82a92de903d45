// Decodes 16-bit PCM WAV files with sherpa-onnx's own Fun-ASR-Nano runtimes (Node addon), for parity with our C# runners.
// Prints one JSON line per file: {"file","text","tokens","seconds"} (seconds: that file's features + decode, model load
// excluded). Usage: node tools/check-sherpa-nano.js --model-dir DIR [--hotwords "a,b"] [--language 中文] [--itn 0|1]
//   [--threads N] [--max-new-tokens N] [--repeat N] a.wav ...   (--repeat decodes every file N times, printing each)
// DIR holding model*.onnx + tokens.txt runs the Nano-CTC export (senseVoice config); DIR holding llm.*.onnx runs the
// LLM trio (funasrNano config; itn defaults to 1 here, since the addon's default of 0 changes the prompt).
// Bad metadata makes sherpa exit the process, so run this in a child process.
'use strict';
const path = require('path');
const fs = require('fs');

const repo = path.resolve(__dirname, '..');
const sherpa = require(path.join(repo, '.deps', 'sherpa-onnx', 'node_modules', 'sherpa-onnx-node'));

const args = process.argv.slice(2);
let modelDir = '';
let hotwords = '';
let language = '';
let itn = 1;
let threads = 1;
let maxNewTokens = 0;
let repeat = 1;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--model-dir') modelDir = args[++i];
  else if (args[i] === '--hotwords') hotwords = args[++i];
  else if (args[i] === '--language') language = args[++i];
  else if (args[i] === '--itn') itn = Number(args[++i]);
  else if (args[i] === '--threads') threads = Number(args[++i]);
  else if (args[i] === '--max-new-tokens') maxNewTokens = Number(args[++i]);
  else if (args[i] === '--repeat') repeat = Number(args[++i]);
  else files.push(args[i]);
}
if (!modelDir || files.length === 0) {
  console.error('usage: node tools/check-sherpa-nano.js --model-dir DIR [--hotwords LIST] [--language L] [--itn 0|1] [--threads N] a.wav ...');
  process.exit(2);
}

const present = fs.readdirSync(modelDir);
const pick = (names) => names.map((n) => path.join(modelDir, n)).find((p) => fs.existsSync(p));
const llm = present.find((n) => /^llm\.(int8|fp16|fp32)\.onnx$/.test(n));
const modelConfig = { numThreads: threads, provider: 'cpu', debug: 0 };
if (llm) {
  modelConfig.funasrNano = {
    encoderAdaptor: pick(['encoder_adaptor.int8.onnx', 'encoder_adaptor.onnx']),
    embedding: pick(['embedding.int8.onnx', 'embedding.onnx']),
    llm: path.join(modelDir, llm),
    tokenizer: path.join(modelDir, 'Qwen3-0.6B'),
    itn,
    hotwords,
    language,
    maxNewTokens,
  };
} else {
  modelConfig.senseVoice = { model: pick(['model.int8.onnx', 'model.onnx']), language: '', useInverseTextNormalization: itn };
  modelConfig.tokens = path.join(modelDir, 'tokens.txt');
}

const recognizer = new sherpa.OfflineRecognizer({ featConfig: { sampleRate: 16000, featureDim: 80 }, modelConfig });
const waves = files.map((file) => sherpa.readWave(file));
for (let r = 0; r < repeat; r++) for (let f = 0; f < files.length; f++) {
  const file = files[f];
  const wave = waves[f];
  const started = process.hrtime.bigint();
  const stream = recognizer.createStream();
  stream.acceptWaveform({ sampleRate: wave.sampleRate, samples: wave.samples });
  recognizer.decode(stream);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const r = recognizer.getResult(stream);
  console.log(JSON.stringify({ file, text: r.text, tokens: r.tokens, seconds }));
}
