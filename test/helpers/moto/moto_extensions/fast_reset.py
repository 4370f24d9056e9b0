"""A /moto-api/reset that does not rebuild what it is about to throw away.

moto's BackendDict.reset() re-runs __init__ on every backend in use (BaseBackend.reset) and then drops
them all with clear(): the IAM backend parses its 1,500 AWS-managed policies once per partition and EC2
loads its 1,300 AMIs per region, for nothing. That made a reset take 1.2–2.9 s here, once per test.
Backends are created again on first use after the reset, exactly as moto does after its own reset.
Backends whose class has its own reset() (S3 closes its files, Batch stops its jobs) still get it.
"""

from __future__ import annotations

from moto.core.base_backend import BackendDict, BaseBackend, backend_lock


def install() -> None:
    def reset(cls: type[BackendDict]) -> None:
        with backend_lock:
            for backends in BackendDict._instances:
                for account_backends in backends.values():
                    for backend in account_backends.values():
                        if type(backend).reset is not BaseBackend.reset:
                            backend.reset()
                backends.clear()
            BackendDict._instances.clear()

    BackendDict.reset = classmethod(reset)
