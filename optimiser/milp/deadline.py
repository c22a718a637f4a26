"""A real wall-clock deadline: work run in a forked child process, killed at the deadline.

HiGHS 1.16 checks its own limit only between phases (at 100,000 candidates a 60 s limit returned after
206 s). The child is deaf to Ctrl-C, in its own process group, dies with its parent (Linux
PR_SET_PDEATHSIG), and is always killed and reaped before the parent goes on.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import NoReturn

from ..errors import SolverError
from ..messages import say
from .problem import Report, Solution

DEADLINE_MARGIN_S, DEADLINE_MARGIN_SHARE = 2.0, 0.05  # the promise: the limit holds within max(2 s, 5 %)
PR_SET_PDEATHSIG = 1             # linux/prctl.h
_STOPS = {signal.SIGINT, signal.SIGTERM}


def grace_s(time_limit_s: float) -> float:
    """How long after its limit the solver may still finish by itself: half the margin promised, so
    that ending the child and reading its last solution fit in the other half."""
    return 0.5 * max(DEADLINE_MARGIN_S, DEADLINE_MARGIN_SHARE * time_limit_s)


def in_child(work: Callable[[Report], Solution], report: Report, seconds: float) -> Solution | None:
    """`work` run in a child process for at most `seconds` of wall clock, its reports passed to `report`.

    Returns its Solution, or None when the deadline came first; raises SolverError if the child ends
    without an answer. The child is killed and reaped before this returns or raises, whatever happens
    (an exception, KeyboardInterrupt, SystemExit from a signal handler), and dies with this process.
    """
    deadline = time.monotonic() + seconds
    parent = os.getpid()
    reader, writer = Pipe(duplex=False)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)  # no signal handler between fork and try
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    if pid == 0:
        _child(work, reader, writer, mask, parent)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        writer.close()
        while (left := deadline - time.monotonic()) > 0 and reader.poll(left):
            message = reader.recv()  # EOFError (or OSError mid-message): the child ended without an answer
            if isinstance(message, Solution):
                return message
            if isinstance(message, str):
                raise SolverError(message)
            report(*message)
        return None
    except (EOFError, OSError):
        pass  # said below, once the child is reaped and its end known
    finally:
        reader.close()
        status = _end(pid)
    how = (say("run_child_killed", signal=signal.Signals(os.WTERMSIG(status)).name) if os.WIFSIGNALED(status)
           else say("run_child_exit_code", code=os.waitstatus_to_exitcode(status)))
    raise SolverError(say("run_child_no_answer", how=how))


def _child(work: Callable[[Report], Solution], reader: Connection, writer: Connection,
           mask: set[signal.Signals], parent: int) -> NoReturn:
    """The child's whole life: deaf to Ctrl-C, tied to its parent, silent; it always ends in os._exit."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a SIGTERM ends it at once
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.setpgid(0, 0)  # its own group: the terminal's Ctrl-C misses it, and `_end` reaches its CBC too
        reader.close()
        if sys.platform.startswith("linux"):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == parent:  # else the parent ended before prctl could tie the child to it
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            try:
                writer.send(work(lambda values, bound: writer.send((values, bound))))
            except Exception as exc:  # noqa: BLE001 - told to the parent, which reports it as a solver error
                writer.send(say("run_child_failed", error=f"{type(exc).__name__}: {exc}"))
    finally:
        os._exit(0)


def _end(pid: int) -> int:
    """Kill the child and its process group, reap it, and return its wait status; no signal handler
    can run (and leave a zombie) before it is reaped."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        os.kill(pid, signal.SIGKILL)  # its group may not exist yet
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        return os.waitpid(pid, 0)[1]
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
