#!/usr/bin/env python3
"""PyTorch twin of Factor Studio's generation (bench/generate-speed.ts), for speed only.

The same forward passes as ours, no gradients, with the model definitions of the training twins:
  --kind images: c ~ N(0, I) -> y = sigmoid(dec1(c)) (the stage-1 reference decoder), z from
    stage 2's prior (a diagonal Gaussian, mean + std * eps) -> x = sigmoid(G(y, z))
    (torch_stage2_bench.Generator), read back as a NumPy array; as main/engine/image/sampling.ts.
  --kind table: c ~ N(0, I) -> y = activate(dec1(c)) (MLP [|c|, h, h, w]; softmax per
    categorical span, sigmoid on missing flags), u ~ N(0, I) -> y + flow^-1(u; y)
    (torch_table_flow_bench.Flow, inverted as coupling-flow.ts does); as table/model/sample.ts.
    Decoding to values (our TableEncoder) has no twin: only the encoded rows are compared.
Each batch size is timed over --repeats after --warmup; prints one JSON object with, per batch,
min / median / max ms and items per second at the median, and the peak RSS.

Needs Debian's python3-torch; run with /usr/bin/python3.
"""
import argparse, json, resource, statistics, sys, time
import torch
import torch.nn.functional as F



def image_sampler(a):
    # Imported here: the image twin needs ../shared/reference (the stage-1 decoder), the table one does not.
    from torch_stage2_bench import Generator, Decoder  # Decoder: the stage-1 reference's, imported there
    dec1, gen = Decoder(1, a.latent).eval(), Generator(1, a.z_dim, a.width).eval()
    z_mean, z_std = torch.zeros(a.z_dim), torch.ones(a.z_dim)

    def sample(n):
        y = torch.sigmoid(dec1(torch.randn(n, a.latent)))
        x = torch.sigmoid(gen(y, z_mean + z_std * torch.randn(n, a.z_dim)))
        return x.numpy()
    return sample


def invert_flow(flow, u, y):
    """r = flow^-1(u; y), as coupling-flow.ts invert: couplings last to first, then the base Gaussian."""
    from torch_table_flow_bench import MAX_LOG_SCALE
    for mask, trunk, head in reversed(list(zip(flow.masks, flow.trunks, flow.heads))):
        a, b = head(torch.relu(trunk(torch.cat([u * mask, y], 1)))).chunk(2, dim=1)
        free = 1 - mask
        a = MAX_LOG_SCALE * torch.tanh(a / MAX_LOG_SCALE) * free
        u = (u - b * free) * torch.exp(-a)
    m, s = flow.base(y).chunk(2, dim=1)
    return u * torch.exp(MAX_LOG_SCALE * torch.tanh(s / MAX_LOG_SCALE)) + m


def spans(text):
    return [tuple(int(v) for v in s.split(":")) for s in text.split(",") if s]


def table_sampler(a):
    from torch_table_flow_bench import Flow, mlp
    w, h = a.width, a.hidden
    dec1, flow = mlp([a.latent, h, h, w]).eval(), Flow(w, h, a.layers).eval()
    categorical = spans(a.categorical)
    missing = torch.zeros(w)
    for i in (int(v) for v in a.missing.split(",") if v):
        missing[i] = 1

    def activate(raw):
        out = raw * (1 - missing) + torch.sigmoid(raw) * missing
        if not categorical:
            return out
        pieces, at = [], 0
        for start, width in categorical:
            if start > at:
                pieces.append(out[:, at:start])
            pieces.append(torch.softmax(raw[:, start:start + width], dim=1))
            at = start + width
        if at < w:
            pieces.append(out[:, at:])
        return torch.cat(pieces, 1)

    def sample(n):
        y = activate(dec1(torch.randn(n, a.latent)))
        return (y + invert_flow(flow, torch.randn(n, w), y)).numpy()
    return sample


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kind", choices=["images", "table"], default="images")
    p.add_argument("--batches", default="1,64", help="comma-separated batch sizes")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--latent", type=int, default=10)
    # images
    p.add_argument("--z-dim", type=int, default=32)
    p.add_argument("--width", type=int, default=16, help="images: stage-2 width; table: encoded width")
    # table
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--layers", type=int, default=6)
    p.add_argument("--categorical", default="", help="start:width of each categorical span, comma-separated")
    p.add_argument("--missing", default="", help="positions of missing flags, comma-separated")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    sample = image_sampler(a) if a.kind == "images" else table_sampler(a)
    results = []
    with torch.no_grad():
        for n in (int(v) for v in a.batches.split(",")):
            times = []
            for i in range(a.warmup + a.repeats):
                t0 = time.perf_counter()
                sample(n)
                if i >= a.warmup:
                    times.append((time.perf_counter() - t0) * 1000)
            median = statistics.median(times)
            results.append({"batch": n, "repeats": a.repeats, "ms_min": round(min(times), 2), "ms_median": round(median, 2),
                            "ms_max": round(max(times), 2), "per_s": round(n / (median / 1000), 1)})
    # ru_maxrss is in kB on Linux (bytes on macOS).
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    print(json.dumps({"impl": "pytorch", "kind": f"generate-{a.kind}", "version": torch.__version__,
                      "threads": torch.get_num_threads(), "results": results, "peak_rss_mb": round(rss)}))


if __name__ == "__main__":
    main()
