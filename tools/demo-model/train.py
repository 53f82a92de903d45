"""Trains the demo model on the precomputed fbank shards: LFR(7,6) as in spec §1.4, CMVN from the training set,
CTC on the text frames and cross-entropy on the 4 prompt frames (language, emotion, event, ITN tags). Seeded,
checkpoints every few minutes and resumes from the last checkpoint. With --init-from MODEL_DIR and no checkpoint,
training continues from a shipped model.onnx (its weights, tokens.txt, CMVN and step count)."""
import argparse
import glob
import json
import math
import os
import random
import time

import numpy as np
import torch

from model import DemoSenseVoice
from onnx_weights import cmvn_of, load_into, metadata_of
from scoring import edit_distance
from tokens import LANG_PROMPT, WITH_ITN, WITHOUT_ITN, Vocabulary

LFR_M, LFR_N = 7, 6


def lfr(fbank):
    """Spec §1.4: ceil(T/n) frames of m stacked frames, left-padded with (m-1)/2 copies of frame 0, last repeated."""
    t = fbank.shape[0]
    out_frames = 1 + (t - 1) // LFR_N
    starts = np.arange(out_frames) * LFR_N - (LFR_M - 1) // 2
    index = np.clip(starts[:, None] + np.arange(LFR_M)[None, :], 0, t - 1)
    return fbank[index].reshape(out_frames, LFR_M * fbank.shape[1])


def load_data(work, vocab):
    labels = {}
    with open(os.path.join(work, "train.jsonl"), encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            labels[u["id"]] = u
    items = []
    for path in sorted(glob.glob(os.path.join(work, "feats", "shard-*.npz"))):
        shard = np.load(path)
        offsets = np.concatenate([[0], np.cumsum(shard["lengths"])])
        feats = shard["feats"]
        for i, uid in enumerate(shard["ids"]):
            u = labels[str(uid)]
            x = lfr(feats[offsets[i]:offsets[i + 1]])
            items.append((x, vocab.encode(u["text"], u["lang"]), u["lang"], str(uid)))
    return items


def cmvn(items):
    total = np.zeros(560, dtype=np.float64)
    squares = np.zeros(560, dtype=np.float64)
    count = 0
    for x, *_ in items:
        xf = x.astype(np.float64)
        total += xf.sum(0)
        squares += (xf ** 2).sum(0)
        count += len(xf)
    mean = total / count
    std = np.sqrt(np.maximum(squares / count - mean ** 2, 1e-8))
    return (-mean).astype(np.float32), (1.0 / std).astype(np.float32)


def batches(items, max_frames, rng):
    """Length-bucketed batches holding at most max_frames LFR frames (padded), shuffled."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]) + rng.random())
    out, current, longest = [], [], 0
    for i in order:
        n = len(items[i][0])
        if current and max(longest, n) * (len(current) + 1) > max_frames:
            out.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, n)
    if current:
        out.append(current)
    rng.shuffle(out)
    return out


def warp_frequency(feats, rng):
    """Vocal tract length perturbation on the stacked log-mel frames: bin k takes the value at k·alpha."""
    alpha = rng.uniform(0.88, 1.12)
    position = np.minimum(np.arange(80) * alpha, 79.0)
    low = position.astype(np.int64)
    high = np.minimum(low + 1, 79)
    weight = (position - low).astype(np.float32)
    f = feats.reshape(len(feats), 7, 80)
    return (f[:, :, low] * (1 - weight) + f[:, :, high] * weight).reshape(len(feats), 560)


def collate(items, batch, neg_mean, inv_std, vocab, rng, augment):
    longest = max(len(items[i][0]) for i in batch)
    x = np.zeros((len(batch), longest, 560), dtype=np.float32)
    lengths, language, text_norm, prompts, targets, target_lengths = [], [], [], [], [], []
    for row, i in enumerate(batch):
        feats, ids, lang, _ = items[i]
        f = feats.astype(np.float32)
        if augment and rng.random() < 0.8:
            f = warp_frequency(f, rng)
        f = (f + neg_mean) * inv_std
        if augment:
            f = f.reshape(len(f), 7, 80)
            for _ in range(2):
                w = rng.randint(0, 8)
                s = rng.randint(0, 80 - w)
                f[:, :, s:s + w] = 0.0
            for _ in range(1 + len(f) // 60):
                w = rng.randint(0, 3)
                s = rng.randint(0, max(1, len(f) - w))
                f[s:s + w] = 0.0
            f = f.reshape(len(f), 560)
        x[row, :len(f)] = f
        lengths.append(len(f))
        language.append(LANG_PROMPT[lang] if rng.random() < 0.5 else LANG_PROMPT["auto"])
        itn = rng.random() < 0.5
        text_norm.append(WITH_ITN if itn else WITHOUT_ITN)
        prompts.append(vocab.prompt_targets(lang, itn))
        targets.extend(ids)
        target_lengths.append(len(ids))
    i32 = lambda v: torch.tensor(v, dtype=torch.int32)  # noqa: E731
    return (torch.from_numpy(x), i32(lengths), i32(language), i32(text_norm), torch.tensor(prompts),
            torch.tensor(targets, dtype=torch.long), torch.tensor(target_lengths, dtype=torch.long))


def loss_of(model, batch):
    x, lengths, language, text_norm, prompts, targets, target_lengths = batch
    logits = model(x, lengths, language, text_norm)
    log_probs = torch.log_softmax(logits, dim=-1)
    prompt_loss = torch.nn.functional.nll_loss(log_probs[:, :4].reshape(-1, log_probs.shape[-1]), prompts.reshape(-1))
    ctc = torch.nn.functional.ctc_loss(log_probs[:, 4:].transpose(0, 1), targets, lengths.long(), target_lengths,
                                       blank=0, reduction="sum", zero_infinity=True) / target_lengths.sum()
    return ctc + prompt_loss, ctc, prompt_loss, logits


def greedy(logits, length):
    ids = logits[: length + 4].argmax(-1).tolist()
    out, prev = [], -1
    for t, i in enumerate(ids):
        if i != 0 and i != prev:
            out.append(i)
        prev = i
    return out


def validate(model, items, valid, neg_mean, inv_std, vocab):
    model.eval()
    errors, total, prompt_ok = 0, 0, 0
    with torch.no_grad():
        for chunk in [valid[i:i + 32] for i in range(0, len(valid), 32)]:
            batch = collate(items, chunk, neg_mean, inv_std, vocab, random.Random(0), False)
            logits = model(*batch[:4])
            for row, i in enumerate(chunk):
                out = greedy(logits[row], int(batch[1][row]))
                prompt_ok += out[:4] == batch[4][row].tolist()
                hyp = vocab.decode(out[4:]).replace(" ", "")
                ref = vocab.decode(items[i][1]).replace(" ", "")
                errors += edit_distance(hyp, ref)
                total += len(ref)
    model.train()
    return errors / max(total, 1), prompt_ok / len(valid)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", required=True)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--max-frames", type=int, default=2400, help="padded LFR frames per batch")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--warmup", type=int, default=150)
    parser.add_argument("--anneal-steps", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint-minutes", type=float, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dim", type=int, default=192)
    parser.add_argument("--ffn", type=int, default=576)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--init-from", help="model directory whose model.onnx starts training when no checkpoint exists")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    ckpt_path = os.path.join(args.work, "checkpoint.pt")
    init = args.init_from if args.init_from and not os.path.exists(ckpt_path) else None
    if args.init_from:  # the shipped vocabulary and CMVN stay, so the shipped weights keep their meaning
        vocab = Vocabulary.load(os.path.join(args.init_from, "tokens.txt"))
    else:
        vocab = Vocabulary.build(os.path.join(args.work, "train.jsonl"))
    vocab.save(os.path.join(args.work, "tokens.txt"))
    items = load_data(args.work, vocab)
    unknown = sum(ids.count(vocab.ids["<unk>"]) for _, ids, _, _ in items)
    if unknown:
        print(f"warning: {unknown} label tokens are not in the vocabulary and train as <unk>", flush=True)
    neg_mean, inv_std = cmvn_of(os.path.join(args.init_from, "model.onnx")) if args.init_from else cmvn(items)
    np.savez(os.path.join(args.work, "cmvn.npz"), neg_mean=neg_mean, inv_stddev=inv_std)
    valid = rng.sample(range(len(items)), 300)
    train = sorted(set(range(len(items))) - set(valid))
    print(f"{len(items)} utterances ({len(train)} train, {len(valid)} valid), vocab {len(vocab.tokens)}", flush=True)

    config = {"vocab_size": len(vocab.tokens), "dim": args.dim, "ffn": args.ffn, "layers": args.layers}
    model = DemoSenseVoice(**config)
    print(f"model: {config}, {sum(p.numel() for p in model.parameters()) / 1e6:.2f}M parameters", flush=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)
    # Warm-up (from the first step of this run, as the optimizer state starts fresh when continuing a shipped
    # model), then inverse square root decay, so a run can be extended (--steps) when it resumes; over the last
    # --anneal-steps the rate falls linearly to 5%.
    first_step = 0

    def schedule(s):
        rate = min((s + 1 - first_step) / args.warmup, math.sqrt(args.warmup / (s + 1)))
        anneal_start = args.steps - args.anneal_steps
        if args.anneal_steps and s > anneal_start:
            rate *= 1 - 0.95 * min(1.0, (s - anneal_start) / args.anneal_steps)
        return rate
    step, epoch, epoch_start = 0, 0, 0
    if init:
        load_into(model, os.path.join(init, "model.onnx"))
        step = epoch_start = first_step = int(metadata_of(os.path.join(init, "model.onnx")).get("training_steps", 0))
        print(f"continuing from {init}/model.onnx (step {step})", flush=True)
    for group in optimizer.param_groups:
        group.setdefault("initial_lr", group["lr"])
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule, last_epoch=step - 1)
    if os.path.exists(ckpt_path):
        ckpt = torch.load(ckpt_path)
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        scheduler.load_state_dict(ckpt["scheduler"])
        step, epoch, epoch_start = ckpt["step"], ckpt["epoch"], ckpt["epoch_start"]
        first_step = ckpt.get("first_step", 0)
        print(f"resumed at step {step} (epoch {epoch})", flush=True)
    train_items = [items[i] for i in train]
    started, last_ckpt = time.time(), time.time()

    def save():
        tmp = ckpt_path + ".tmp"
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "step": step, "epoch": epoch, "epoch_start": epoch_start,
                    "first_step": first_step,
                    "config": config}, tmp)
        os.replace(tmp, ckpt_path)

    while step < args.steps:
        epoch_rng = random.Random(args.seed * 1000 + epoch)
        plan = batches(train_items, args.max_frames, epoch_rng)
        for b in plan[step - epoch_start:]:  # on resume, the batches already done in this epoch are skipped
            if step >= args.steps:
                break
            batch = collate(train_items, b, neg_mean, inv_std, vocab, epoch_rng, True)
            loss, ctc, prompt_loss, _ = loss_of(model, batch)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            scheduler.step()
            step += 1
            if step % 25 == 0:
                print(f"step {step} epoch {epoch} ctc {ctc.item():.3f} prompt {prompt_loss.item():.3f} "
                      f"lr {scheduler.get_last_lr()[0]:.2e} elapsed {time.time() - started:.0f}s", flush=True)
            if step % 250 == 0:
                cer, prompt_acc = validate(model, items, valid, neg_mean, inv_std, vocab)
                print(f"valid step {step}: CER {cer:.4f} prompt-accuracy {prompt_acc:.3f}", flush=True)
            if time.time() - last_ckpt > args.checkpoint_minutes * 60:
                save()
                last_ckpt = time.time()
        if step - epoch_start >= len(plan):
            epoch, epoch_start = epoch + 1, step
    save()
    cer, prompt_acc = validate(model, items, valid, neg_mean, inv_std, vocab)
    print(f"final step {step}: valid CER {cer:.4f} prompt-accuracy {prompt_acc:.3f} "
          f"train time {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
