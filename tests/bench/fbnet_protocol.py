#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The FBNet protocol of docs/benchmarks.md (bench_predictor --only fbnet, section 3), run
through calibra-cli alone, as a user adapting Calibra to their own devices would:

  1. fbnet_tables writes the 5,000 FBNet networks as ONNX files and the 27 devices'
     latencies as a measurement table (docs/formats.md);
  2. every device is profiled on the first half of the networks
     (predictor finetune --method profile), making 27 reference devices;
  3. for each device and N in 10, 20, 50, the offline model is adapted on the first N
     networks' measurements by calibrate, transfer (from the other hardware's profiles;
     a GPU's other batch sizes excluded) and auto (given the same references);
  4. predictor evaluate scores each model on the second half, networks no fit has seen.

usage: fbnet_protocol.py BUILD_DIR WORK_DIR [--devices K]
Prints one row per device and the means; takes about half an hour on two cores.
"""
import csv
import json
import os
import subprocess
import sys
import time

PLATFORM = "builtin:mobile-npu-m"  # the devices are not presets: one generic target
SIZES = (10, 20, 50)
METHODS = ("calibrate", "transfer", "auto")


def hardware_of(device):
    """A GPU's columns at batch 1, 32 and 64 are one device to transfer from."""
    head, _, tail = device.rpartition("_")
    return head if head and tail in ("1", "32", "64") else device


def run(args):
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (done.returncode, " ".join(args), done.stderr))
    return done.stdout


def write_rows(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    build, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    max_devices = int(sys.argv[sys.argv.index("--devices") + 1]) if "--devices" in sys.argv else None
    cli = os.path.join(build, "bin", "calibra-cli")
    data = os.path.join(work, "fbnet")
    start = time.time()
    if not os.path.exists(os.path.join(data, "latency.csv")):
        run([os.path.join(build, "tests", "bench", "fbnet_tables"), data, "--format", "onnx"])
    with open(os.path.join(data, "latency.csv")) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    devices = [c[: -len("_ms")] for c in header[1:]]
    half = len(body) // 2
    tables = {"first-half": body[:half], "second-half": body[half:]}
    for n in SIZES:
        tables["first-%d" % n] = body[:n]
    for name, part in tables.items():
        write_rows(os.path.join(data, name + ".csv"), header, part)
    table = lambda name: os.path.join(data, name + ".csv")

    profiles = os.path.join(work, "profiles")
    os.makedirs(profiles, exist_ok=True)
    for d in devices:
        out = os.path.join(profiles, d + ".pt")
        if not os.path.exists(out):
            run([cli, "predictor", "finetune", "--measurements", table("first-half"), "--device", d,
                 "--method", "profile", "-p", PLATFORM, "-o", out])
    print("reference profiles: %d devices, each from its first %d networks, %.0f s"
          % (len(devices), half, time.time() - start))

    def evaluate(model, device):
        report = json.loads(run([cli, "predictor", "evaluate", "-m", model, "-p", PLATFORM,
                                 "--measurements", table("second-half"), "--device", device, "--json"]))
        latency = report["metrics"]["latency"]
        return latency["spearman"], latency["within_10"], len(report["implausible"])

    print("%-16s %7s" % ("device", "rho@0") + "".join(" %5.5s@%-3d" % (m, n) for m in METHODS for n in SIZES)
          + " %8s" % "10%@20t")
    sums = {(m, n): [0.0, 0.0] for m in METHODS for n in SIZES}
    offline_sum, flagged = 0.0, 0
    chosen = {n: 0 for n in SIZES}
    model = os.path.join(work, "adapted.pt")
    used = devices[:max_devices] if max_devices else devices
    for d in used:
        rho0, _, implausible = evaluate("builtin:offline", d)
        offline_sum += rho0
        flagged += implausible
        line = "%-16s %7.4f" % (d, rho0)
        within20 = 0.0
        for method in METHODS:
            for n in SIZES:
                args = [cli, "predictor", "finetune", "--measurements", table("first-%d" % n), "--device", d,
                        "--method", method, "-p", PLATFORM, "-o", model]
                if method != "calibrate":
                    for r in devices:
                        if hardware_of(r) != hardware_of(d):
                            args += ["--reference", os.path.join(profiles, r + ".pt")]
                out = run(args)
                if method == "auto" and "-> transfer" in out:
                    chosen[n] += 1
                rho, within, _ = evaluate(model, d)
                sums[(method, n)][0] += rho
                sums[(method, n)][1] += within
                if method == "transfer" and n == 20:
                    within20 = within
                line += " %9.4f" % rho
        print(line + " %7.1f%%" % (within20 * 100), flush=True)
    k = float(len(used))
    print("mean over %d devices: offline rho %.3f" % (len(used), offline_sum / k))
    for m in METHODS:
        print("  %-9s rho %s, within 10%% %s (%s samples)" % (
            m, " / ".join("%.3f" % (sums[(m, n)][0] / k) for n in SIZES),
            " / ".join("%.1f%%" % (sums[(m, n)][1] / k * 100) for n in SIZES),
            " / ".join(str(n) for n in SIZES)))
    print("auto chose the transfer on %s of %d devices; implausible rows flagged by the offline model: %d; %.0f s"
          % (" / ".join(str(chosen[n]) for n in SIZES), len(used), flagged, time.time() - start))


if __name__ == "__main__":
    main()
