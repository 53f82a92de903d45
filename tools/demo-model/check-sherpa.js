// Decodes WAV files with sherpa-onnx's own SenseVoice runtime (Node addon) to show the demo model loads there and
// gives the same text as our C# runtime. Prints one JSON line per file: {"file","lang","text","tokens"}.
// Usage: node tools/demo-model/check-sherpa.js [--model-dir models/demo-callcentre] [--language auto] a.wav b.wav ...
// Non-PCM files (e.g. 8 kHz µ-law) are converted to 16-bit PCM with sox first; sherpa resamples to 16 kHz itself.
// --threads N sets sherpa's thread count (default 1).
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const sherpa = require(path.join(repo, '.deps', 'sherpa-onnx', 'node_modules', 'sherpa-onnx-node'));

const args = process.argv.slice(2);
let modelDir = path.join(repo, 'models', 'demo-callcentre');
let language = 'auto';
let threads = 1;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--model-dir') modelDir = args[++i];
  else if (args[i] === '--language') language = args[++i];
  else if (args[i] === '--threads') threads = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: node tools/demo-model/check-sherpa.js [--model-dir DIR] [--language auto|zh|en] a.wav ...');
  process.exit(2);
}

const recognizer = new sherpa.OfflineRecognizer({
  featConfig: { sampleRate: 16000, featureDim: 80 },
  modelConfig: {
    senseVoice: { model: path.join(modelDir, 'model.onnx'), language, useInverseTextNormalization: 0 },
    tokens: path.join(modelDir, 'tokens.txt'),
    numThreads: threads,
    provider: 'cpu',
    debug: 0,
  },
});

// A WAV whose format chunk says PCM (1), 16 bits, is read as it is; anything else goes through sox first.
function isPcm16(file) {
  const header = Buffer.alloc(36);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, header, 0, 36, 0);
  fs.closeSync(fd);
  return header.toString('ascii', 12, 16) === 'fmt ' && header.readUInt16LE(20) === 1 && header.readUInt16LE(34) === 16;
}

function toPcm16(file) {
  const pcm = path.join(tmp, path.basename(file));
  execFileSync('sox', [file, '-b', '16', '-e', 'signed-integer', pcm]);
  return pcm;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-sherpa-'));
for (const file of files) {
  const wave = sherpa.readWave(isPcm16(file) ? file : toPcm16(file));
  const stream = recognizer.createStream();
  stream.acceptWaveform({ sampleRate: wave.sampleRate, samples: wave.samples });
  recognizer.decode(stream);
  const r = recognizer.getResult(stream);
  console.log(JSON.stringify({ file, lang: r.lang, text: r.text, tokens: r.tokens }));
}
fs.rmSync(tmp, { recursive: true, force: true });
