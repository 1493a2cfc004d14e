"""Work on untrusted input in a separate process, with a time and a memory limit, a few at a time.

The app serves every user from one process; parsing and checking a big upload there would hold it
(and its memory) for everyone, and a parser that crashes would end it. `run_bounded` runs the function
in a fresh Python process (`python -m base.bounded`: the call goes in and the answer comes back
pickled through its standard input and output), limits that process's address space, kills it when it
overruns, and lets at most `SLOTS` such processes run at once per server process: further uploads
wait their turn instead of stalling the server. A fresh interpreter, not a fork: the app's threads
and its script-as-`__main__` (Streamlit's) must not be copied into the worker. The worker speaks the
caller's language (`base.i18n`), so the problems it finds read as the caller's would.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import subprocess
import sys
import threading
from typing import Any, Callable, TypeVar

from base.i18n import _, language, number, using

T = TypeVar("T")

SLOTS = 2  # workers at once per server process
TIMEOUT = 120.0  # seconds a worker may take
MEMORY = 3 << 30  # bytes of address space a worker may use

_slots = threading.BoundedSemaphore(SLOTS)
_log = logging.getLogger("ffgrid.bounded")


class Overrun(Exception):
    """The work took longer than its time, ran out of its memory, or its process died."""


def run_bounded(fn: Callable[..., T], *args: Any, timeout: float = TIMEOUT, memory: int = MEMORY) -> T:
    """`fn(*args)` in a bounded worker process; its exception is raised here, `Overrun` if it overran.

    `fn`, its arguments, its result and its exceptions must pickle (module-level functions, plain data).
    """
    call = pickle.dumps((fn, args, language()), protocol=pickle.HIGHEST_PROTOCOL)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    with _slots:
        worker = subprocess.Popen([sys.executable, "-m", "base.bounded", str(memory)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        try:
            out, err = worker.communicate(call, timeout=timeout)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.communicate()
            raise Overrun(_("it took longer than {seconds} s").format(seconds=number(timeout, 0))) from None
    if worker.returncode != 0 or not out:
        _log.warning("bounded worker ended with %s: %s", worker.returncode, err.decode(errors="replace")[-2000:])
        raise Overrun(_("its worker process ended without an answer (out of memory?)"))
    ok, value = pickle.loads(out)
    if ok:
        return value
    raise value


def _serve(memory: int) -> None:
    """The worker's side: read the call, limit this process, answer (or the exception) on stdout, in
    the caller's language."""
    fn, args, speaking = pickle.loads(sys.stdin.buffer.read())
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    with using(speaking):
        try:
            answer: tuple[bool, Any] = (True, fn(*args))
        except MemoryError:
            answer = (False, Overrun(_("it needs more memory than an upload may use")))
        except Exception as err:  # noqa: BLE001 - handed to the caller, which raises it
            answer = (False, err)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps((False, Overrun(_("its answer needs more memory than an upload may use"))))
        except Exception as err:  # noqa: BLE001 - an exception that does not pickle: its words do
            data = pickle.dumps((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]} ({err})")))
    sys.stdout.buffer.write(data)


if __name__ == "__main__":  # by its module name, so that its exceptions pickle as base.bounded's
    from base.bounded import _serve as serve

    serve(int(sys.argv[1]))
