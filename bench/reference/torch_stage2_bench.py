#!/usr/bin/env python3
"""PyTorch twin of Factor Studio's stage-2 training steps (MS-VAE and MS-GAN), for speed only.

Exactly our architectures (main/engine/image/models/), losses (main/engine/image/losses/stage2.ts)
and batch: 64x64x1, batch 64, |c| = 10, |z| = 32, stage-2 width 16 (channels 16-32-64-128).
  - frozen stage 1 (the reference's conv encoder/decoder): y = sigmoid(dec1(c)), c ~ q(c|x), no grad;
  - q(z | x - y): k4 s2 convs, instance norm (all but the first), leaky ReLU 0.2, dense -> mu,
    softplus(.) + 1e-4 -> sigma;
  - G(y, z): k4 s2 convs down to 4x4 and deconvs back up, each followed by instance norm and
    FiLM from z (s = 1 + W_s z, m = W_m z), leaky ReLU down / ReLU up, U-Net skips added, then
    a 1x1 conv over h plus a 1x1 conv over y;
  - MS-VAE loss: Bernoulli NLL (sum / batch) + KL(q(z|x,y) || N(0, I)); Adam;
  - MS-GAN: one discriminator update (concat(image, y), k4 s2 convs, leaky ReLU, dense -> logit)
    then one generator update, non-saturating losses, Adam(beta1 0.5).

Needs Debian's python3-torch; run with /usr/bin/python3. Prints one JSON object.
"""
import argparse, json, os, statistics, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'reference'))
from torch_tcvae_bench import Encoder, Decoder  # noqa: E402  (the stage-1 reference architecture)


def levels(width, n=4):
    return [width * 2 ** min(i, 3) for i in range(n)]


class Film(nn.Module):
    def __init__(self, z_dim, ch):
        super().__init__()
        self.scale = nn.Linear(z_dim, ch)
        self.shift = nn.Linear(z_dim, ch)

    def forward(self, h, z):
        h = F.instance_norm(h, eps=1e-5)
        return h * (1 + self.scale(z))[:, :, None, None] + self.shift(z)[:, :, None, None]


class Generator(nn.Module):
    def __init__(self, ch, z_dim, width):
        super().__init__()
        lv = levels(width)
        self.down = nn.ModuleList()
        self.down_film = nn.ModuleList()
        in_c = ch
        for out_c in lv:
            self.down.append(nn.Conv2d(in_c, out_c, 4, 2, 1))
            self.down_film.append(Film(z_dim, out_c))
            in_c = out_c
        self.up = nn.ModuleList()
        self.up_film = nn.ModuleList()
        for i in range(len(lv)):
            frm = len(lv) - 1 - i
            out_c = lv[frm - 1] if frm > 0 else width
            self.up.append(nn.ConvTranspose2d(in_c, out_c, 4, 2, 1))
            self.up_film.append(Film(z_dim, out_c))
            in_c = out_c
        self.out = nn.Conv2d(in_c, ch, 1)
        self.out_y = nn.Conv2d(ch, ch, 1)

    def forward(self, y, z):
        skips = []
        h = y
        for conv, film in zip(self.down, self.down_film):
            h = F.leaky_relu(film(conv(h), z), 0.2)
            skips.append(h)
        for i, (deconv, film) in enumerate(zip(self.up, self.up_film)):
            h = F.relu(film(deconv(h), z))
            j = len(skips) - 2 - i
            if j >= 0:
                h = h + skips[j]
        return self.out(h) + self.out_y(y)


class Encoder2(nn.Module):
    def __init__(self, ch, z_dim, width):
        super().__init__()
        lv = levels(width)
        self.convs = nn.ModuleList()
        in_c = ch
        for out_c in lv:
            self.convs.append(nn.Conv2d(in_c, out_c, 4, 2, 1))
            in_c = out_c
        self.mu = nn.Linear(16 * in_c, z_dim)
        self.sigma = nn.Linear(16 * in_c, z_dim)

    def forward(self, r):
        h = r
        for i, conv in enumerate(self.convs):
            c = conv(h)
            h = F.leaky_relu(c if i == 0 else F.instance_norm(c, eps=1e-5), 0.2)
        flat = h.flatten(1)
        return self.mu(flat), F.softplus(self.sigma(flat)) + 1e-4


class Discriminator(nn.Module):
    def __init__(self, ch, width):
        super().__init__()
        lv = levels(width)
        self.convs = nn.ModuleList()
        in_c = ch * 2
        for out_c in lv:
            self.convs.append(nn.Conv2d(in_c, out_c, 4, 2, 1))
            in_c = out_c
        self.out = nn.Linear(16 * in_c, 1)

    def forward(self, image, y):
        h = torch.cat([image, y], 1)
        for conv in self.convs:
            h = F.leaky_relu(conv(h), 0.2)
        return self.out(h.flatten(1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kind", choices=["vae", "gan"], default="vae")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--latent", type=int, default=10)
    p.add_argument("--z-dim", type=int, default=32)
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    enc1, dec1 = Encoder(1, a.latent), Decoder(1, a.latent)
    gen, enc2 = Generator(1, a.z_dim, a.width), Encoder2(1, a.z_dim, a.width)
    opt = torch.optim.Adam(list(gen.parameters()) + list(enc2.parameters()), lr=2e-4,
                           betas=(0.5, 0.999) if a.kind == "gan" else (0.9, 0.999))
    disc = Discriminator(1, a.width) if a.kind == "gan" else None
    disc_opt = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.999)) if disc else None
    data = (torch.rand(8, a.batch, 1, a.size, a.size) > 0.7).float()
    bce = F.binary_cross_entropy_with_logits
    times = []
    for i in range(a.warmup + a.steps):
        x = data[i % data.shape[0]]
        t0 = time.perf_counter()
        with torch.no_grad():
            mu1, logvar1 = enc1(x)
            y = torch.sigmoid(dec1(mu1 + torch.randn_like(mu1) * (0.5 * logvar1).exp()))
        if a.kind == "vae":
            opt.zero_grad()
            mu, sigma = enc2(x - y)
            z = mu + sigma * torch.randn_like(mu)
            recon = bce(gen(y, z), x, reduction="sum") / x.shape[0]
            kl = (0.5 * (mu ** 2 + sigma ** 2) - (sigma.log() + 0.5)).sum() / x.shape[0]
            loss = recon + kl
            loss.backward()
            opt.step()
        else:
            zs = (x.shape[0], a.z_dim)
            with torch.no_grad():
                fake = torch.sigmoid(gen(y, torch.randn(zs)))
            disc_opt.zero_grad()
            real_logits, fake_logits = disc(x, y), disc(fake, y)
            d_loss = bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
            d_loss.backward()
            disc_opt.step()
            opt.zero_grad()
            g_logits = disc(torch.sigmoid(gen(y, torch.randn(zs))), y)
            loss = bce(g_logits, torch.ones_like(g_logits))
            loss.backward()
            opt.step()
        dt = (time.perf_counter() - t0) * 1000
        if i >= a.warmup:
            times.append(dt)
    print(json.dumps({"impl": "pytorch", "kind": f"stage2-{a.kind}", "version": torch.__version__,
                      "threads": torch.get_num_threads(), "batch": a.batch, "size": a.size, "width": a.width,
                      "ms_per_step": round(statistics.median(times), 2),
                      "ms_min": round(min(times), 2), "ms_max": round(max(times), 2),
                      "final_loss": round(float(loss), 3)}))


if __name__ == "__main__":
    main()
