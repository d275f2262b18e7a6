"""Load on the explorer's API: many concurrent clients against ``etunnel serve`` on 127.0.0.1.

Starts ``etunnel serve`` on a free loopback port in a child process, then for
each endpoint runs ``--clients`` asyncio clients for ``--seconds`` seconds,
each on its own keep-alive connection, sending its next request as soon as the
last one is answered. Clients are ``httpx.AsyncClient`` (default) or, with
``--client raw``, bare asyncio streams: on a shared 2-core machine httpx spends
several times more CPU per request than the server does, so the raw client
shows what the server itself sustains. Reports requests per second, latency
percentiles (p50/p95/p99) and errors (non-200 answers or transport errors).

The model endpoint is asked for a different c on each request (a sweep of
1000 values, as a slider moves), so its answers are computed, not served from
the cache, at least on the first pass. The diagram endpoint is asked for the
page's default Hg view (61 x 41 grid); the first request computes it (its
time is reported as ``cold``), later ones are served from the cache.
The baseline measured in the same run is ``/api/v1/conventions`` (no
computation: the server's own overhead); the ratio column is latency p50
relative to it.

Goals (issue 11, 2-core machine): model p95 < 50 ms with 0 errors; diagram
p95 < 1 s. Loopback only; bounded: at most 200 clients and 120 s per endpoint.

    python benchmarks/bench_web_load.py [--clients 50] [--seconds 30] [--client httpx|raw]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time

import httpx
import numpy as np

MAX_CLIENTS = 200
MAX_SECONDS = 120.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "etunnel", "serve", "--host", "127.0.0.1", "--port", str(port)],
                               env=os.environ.copy(), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/conventions", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


async def _httpx_client(base: str, urls, stop: float, latencies: list, errors: list, offset: int) -> None:
    i = offset
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:  # one keep-alive connection per client
        while time.perf_counter() < stop:
            url = urls[i % len(urls)]
            i += 1
            started = time.perf_counter()
            try:
                response = await http.get(url)
                ok, kind = response.status_code == 200, str(response.status_code)
            except httpx.HTTPError as exc:
                ok, kind = False, type(exc).__name__
            latencies.append(time.perf_counter() - started)
            if not ok:
                errors.append(kind)


async def _raw_client(base: str, urls, stop: float, latencies: list, errors: list, offset: int) -> None:
    """HTTP/1.1 GETs on one keep-alive connection with asyncio streams (a few µs of client CPU per request)."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    i = offset
    try:
        while time.perf_counter() < stop:
            url = urls[i % len(urls)]
            i += 1
            started = time.perf_counter()
            try:
                writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                await reader.readexactly(length)
                ok, kind = status == 200, str(status)
            except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration) as exc:
                ok, kind = False, type(exc).__name__
                writer.close()
                reader, writer = await asyncio.open_connection(host, int(port))
            latencies.append(time.perf_counter() - started)
            if not ok:
                errors.append(kind)
    finally:
        writer.close()


async def _load(base: str, urls: list[str], clients: int, seconds: float, kind: str) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    client = _raw_client if kind == "raw" else _httpx_client
    started = time.perf_counter()
    stop = started + seconds
    await asyncio.gather(*(client(base, urls, stop, latencies, errors, k * 37) for k in range(clients)))
    elapsed = time.perf_counter() - started
    lat = np.array(latencies) * 1e3
    return {"requests": lat.size, "rps": lat.size / elapsed, "p50": np.percentile(lat, 50),
            "p95": np.percentile(lat, 95), "p99": np.percentile(lat, 99), "errors": len(errors),
            "error_kinds": sorted(set(errors))[:3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help=f"concurrent clients (1 to {MAX_CLIENTS})")
    parser.add_argument("--seconds", type=float, default=30.0, help=f"seconds per endpoint (1 to {MAX_SECONDS:g})")
    parser.add_argument("--client", choices=("httpx", "raw"), default="httpx",
                        help="httpx.AsyncClient per client, or raw asyncio streams (far less client CPU)")
    args = parser.parse_args()
    if not 1 <= args.clients <= MAX_CLIENTS:
        parser.error(f"--clients must be in [1, {MAX_CLIENTS}]")
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be in [1, {MAX_SECONDS:g}]")
    port = _free_port()
    server = _start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        model_urls = [f"/api/v1/model?rv=149&rb=155&c={c:.4f}" for c in np.linspace(0.0005, 0.9995, 1000)]
        diagram_url = "/api/v1/diagram/Hg?t_min=0&t_max=300&t_points=61&p_min=0&p_max=40&p_points=41"
        started = time.perf_counter()
        cold = httpx.get(base + diagram_url, timeout=120)
        cold_ms = (time.perf_counter() - started) * 1e3
        assert cold.status_code == 200, cold.text
        runs = [("baseline /api/v1/conventions", ["/api/v1/conventions"]),
                ("model /api/v1/model (c sweep)", model_urls),
                ("diagram /api/v1/diagram/Hg (61x41)", [diagram_url])]
        results = {name: asyncio.run(_load(base, urls, args.clients, args.seconds, args.client))
                   for name, urls in runs}
    finally:
        server.terminate()
        server.wait(timeout=30)
    base_p50 = results["baseline /api/v1/conventions"]["p50"]
    print(f"{args.clients} {args.client} clients x {args.seconds:g} s per endpoint, `etunnel serve` on 127.0.0.1; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")
    print(f"diagram cold (first request, computed): {cold_ms:.0f} ms")
    print("| endpoint | requests/s | p50 ms | p95 ms | p99 ms | errors | p50 × baseline |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} | "
              f"{r['p50'] / base_p50:.2f} |")
    model, diagram = results["model /api/v1/model (c sweep)"], results["diagram /api/v1/diagram/Hg (61x41)"]
    print(f"goal model p95 < 50 ms, 0 errors: {'met' if model['p95'] < 50 and model['errors'] == 0 else 'NOT met'}")
    print(f"goal diagram p95 < 1000 ms: {'met' if diagram['p95'] < 1000 else 'NOT met'}")
    for name, r in results.items():
        if r["error_kinds"]:
            print(f"{name}: errors {r['error_kinds']}")


if __name__ == "__main__":
    main()
