"""Room on CPython's frame stack for everything a test runs.

CPython keeps the frames of Python calls in chunks of 16 KiB, and gives a chunk back to the operating
system as soon as the call that opened it returns. A loop whose calls reach just past the end of a
chunk therefore maps and unmaps memory on every call, and touches four fresh pages each time. Django's
request path (middleware, template nodes, the ORM) is deep enough to do that, about 600 times in a test
of pages: 8 % of the suite's CPU, most of it in the kernel. Releases of 3.13 and 3.14 from spring 2026
on keep one spare chunk (python/cpython#142183); earlier ones, 3.13.0 among them, do not.

`call_with_room(function)` calls it inside a frame too large for the current chunk: CPython opens a
128 KiB chunk for that frame alone and keeps it while the call lasts, and the 72 KB it leaves are
enough for a test's own calls never to reach the end of it. On an interpreter with the fix it costs
one allocation per call and changes nothing else.
"""

from collections.abc import Callable
from typing import Any

# 7,200 eight-byte slots (56 KB): with CPython's reserve of 1,000 slots beyond a frame, the chunk
# opened for it is the next size up from 64 KiB.
_SLOTS = 7_200


def _roomy_caller() -> Callable[..., Any]:
    """A function whose frame has _SLOTS local variables, none of them ever set."""
    unused = ", ".join(f"_{index}" for index in range(_SLOTS))
    namespace: dict[str, Any] = {}
    exec(  # noqa: S102 - a fixed source built above, not input
        f"def call(function, *args, **kwargs):\n"
        f"    if False:\n"
        f"        del {unused}\n"
        f"    return function(*args, **kwargs)\n",
        namespace,
    )
    return namespace["call"]


call_with_room = _roomy_caller()
