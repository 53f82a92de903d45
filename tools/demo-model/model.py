"""A small conformer-style CTC encoder with the SenseVoice prompt: 4 learned embeddings (language, event, emotion,
text-norm) are prepended to the projected LFR features, so the logits have T+4 frames as in the sherpa export."""
import math

import torch
from torch import nn


class SelfAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)

    def forward(self, x, mask):
        n, t, d = x.shape
        q, k, v = self.qkv(x).reshape(n, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d // self.heads)
        scores = scores.masked_fill(~mask[:, None, None, :], -1e4)
        y = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.out(y.transpose(1, 2).reshape(n, t, d))


class ConvModule(nn.Module):
    def __init__(self, dim, kernel):
        super().__init__()
        self.depthwise = nn.Conv1d(dim, dim, kernel, padding=kernel // 2, groups=dim)
        self.norm = nn.LayerNorm(dim)
        self.pointwise = nn.Linear(dim, dim)

    def forward(self, x, mask):
        x = x * mask[:, :, None].to(x.dtype)
        x = self.depthwise(x.transpose(1, 2)).transpose(1, 2)
        return self.pointwise(nn.functional.silu(self.norm(x)))


class Block(nn.Module):
    def __init__(self, dim, heads, ffn, kernel, dropout):
        super().__init__()
        self.norm_att, self.att = nn.LayerNorm(dim), SelfAttention(dim, heads)
        self.norm_conv, self.conv = nn.LayerNorm(dim), ConvModule(dim, kernel)
        self.norm_ffn = nn.LayerNorm(dim)
        self.ffn = nn.Sequential(nn.Linear(dim, ffn), nn.SiLU(), nn.Dropout(dropout), nn.Linear(ffn, dim))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask):
        x = x + self.drop(self.att(self.norm_att(x), mask))
        x = x + self.drop(self.conv(self.norm_conv(x), mask))
        return x + self.drop(self.ffn(self.norm_ffn(x)))


class DemoSenseVoice(nn.Module):
    def __init__(self, vocab_size, dim=256, heads=4, ffn=768, layers=6, kernel=15, dropout=0.1, feat_dim=560):
        super().__init__()
        self.dim = dim
        self.prompt = nn.Embedding(16, dim)
        self.input = nn.Sequential(nn.Linear(feat_dim, dim), nn.LayerNorm(dim), nn.Dropout(dropout))
        self.blocks = nn.ModuleList(Block(dim, heads, ffn, kernel, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.ctc_lo = nn.Linear(dim, vocab_size)

    def positions(self, t, device):
        pos = torch.arange(t, device=device, dtype=torch.float32)[:, None]
        freq = torch.exp(torch.arange(0, self.dim, 2, device=device, dtype=torch.float32) * (-math.log(10000.0) / self.dim))
        angles = pos * freq[None, :]
        return torch.stack([torch.sin(angles), torch.cos(angles)], dim=-1).reshape(t, self.dim)

    def forward(self, x, x_length, language, text_norm):
        """x (N,T,560) CMVN-normalised LFR features; x_length, language, text_norm int (N). Returns logits (N,T+4,V)."""
        n = x.shape[0]
        event = torch.ones_like(language)
        emotion = torch.full_like(language, 2)
        prompt = self.prompt(torch.stack([language, event, emotion, text_norm], dim=1).long())
        h = torch.cat([prompt, self.input(x)], dim=1)
        t = h.shape[1]
        h = h + self.positions(t, h.device)[None]
        mask = torch.arange(t, device=h.device)[None, :] < (x_length.long() + 4)[:, None]
        for block in self.blocks:
            h = block(h, mask)
        return self.ctc_lo(self.norm(h))
