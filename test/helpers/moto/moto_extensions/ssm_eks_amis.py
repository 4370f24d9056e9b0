"""EKS-optimized AMI public parameters in moto's SSM.

moto ships /aws/service/ami-amazon-linux-latest/* but no /aws/service/eks/optimized-ami/*, and the API
refuses PutParameter under /aws (TESTBED §2.4). Self-managed nodegroup templates resolve their AMI with
an `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` parameter on exactly those paths, so they are seeded
here, the way moto seeds its own public parameters: lazily, per account and region, the first time a
name under the prefix is read (so they come back after /moto-api/reset). Each points at an AMI that
moto's EC2 knows in that region (its Amazon Linux 2023 / 2 "latest" image), else at an image of moto's
global AMI list.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from moto.core.utils import utcnow
from moto.ssm.models import Parameter, ParameterDict
from moto.utilities.utils import load_resource

PREFIX = "/aws/service/eks/optimized-ami"
VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"]

# EKS path suffix → (moto's Amazon Linux "latest" parameter for the same family and architecture, arch,
# last Kubernetes version the family is published for: EKS publishes no AL2 AMIs after 1.32).
FAMILIES = {
    "amazon-linux-2023/x86_64/standard/recommended/image_id": ("al2023-ami-kernel-default-x86_64", "x86_64", None),
    "amazon-linux-2023/arm64/standard/recommended/image_id": ("al2023-ami-kernel-default-arm64", "arm64", None),
    "amazon-linux-2/recommended/image_id": ("amzn2-ami-hvm-x86_64-gp2", "x86_64", "1.32"),
    "amazon-linux-2-arm64/recommended/image_id": ("amzn2-ami-hvm-arm64-gp2", "arm64", "1.32"),
}


def _minor(version: str) -> int:
    return int(version.split(".")[1])


def _global_image(arch: str) -> str:
    images = [i for i in load_resource("ec2/resources/amis.json") if i.get("architecture") == arch]
    linux = [i for i in images if str(i.get("name", "")).startswith(("al20", "amzn2"))]
    return str((linux or images)[0]["ami_id"])


def _latest_images(region_name: str) -> dict[str, str]:
    try:
        params = load_resource(f"ssm/resources/ami-amazon-linux-latest/{region_name}.json")
    except FileNotFoundError:
        params = []
    return {str(p["Name"]).rsplit("/", 1)[-1]: str(p["Value"]) for p in params}


def _seed(parameters: ParameterDict) -> None:
    latest = _latest_images(parameters.region_name)
    for version in VERSIONS:
        for suffix, (latest_name, arch, last) in FAMILIES.items():
            if last is not None and _minor(version) > _minor(last):
                continue
            name = f"{PREFIX}/{version}/{suffix}"
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
        # A path read (GetParametersByPath /aws/service/eks) counts as well as a read of one parameter.
        touches = name.startswith(PREFIX) or (name.startswith("/aws/") and PREFIX.startswith(name.rstrip("/")))
        if touches and not getattr(self, "_private_eks_amis_loaded", False):
            self._private_eks_amis_loaded = True
            _seed(self)

    ParameterDict._check_loading_status = check_loading_status
