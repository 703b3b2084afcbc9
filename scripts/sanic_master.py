"""The Rasa server's master process when it runs several workers (SANIC_WORKERS > 1).

Sanic 21.12 (`serve_multiple`) forks its workers from the master after Rasa has
imported everything it imports (and, with HEADACHE_ACTION_URL=in-process, after the
custom actions are loaded); each worker then loads the model itself. From then on the
master does nothing but wait for its workers and pass SIGINT / SIGTERM on to them, yet
it stayed about 190 MB resident: every module of Rasa, its channels and the actions.
Most of those pages the workers no longer share with it (reference counts and the
garbage collector write to them, and the kernel gives the writer its own copy), so
the master's copy was memory nobody used (measured in the bench, two workers: the
master 192 MB resident, 86 MB of it its own; each worker 330 MB).

So here, once the workers are started, the master replaces itself (exec: the same
process id, the same children, the same parent and death signal) with `wait` below,
a Python started without `site` that imports nothing beyond os, signal and sys (8 MB
resident, 3 MB of it its own), and does exactly what Sanic's master does from then on:
SIGINT or SIGTERM is passed on to every worker as SIGTERM; it waits until every worker
has exited, says "Server Stopped" and exits 0. The pages the two workers still share stay shared
between them. Before forking, the master's objects are frozen (`gc.freeze()`, after a
collection), so that the workers' garbage collector never walks them and so never
writes to the pages they share.

Sanic's own `serve_multiple` runs unchanged (and this is not installed) on another
Sanic version, when a `main_process_stop` listener must run in the master after the
workers stop, or when the exec fails. Installed by scripts/launch.py in the Rasa
server only. Only os, signal and sys may be imported at module level: the waiting
master runs this file with `python -I -S`.
"""
from __future__ import annotations

import os
import signal
import sys

SANIC_VERSION = "21.12.2"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def install() -> bool:
    """Use `serve_multiple` below for Sanic's; False (nothing changed) on another Sanic."""
    import sanic
    import sanic.app
    import sanic.server
    import sanic.server.runners

    if sanic.__version__ != SANIC_VERSION:
        import logging

        logging.getLogger(__name__).warning(
            "sanic %s is not %s: its master process keeps everything it imported",
            sanic.__version__, SANIC_VERSION)
        return False
    if getattr(sanic.app.serve_multiple, "headache_slim_master", False):
        return True
    original = sanic.server.runners.serve_multiple

    def serve_multiple_here(server_settings, workers):
        return serve_multiple(server_settings, workers, original)

    serve_multiple_here.headache_slim_master = True   # type: ignore[attr-defined]
    sanic.app.serve_multiple = serve_multiple_here     # what Sanic.run calls
    sanic.server.serve_multiple = serve_multiple_here
    sanic.server.runners.serve_multiple = serve_multiple_here
    return True


def serve_multiple(server_settings, workers, original):
    """Sanic 21.12.2's `serve_multiple` (sanic/server/runners.py) up to the start of
    the workers, then `exec_waiter`. Sanic's own when a main_process_stop listener is
    registered (it has to run in this master, after the workers stop)."""
    if server_settings.get("main_stop"):
        return original(server_settings, workers)
    import asyncio
    import gc
    import multiprocessing

    from sanic.log import logger
    from sanic.server.events import trigger_events
    from sanic.server.runners import serve
    from sanic.server.socket import bind_socket, bind_unix_socket, remove_unix_socket

    server_settings["reuse_port"] = True
    server_settings["run_multiple"] = True
    main_start = server_settings.pop("main_start", None)
    server_settings.pop("main_stop", None)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    trigger_events(main_start, loop)

    sock = server_settings.get("sock")
    unix = server_settings["unix"]
    backlog = server_settings["backlog"]
    if unix:
        sock = bind_unix_socket(unix, backlog=backlog)
        server_settings["unix"] = unix
    if sock is None:
        sock = bind_socket(server_settings["host"], server_settings["port"], backlog=backlog)
        sock.set_inheritable(True)
        server_settings["sock"] = sock
        server_settings["host"] = None
        server_settings["port"] = None

    processes = []

    def sig_handler(signum, frame):
        logger.info("Received signal %s. Shutting down.", signal.Signals(signum).name)
        for process in processes:
            os.kill(process.pid, signal.SIGTERM)

    for stop in STOP_SIGNALS:
        signal.signal(stop, sig_handler)
    # Everything imported so far (Rasa, the channels, the actions) is what the workers
    # inherit: out of the collector's reach, so that it never unshares those pages.
    gc.collect()
    gc.freeze()
    mp = multiprocessing.get_context("fork")
    for _ in range(workers):
        process = mp.Process(target=serve, kwargs=server_settings)
        process.daemon = True
        process.start()
        processes.append(process)

    exec_waiter([process.pid for process in processes])   # returns only if exec failed

    for process in processes:
        process.join()
    for process in processes:
        process.terminate()
    sock.close()
    loop.close()
    remove_unix_socket(unix)


def waiter_command(pids) -> list[str]:
    return [sys.executable, "-I", "-S", os.path.abspath(__file__), *map(str, pids)]


def exec_waiter(pids) -> None:
    """Replace this process with `wait` for `pids`; returns only when exec fails.
    A stop signal that arrives meanwhile is held (blocked) until `wait` handles it."""
    import logging

    for handler in logging.getLogger().handlers + logging.getLogger("sanic.root").handlers:
        handler.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        os.execv(sys.executable, waiter_command(pids))
    except OSError as error:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        logging.getLogger(__name__).warning("the master could not slim down (%s); it waits "
                                            "for its workers as it is", error)


def wait(pids) -> int:
    """What Sanic's master does once its workers run: pass SIGINT / SIGTERM on to them
    as SIGTERM, wait until all have exited, exit 0."""
    running = set(pids)

    def stop(signum, frame):
        print(f"Received signal {signal.Signals(signum).name}. Shutting down.", file=sys.stderr,
              flush=True)
        for pid in list(running):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, stop)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    while running:
        try:
            pid, _ = os.wait()
        except ChildProcessError:     # none left (not ours to wait for after all)
            break
        running.discard(pid)
    print("Server Stopped", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(wait([int(pid) for pid in sys.argv[1:]]))
