// sherpa-onnx-node's own runtimes on FunASR-family models, for the parity tests and the bench. One JSON line per input.
//   node tools/funasr/check-sherpa-funasr.js paraformer MODEL_DIR a.wav b.wav ...   -> {"file","text","tokens","timestamps"}
//   node tools/funasr/check-sherpa-funasr.js punct MODEL_DIR < lines.txt           -> {"text","punctuated"}
// MODEL_DIR holds model.onnx (+ tokens.txt for paraformer). --threads N (default 1).
'use strict';
const path = require('path');
const fs = require('fs');

const repo = path.resolve(__dirname, '..', '..');
const sherpa = require(path.join(repo, '.deps', 'sherpa-onnx', 'node_modules', 'sherpa-onnx-node'));

const args = process.argv.slice(2);
let threads = 1;
const rest = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--threads') threads = Number(args[++i]);
  else rest.push(args[i]);
}
const [mode, modelDir, ...files] = rest;
if (mode === 'paraformer') {
  const recognizer = new sherpa.OfflineRecognizer({
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: {
      paraformer: { model: path.join(modelDir, 'model.onnx') },
      tokens: path.join(modelDir, 'tokens.txt'),
      numThreads: threads,
      provider: 'cpu',
      debug: 0,
    },
  });
  for (const file of files) {
    const wave = sherpa.readWave(file);
    const stream = recognizer.createStream();
    stream.acceptWaveform({ sampleRate: wave.sampleRate, samples: wave.samples });
    recognizer.decode(stream);
    const r = recognizer.getResult(stream);
    console.log(JSON.stringify({ file, text: r.text.trim(), tokens: r.tokens, timestamps: r.timestamps }));
  }
} else if (mode === 'punct') {
  const punct = new sherpa.OfflinePunctuation({ model: { ctTransformer: path.join(modelDir, 'model.onnx'), numThreads: threads, debug: 0, provider: 'cpu' } });
  for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
    if (line.length > 0) console.log(JSON.stringify({ text: line, punctuated: punct.addPunct(line) }));
  }
} else {
  console.error('usage: node tools/funasr/check-sherpa-funasr.js paraformer|punct MODEL_DIR [files...]');
  process.exit(2);
}
