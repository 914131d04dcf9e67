"""How a run's process ends, whether a fresh process (`seuranta.__main__`) or a server's child
(`server.daemon`): the exit handlers run and the standard streams flushed, as the interpreter's own exit
does them, a stream that cannot be flushed (a closed pipe) making the exit code 120 as Python makes it.
Only the standard library is imported."""

import atexit
import sys


def flushed() -> bool:
    """Both output streams flushed: False when one could not be."""
    done = True
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            done = False
    return done


def finished(code: int) -> int:
    """The exit handlers run and the streams flushed: the exit code the process ends with."""
    atexit._run_exitfuncs()
    return code if flushed() else 120
