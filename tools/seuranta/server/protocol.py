"""The messages between a client and the server, over a Unix stream socket.

A client sends one request: a 4-byte length and a `marshal`led dict (`Request`), with its standard input,
output and error attached as `SCM_RIGHTS` for a run. The server answers a run with `STARTED` and the
child's pid once the child has taken the client's place (folder, environment, streams), then `EXITED`
and the child's wait status when it ends (its exit code, or minus the signal that ended it). Meanwhile
the client may send signal numbers, which the server passes to the child's process group. `status` and
`stop` are answered with `INFO` and a `marshal`led dict. Both ends run the same interpreter (its
executable is part of the socket's name), so `marshal`'s format is the same on both.
"""

import marshal
from _struct import pack, unpack

STARTED = b"R"
EXITED = b"X"
INFO = b"I"
FDS = 3  # standard input, output and error
MAX_REQUEST = 16 << 20

TYPE_CHECKING = False  # typing costs the entry point 15 ms
if TYPE_CHECKING:
    from typing import Any


def framed(message: "dict[str, Any]") -> bytes:
    body = marshal.dumps(message)
    return pack("!I", len(body)) + body


def length(head: bytes) -> int:
    (size,) = unpack("!I", head)
    if size > MAX_REQUEST:
        raise ValueError("request too large")
    return int(size)


def decoded(body: bytes) -> "dict[str, Any]":
    message = marshal.loads(body)
    if not isinstance(message, dict):
        raise ValueError("not a request")
    return message


def number(tag: bytes, value: int) -> bytes:
    return tag + pack("!i", value)


def read_number(data: bytes) -> int:
    (value,) = unpack("!i", data)
    return int(value)
