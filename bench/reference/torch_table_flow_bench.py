#!/usr/bin/env python3
"""PyTorch twin of Factor Studio's tabular stage-2 flow step, for speed only.

Exactly ours (main/engine/table/model/coupling-flow.ts, steps.ts): 20 numeric columns, batch 256,
MLP 128-128 stage 1 (frozen: y = dec1(c), c ~ q(c|x), no grad), a conditional coupling flow on
the residual r = x - y + noise given y: base m, s = MLP[w, 128, 2w](y) with s = 3 tanh(s / 3),
then 6 affine couplings with alternating masks, each a, b = head(relu(MLP[2w, 128, 128]([mask*u, y])))
with a = 3 tanh(a / 3) on the free positions; loss = -mean log p(r | y); Adam.

Needs Debian's python3-torch; run with /usr/bin/python3. Prints one JSON object.
"""
import argparse, json, math, statistics, time
import torch
import torch.nn as nn

MAX_LOG_SCALE = 3.0
HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def mlp(dims):
    layers = []
    for i in range(len(dims) - 1):
        layers.append(nn.Linear(dims[i], dims[i + 1]))
        if i < len(dims) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def masks(width, layers):
    out = []
    for l in range(layers):
        bit = [(j % 2) if l % 4 < 2 else (1 if j < width / 2 else 0) for j in range(width)]
        out.append(torch.tensor([b if l % 2 == 0 else 1 - b for b in bit], dtype=torch.float32))
    return out


class Flow(nn.Module):
    def __init__(self, width, hidden, layers):
        super().__init__()
        self.base = mlp([width, hidden, 2 * width])
        self.trunks = nn.ModuleList([mlp([2 * width, hidden, hidden]) for _ in range(layers)])
        self.heads = nn.ModuleList([nn.Linear(hidden, 2 * width) for _ in range(layers)])
        self.masks = masks(width, layers)

    def log_prob(self, r, y):
        m, s = self.base(y).chunk(2, dim=1)
        s = MAX_LOG_SCALE * torch.tanh(s / MAX_LOG_SCALE)
        u = (r - m) * torch.exp(-s)
        log_det = -s.sum(1)
        for mask, trunk, head in zip(self.masks, self.trunks, self.heads):
            a, b = head(torch.relu(trunk(torch.cat([u * mask, y], 1)))).chunk(2, dim=1)
            free = 1 - mask
            a = MAX_LOG_SCALE * torch.tanh(a / MAX_LOG_SCALE) * free
            u = u * torch.exp(a) + b * free
            log_det = log_det + a.sum(1)
        return -(0.5 * u ** 2 + HALF_LOG_2PI).sum(1) + log_det


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--columns", type=int, default=20)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--latent", type=int, default=8)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--layers", type=int, default=6)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    w, h = a.columns, a.hidden
    enc1, dec1 = mlp([w, h, h, 2 * a.latent]), mlp([a.latent, h, h, w])
    flow = Flow(w, h, a.layers)
    opt = torch.optim.Adam(flow.parameters(), lr=1e-3)
    data = torch.randn(8, a.batch, w)
    times = []
    for i in range(a.warmup + a.steps):
        x = data[i % data.shape[0]]
        t0 = time.perf_counter()
        with torch.no_grad():
            mu, logvar = enc1(x).chunk(2, dim=1)
            y = dec1(mu + torch.randn_like(mu) * (0.5 * logvar).exp())
        opt.zero_grad()
        r = x - y + 0.05 * torch.randn_like(x)
        loss = -flow.log_prob(r, y).mean()
        loss.backward()
        opt.step()
        dt = (time.perf_counter() - t0) * 1000
        if i >= a.warmup:
            times.append(dt)
    print(json.dumps({"impl": "pytorch", "kind": "table-flow", "version": torch.__version__, "threads": torch.get_num_threads(),
                      "batch": a.batch, "columns": w, "layers": a.layers,
                      "ms_per_step": round(statistics.median(times), 2), "ms_min": round(min(times), 2), "ms_max": round(max(times), 2),
                      "final_loss": round(float(loss), 3)}))


if __name__ == "__main__":
    main()
