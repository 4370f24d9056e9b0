"""EKS-optimized Windows AMI parameters in moto's SSM (ssm_public_images.py says how and why).

A self-managed Windows nodegroup resolves its AMI from
/aws/service/ami-windows-latest/Windows_Server-<2019|2022|2025>-English-<Core|Full>-EKS_Optimized-<version>/image_id,
the names eksctl reads (pkg/ami/ssm_resolver.go), for the versions EKS publishes each release for
(2022 from 1.23, 2025 from 1.35). Each points at an x86_64 Amazon Linux image, not a Windows image.
"""

from __future__ import annotations

from collections.abc import Iterator

from moto_extensions.ssm_public_images import VERSIONS, image, lazily_seeded, minor

PREFIX = "/aws/service/ami-windows-latest"

# Windows Server release → first Kubernetes version EKS publishes its EKS-optimized image for.
RELEASES = {"2019": None, "2022": "1.23", "2025": "1.35"}


def _parameters(region_name: str) -> Iterator[tuple[str, str]]:
    value = image(region_name, "al2023-ami-kernel-default-x86_64", "x86_64")
    for version in VERSIONS:
        for release, first in RELEASES.items():
            if first is None or minor(version) >= minor(first):
                for edition in ("Core", "Full"):
                    yield f"{PREFIX}/Windows_Server-{release}-English-{edition}-EKS_Optimized-{version}/image_id", value


install = lazily_seeded(PREFIX, _parameters)
