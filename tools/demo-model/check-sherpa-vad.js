// Runs sherpa-onnx's silero VAD (Node addon) over WAV files, channel by channel, for a same-run comparison with
// `funasr-pipeline vad --vad silero` on the same .onnx (bench/ort/recognizer-speed.sh). Prints one JSON line per file:
// {"file","segments":[{"channel","start","end"}]} (seconds), and on stderr the time spent in the detector alone.
// Usage: node tools/demo-model/check-sherpa-vad.js [--model models/silero-vad/silero_vad.onnx] [--threads 1] a.wav ...
// Channels other than a mono file's one are split out with sox first.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const sherpa = require(path.join(repo, '.deps', 'sherpa-onnx', 'node_modules', 'sherpa-onnx-node'));

const args = process.argv.slice(2);
let model = path.join(repo, 'models', 'silero-vad', 'silero_vad.onnx');
let threads = 1;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--model') model = args[++i];
  else if (args[i] === '--threads') threads = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: node tools/demo-model/check-sherpa-vad.js [--model silero_vad.onnx] [--threads N] a.wav ...');
  process.exit(2);
}

// The settings of our VadOptions defaults (threshold 0.5, 250 ms speech and silence, 20 s longest segment).
const vad = new sherpa.Vad({
  sileroVad: { model, threshold: 0.5, minSilenceDuration: 0.25, minSpeechDuration: 0.25, windowSize: 512, maxSpeechDuration: 20 },
  sampleRate: 16000,
  numThreads: threads,
  provider: 'cpu',
  debug: 0,
}, 60);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-sherpa-vad-'));
const channelFiles = (file) => {
  const channels = Number(execFileSync('soxi', ['-c', file]).toString().trim());
  return Array.from({ length: channels }, (_, c) => {
    const out = path.join(tmp, `ch${c}.wav`);
    execFileSync('sox', [file, '-b', '16', '-e', 'signed-integer', '-r', '16000', out, 'remix', String(c + 1)]);
    return out;
  });
};

let detectorNs = 0n;
for (const file of files) {
  const segments = [];
  channelFiles(file).forEach((channelFile, channel) => {
    const samples = sherpa.readWave(channelFile).samples;
    const started = process.hrtime.bigint();
    vad.reset();
    const collect = () => {
      while (!vad.isEmpty()) {
        const s = vad.front(false);
        segments.push({ channel, start: s.start / 16000, end: (s.start + s.samples.length) / 16000 });
        vad.pop();
      }
    };
    for (let i = 0; i < samples.length; i += 512) {
      vad.acceptWaveform(samples.subarray(i, i + 512));
      collect();
    }
    vad.flush();
    collect();
    detectorNs += process.hrtime.bigint() - started;
  });
  console.log(JSON.stringify({ file, segments }));
}
console.error(`detector: ${(Number(detectorNs) / 1e9).toFixed(3)} s`);
fs.rmSync(tmp, { recursive: true, force: true });
