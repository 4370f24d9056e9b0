"""Bottlerocket AMI parameters in moto's SSM (ssm_public_images.py says how and why).

A self-managed Bottlerocket nodegroup resolves its AMI from
/aws/service/bottlerocket/aws-k8s-<version>[-nvidia]/<arch>/latest/image_id. Each points at an
Amazon Linux image of the same architecture, not a Bottlerocket image.
"""

from __future__ import annotations

from collections.abc import Iterator

from moto_extensions.ssm_public_images import VERSIONS, image, lazily_seeded

PREFIX = "/aws/service/bottlerocket"

# Bottlerocket architecture → moto's Amazon Linux "latest" parameter of the same architecture.
ARCHITECTURES = {
    "x86_64": "al2023-ami-kernel-default-x86_64",
    "arm64": "al2023-ami-kernel-default-arm64",
}


def _parameters(region_name: str) -> Iterator[tuple[str, str]]:
    for version in VERSIONS:
        for variant in (f"aws-k8s-{version}", f"aws-k8s-{version}-nvidia"):
            for arch, latest_name in ARCHITECTURES.items():
                yield f"{PREFIX}/{variant}/{arch}/latest/image_id", image(region_name, latest_name, arch)


install = lazily_seeded(PREFIX, _parameters)
