"""Bottlerocket public AMI parameters in moto's SSM.

Like ssm_eks_amis (same reasons: moto has none and refuses PutParameter under /aws): a self-managed
Bottlerocket nodegroup resolves its AMI from /aws/service/bottlerocket/aws-k8s-<version>/<arch>/latest/image_id.
Seeded lazily per account and region on the first read under the prefix; each points at an image moto's
EC2 knows (the region's Amazon Linux 2023 "latest", else one of moto's global images) — not a
Bottlerocket image, only something launch templates and instances accept.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from moto.core.utils import utcnow
from moto.ssm.models import Parameter, ParameterDict

from moto_extensions.ssm_eks_amis import VERSIONS, _global_image, _latest_images

PREFIX = "/aws/service/bottlerocket"

# Bottlerocket variant path → (moto's Amazon Linux "latest" parameter of the same architecture, arch).
ARCHITECTURES = {
    "x86_64": "al2023-ami-kernel-default-x86_64",
    "arm64": "al2023-ami-kernel-default-arm64",
}


def _seed(parameters: ParameterDict) -> None:
    latest = _latest_images(parameters.region_name)
    for version in VERSIONS:
        for variant in (f"aws-k8s-{version}", f"aws-k8s-{version}-nvidia"):
            for arch, latest_name in ARCHITECTURES.items():
                name = f"{PREFIX}/{variant}/{arch}/latest/image_id"
                defaultdict.__getitem__(parameters, name).append(
                    Parameter(
                        account_id=parameters.account_id,
                        name=name,
                        value=latest.get(latest_name) or _global_image(arch),
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
        if touches and not getattr(self, "_private_eks_bottlerocket_loaded", False):
            self._private_eks_bottlerocket_loaded = True
            _seed(self)

    ParameterDict._check_loading_status = check_loading_status
