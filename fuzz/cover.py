#!/usr/bin/env python3
"""Keeps a small corpus: the greedy set cover, by coverage edges, of the
inputs in a libFuzzer merge control file, capped at K files.

    cargo fuzz run --sanitizer none TARGET /tmp/merged fuzz/work/TARGET fuzz/seeds/TARGET \
        -- -merge=1 -use_counters=0 -merge_control_file=/tmp/ctl
    python3 fuzz/cover.py /tmp/ctl fuzz/corpus/TARGET 40
"""
import os
import shutil
import sys

control, outdir, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(control).read().split("\n")
n = int(lines[0])
paths = lines[2 : 2 + n]
cov, sizes = {}, {}
for line in lines[2 + n :]:
    p = line.split()
    if p and p[0] == "STARTED":
        sizes[int(p[1])] = int(p[2])
    elif p and p[0] == "COV":
        cov[int(p[1])] = set(p[2:])
every = set().union(*cov.values())
covered, chosen = set(), []
while len(chosen) < k:
    # The most new edges; the smaller file on a tie.
    best = max(cov, key=lambda i: (len(cov[i] - covered), -sizes.get(i, 0)))
    if not cov[best] - covered:
        break
    chosen.append(best)
    covered |= cov[best]
print(
    f"{len(chosen)} files cover {len(covered)} of the {len(every)} edges "
    f"({100 * len(covered) / len(every):.1f}%) of {len(cov)} inputs"
)
# Read first: the output directory may be one of the inputs.
kept = {os.path.basename(paths[i]): open(paths[i], "rb").read() for i in chosen}
shutil.rmtree(outdir, ignore_errors=True)
os.makedirs(outdir)
for name, data in kept.items():
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)
