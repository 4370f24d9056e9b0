"""Public AMI parameters under /aws/service in moto's SSM, seeded the way moto seeds its own.

moto ships /aws/service/ami-amazon-linux-latest/* but none of the EKS-optimized image parameters,
and the API refuses PutParameter under /aws (TESTBED §2.4). Nodegroup templates resolve their AMI
with `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` parameters on those paths, so the
ssm_*_amis extensions seed them here: lazily, per account and region, the first time a name under
their prefix (or a path above it) is read, so they come back after /moto-api/reset. Each points at
an image moto's EC2 knows in that region (its Amazon Linux "latest" of the architecture), else at
one of moto's global images: something launch templates and instances accept, not the real image.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from moto.core.utils import utcnow
from moto.ssm.models import Parameter, ParameterDict
from moto.utilities.utils import load_resource

# The Kubernetes versions each extension seeds parameters for.
VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"]

# A parameter name and its value (an AMI ID).
Seed = Callable[[str], Iterable[tuple[str, str]]]


def minor(version: str) -> int:
    return int(version.split(".")[1])


@cache
def global_image(arch: str) -> str:
    """An AMI of moto's global list with that architecture, Amazon Linux when there is one."""
    images = [i for i in load_resource("ec2/resources/amis.json") if i.get("architecture") == arch]
    linux = [i for i in images if str(i.get("name", "")).startswith(("al20", "amzn2"))]
    return str((linux or images)[0]["ami_id"])


@cache
def latest_images(region_name: str) -> dict[str, str]:
    """moto's /aws/service/ami-amazon-linux-latest parameters of a region, by their last path segment."""
    try:
        params = load_resource(f"ssm/resources/ami-amazon-linux-latest/{region_name}.json")
    except FileNotFoundError:
        params = []
    return {str(p["Name"]).rsplit("/", 1)[-1]: str(p["Value"]) for p in params}


def image(region_name: str, latest_name: str, arch: str) -> str:
    """The region's Amazon Linux "latest" image of that name, else a global image of that architecture."""
    return latest_images(region_name).get(latest_name) or global_image(arch)


def _add(parameters: ParameterDict, name: str, value: str) -> None:
    # defaultdict's own __getitem__: ParameterDict's would start loading moto's public parameters.
    defaultdict.__getitem__(parameters, name).append(
        Parameter(
            account_id=parameters.account_id,
            name=name,
            value=value,
            parameter_type="String",
            description=None,
            allowed_pattern=None,
            keyid=None,
            last_modified_date=utcnow(),
            version=1,
            data_type="text",
        )
    )


def lazily_seeded(prefix: str, seed: Seed) -> Callable[[], None]:
    """An extension's install(): the parameters `seed(region)` names, added on the first read under `prefix`."""
    loaded = f"_private_eks_seeded{prefix.replace('/', '_')}"

    def install() -> None:
        original = ParameterDict._check_loading_status

        def check_loading_status(self: ParameterDict, key: Any) -> None:
            original(self, key)
            name = str(key or "")
            # A path read (GetParametersByPath /aws/service/eks) counts as well as a read of one parameter.
            touches = name.startswith(prefix) or (name.startswith("/aws/") and prefix.startswith(name.rstrip("/")))
            if touches and not getattr(self, loaded, False):
                setattr(self, loaded, True)
                for parameter, value in seed(self.region_name):
                    _add(self, parameter, value)

        ParameterDict._check_loading_status = check_loading_status

    return install
