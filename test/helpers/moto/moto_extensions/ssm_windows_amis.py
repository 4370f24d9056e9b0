"""EKS-optimized Windows AMI public parameters in moto's SSM.

Like ssm_eks_amis (same reasons: moto has no /aws/service/ami-windows-latest/* and refuses PutParameter
under /aws): a self-managed Windows nodegroup resolves its AMI from
/aws/service/ami-windows-latest/Windows_Server-<2019|2022|2025>-English-<Core|Full>-EKS_Optimized-<version>/image_id,
the names eksctl reads (pkg/ami/ssm_resolver.go). Seeded lazily per account and region on the first read
under the prefix, for the versions EKS publishes each release for (2022 from 1.23, 2025 from 1.35). Each
points at an x86_64 image moto's EC2 knows (the region's Amazon Linux 2023 "latest", else one of moto's
global images) — not a Windows image, only something launch templates and instances accept.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from moto.core.utils import utcnow
from moto.ssm.models import Parameter, ParameterDict

from moto_extensions.ssm_eks_amis import VERSIONS, _global_image, _latest_images, _minor

PREFIX = "/aws/service/ami-windows-latest"

# Windows Server release → first Kubernetes version EKS publishes its EKS-optimized image for.
RELEASES = {"2019": None, "2022": "1.23", "2025": "1.35"}


def _seed(parameters: ParameterDict) -> None:
    image = _latest_images(parameters.region_name).get("al2023-ami-kernel-default-x86_64") or _global_image("x86_64")
    for version in VERSIONS:
        for release, first in RELEASES.items():
            if first is not None and _minor(version) < _minor(first):
                continue
            for edition in ("Core", "Full"):
                name = f"{PREFIX}/Windows_Server-{release}-English-{edition}-EKS_Optimized-{version}/image_id"
                defaultdict.__getitem__(parameters, name).append(
                    Parameter(
                        account_id=parameters.account_id,
                        name=name,
                        value=image,
                        parameter_type="String",
                        description=None,
                        allowed_pattern=None,
                        keyid=None,
                        last_modified_date=utcnow(),
                        version=1,
                        data_type="text",
                    )
                )


def install() -> None:
    original = ParameterDict._check_loading_status

    def check_loading_status(self: ParameterDict, key: Any) -> None:
        original(self, key)
        name = str(key or "")
        touches = name.startswith(PREFIX) or (name.startswith("/aws/") and PREFIX.startswith(name.rstrip("/")))
        if touches and not getattr(self, "_private_eks_windows_loaded", False):
            self._private_eks_windows_loaded = True
            _seed(self)

    ParameterDict._check_loading_status = check_loading_status
