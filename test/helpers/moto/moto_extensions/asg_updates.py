"""AWS::AutoScaling::AutoScalingGroup updated in place (README.md, row `autoscaling-group-update-in-place`).

moto updates an auto scaling group in a stack by deleting it and creating a new one with a new name
(its instances terminated and launched again); CloudFormation changes sizes, launch template version and
subnets of the existing group in place. `scale nodegroup` and `upgrade` of a self-managed nodegroup rely on
the group keeping its name.
"""

from __future__ import annotations

from typing import Any

from moto.autoscaling.models import FakeAutoScalingGroup


def update_group(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any,
                 account_id: str, region_name: str) -> Any:
    props = cloudformation_json.get("Properties") or {}
    group = original_resource
    named = props.get("AutoScalingGroupName")
    if named and named != group.name:
        return original_update.__func__(cls, original_resource, new_resource_name, cloudformation_json,
                                        account_id, region_name)  # a new name: CloudFormation replaces it too
    group.min_size = int(props.get("MinSize", group.min_size))
    group.max_size = int(props.get("MaxSize", group.max_size))
    template = ((props.get("MixedInstancesPolicy") or {}).get("LaunchTemplate") or {}).get(
        "LaunchTemplateSpecification"
    ) or props.get("LaunchTemplate") or {}
    if template.get("Version") is not None:
        group.launch_template_version = str(template["Version"])
    desired = props.get("DesiredCapacity")
    group.set_desired_capacity(int(desired) if desired is not None else None)
    return group


original_update = FakeAutoScalingGroup.update_from_cloudformation_json


def install() -> None:
    FakeAutoScalingGroup.update_from_cloudformation_json = classmethod(update_group)
