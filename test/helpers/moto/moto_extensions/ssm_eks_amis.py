"""EKS-optimized Amazon Linux AMI parameters in moto's SSM (ssm_public_images.py says how and why).

Self-managed nodegroups resolve their AMI from
/aws/service/eks/optimized-ami/<version>/<family path>/image_id, for Amazon Linux 2023 and 2, x86_64
and arm64; EKS publishes no Amazon Linux 2 images after 1.32.
"""

from __future__ import annotations

from collections.abc import Iterator

from moto_extensions.ssm_public_images import VERSIONS, image, lazily_seeded, minor

PREFIX = "/aws/service/eks/optimized-ami"

# EKS path suffix → (moto's Amazon Linux "latest" parameter for the same family and architecture, arch,
# last Kubernetes version the family is published for).
FAMILIES = {
    "amazon-linux-2023/x86_64/standard/recommended/image_id": ("al2023-ami-kernel-default-x86_64", "x86_64", None),
    "amazon-linux-2023/arm64/standard/recommended/image_id": ("al2023-ami-kernel-default-arm64", "arm64", None),
    "amazon-linux-2/recommended/image_id": ("amzn2-ami-hvm-x86_64-gp2", "x86_64", "1.32"),
    "amazon-linux-2-arm64/recommended/image_id": ("amzn2-ami-hvm-arm64-gp2", "arm64", "1.32"),
}


def _parameters(region_name: str) -> Iterator[tuple[str, str]]:
    for version in VERSIONS:
        for suffix, (latest_name, arch, last) in FAMILIES.items():
            if last is None or minor(version) <= minor(last):
                yield f"{PREFIX}/{version}/{suffix}", image(region_name, latest_name, arch)


install = lazily_seeded(PREFIX, _parameters)
