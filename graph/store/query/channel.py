"""Messages between a query worker and its child: length-prefixed pickles over the
child's standard input and output (both ends are this program, so the pickles are
trusted)."""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

__all__ = ["Channel"]


class Channel:
    """Length-prefixed pickles over a pair of pipes (both ends are this program)."""

    def __init__(self, read: IO[bytes], write: IO[bytes]) -> None:
        self.read, self.write = read, write

    def send(self, message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.write.write(struct.pack("!Q", len(data)) + data)
        self.write.flush()

    def recv(self) -> Any:
        head = self.read.read(8)
        if len(head) < 8:
            raise EOFError
        (size,) = struct.unpack("!Q", head)
        data = self.read.read(size)
        if len(data) < size:
            raise EOFError
        return pickle.loads(data)  # noqa: S301 - our own child's answer
