#!/usr/bin/env python3
"""The seed case's source, made the same way by bench/seed-case.sh and bench/durable.sh: 7,000 photos and documents
in year/album folders (fixed seed: the same names, sizes and times every time), scaled to about TOTAL_MB.

Usage: bench/seed-corpus.py SRC TOTAL_MB
"""
import os, random, sys
src, total_mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7000)
# Photos (most of the bytes) and documents (many small files), like a family archive.
kinds = [(".jpg", 0.70, 150_000), (".heic", 0.10, 120_000), (".pdf", 0.08, 60_000), (".docx", 0.07, 25_000),
         (".txt", 0.05, 2_000)]
sizes = []
for i in range(7000):
    r, acc = rnd.random(), 0.0
    for ext, share, mean in kinds:
        acc += share
        if r <= acc:
            break
    sizes.append((ext, max(1, int(rnd.expovariate(1 / mean)))))
scale = total_mb * 1_000_000 / sum(s for _, s in sizes)
block = os.urandom(1 << 20)
for i, (ext, size) in enumerate(sizes):
    year, album = 2010 + i % 10, (i // 10) % 14
    d = os.path.join(src, str(year), f"album-{album:02d}")
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, f"IMG_{i:05d}{ext}")
    n = max(1, int(size * scale))
    with open(p, "wb") as f:
        f.write(i.to_bytes(4, "little"))
        while n > 4:
            k = min(n - 4, len(block)); f.write(block[rnd.randrange(0, 1 << 10):][:k]); n -= k
    t_ns = (1262304000 + rnd.randrange(0, 10 * 365 * 86400)) * 10**9 + rnd.randrange(1, 10**9)
    os.utime(p, ns=(t_ns + rnd.randrange(0, 10**15), t_ns))
