"""Change sets as CloudFormation reports them (README.md, row `cfn-change-set-details`).

moto's DescribeChangeSet lists Add/Modify/Remove with a logical ID and a type only: no `Replacement`, no
`Details`, a change set with no changes is CREATE_COMPLETE (AWS: FAILED, "didn't contain changes"), a
resource is "modified" only when its own JSON changed (not when a parameter it refers to did), and
ExecuteChangeSet neither takes the change set's tags and parameters onto the stack nor reports a failing
resource in CloudFormation's shape. Here:

- each Modify gets `Replacement` (True when a changed property is one CloudFormation replaces the resource
  for, per the registry schemas' createOnlyProperties, for the types private-eks uses), `Scope`
  ["Properties"] and one `Details` entry per changed top-level property with `RequiresRecreation`;
- a resource whose referenced template parameter changed its value (or its Default) is a Modify;
- an empty change set is FAILED with AWS's reason and cannot be executed;
- ExecuteChangeSet applies tags and parameters to the stack; a failing resource comes back as
  ValidationError `<Code>: <message>` (AWS: UPDATE_ROLLBACK_COMPLETE; the emulator does not roll back).
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import ChangeSet, CloudFormationBackend
from moto.cloudformation.parsing import ResourceMap

from .cfn_stack_lifecycle import _log_failure, references
from .common import error_text
from .eks_updates import ADDON_REPLACED_BY, CLUSTER_REPLACED_BY, NODEGROUP_REPLACED_BY

NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set."

REPLACED_BY: dict[str, tuple[str, ...]] = {
    "AWS::EC2::VPC": ("CidrBlock", "InstanceTenancy", "Ipv4IpamPoolId", "Ipv4NetmaskLength"),
    "AWS::EC2::Subnet": ("AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "VpcId", "Ipv6Native"),
    "AWS::EC2::RouteTable": ("VpcId",),
    "AWS::EC2::Route": ("RouteTableId", "DestinationCidrBlock", "DestinationIpv6CidrBlock"),
    "AWS::EC2::SubnetRouteTableAssociation": ("SubnetId",),
    "AWS::EC2::VPCEndpoint": ("ServiceName", "VpcId", "VpcEndpointType"),
    "AWS::EC2::SecurityGroup": ("GroupDescription", "GroupName", "VpcId"),
    "AWS::EC2::SecurityGroupIngress": ("GroupId", "IpProtocol", "FromPort", "ToPort", "CidrIp", "SourceSecurityGroupId"),
    "AWS::EC2::SecurityGroupEgress": ("GroupId", "IpProtocol", "FromPort", "ToPort", "CidrIp", "DestinationSecurityGroupId"),
    "AWS::EC2::LaunchTemplate": ("LaunchTemplateName",),
    "AWS::AutoScaling::AutoScalingGroup": ("AutoScalingGroupName", "InstanceId"),
    "AWS::IAM::Role": ("RoleName", "Path"),
    "AWS::IAM::InstanceProfile": ("InstanceProfileName", "Path"),
    "AWS::IAM::OIDCProvider": ("Url",),
    "AWS::Logs::LogGroup": ("LogGroupName",),
    "AWS::EKS::Cluster": CLUSTER_REPLACED_BY,
    "AWS::EKS::Nodegroup": NODEGROUP_REPLACED_BY,
    "AWS::EKS::Addon": ADDON_REPLACED_BY,
    "AWS::EKS::AccessEntry": ("ClusterName", "PrincipalArn", "Type"),
    "AWS::EKS::FargateProfile": ("ClusterName", "FargateProfileName", "PodExecutionRoleArn", "Subnets", "Selectors"),
    "AWS::EKS::PodIdentityAssociation": ("ClusterName", "Namespace", "ServiceAccount"),
}
# Nested: a cluster's subnets and security groups cannot change in place.
NESTED_REPLACED_BY = {("AWS::EKS::Cluster", "ResourcesVpcConfig"): ("SubnetIds", "SecurityGroupIds")}


def property_details(resource_type: str, old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    old_props, new_props = old.get("Properties") or {}, new.get("Properties") or {}
    details = []
    for name in sorted(set(old_props) | set(new_props)):
        if old_props.get(name) == new_props.get(name):
            continue
        replaced = name in REPLACED_BY.get(resource_type, ())
        nested = NESTED_REPLACED_BY.get((resource_type, name))
        if nested and isinstance(old_props.get(name), dict) and isinstance(new_props.get(name), dict):
            replaced = replaced or any(old_props[name].get(k) != new_props[name].get(k) for k in nested)
        details.append(
            {
                "Target": {"Attribute": "Properties", "Name": name, "RequiresRecreation": "Always" if replaced else "Never"},
                "Evaluation": "Static",
                "ChangeSource": "DirectModification",
            }
        )
    return details


def _parameter_values(template: dict[str, Any], given: dict[str, Any] | None) -> dict[str, Any]:
    values = {name: (body or {}).get("Default") for name, body in (template.get("Parameters") or {}).items()}
    values.update(given or {})
    return values


def install() -> None:
    original_diff = ResourceMap.build_resource_diff

    def build_resource_diff(self: ResourceMap, other_template: dict[str, Any], parameters: Any = None) -> Any:
        result = original_diff(self, other_template, parameters)
        old_values = _parameter_values(self._template or {}, self.input_parameters)
        new_values = _parameter_values(other_template, parameters or self.input_parameters)
        changed = {name for name in new_values if old_values.get(name) != new_values.get(name)}
        if changed:
            for name, body in (other_template.get("Resources") or {}).items():
                if name in self._resource_json_map and name not in result["Modify"] and references(body) & changed:
                    result["Modify"].append(name)
        return result

    def diff(self: ChangeSet) -> list[Any]:
        changes = original_change_set_diff(self)
        old = self.stack.resource_map._resource_json_map
        new = (self.template_dict or {}).get("Resources") or {}
        for change in changes:
            if change.action != "Modify":
                continue
            details = property_details(change.resource_type, old.get(change.logical_resource_id) or {},
                                       new.get(change.logical_resource_id) or {})
            change.details = details
            change.scope = ["Properties"] if details else []
            change.replacement = "True" if any(d["Target"]["RequiresRecreation"] == "Always" for d in details) else "False"
        return changes

    original_change_set_diff = ChangeSet.diff
    original_create = CloudFormationBackend.create_change_set
    original_execute = CloudFormationBackend.execute_change_set

    def create_change_set(self: CloudFormationBackend, *args: Any, **kwargs: Any) -> Any:
        change_set_id, stack_id = original_create(self, *args, **kwargs)
        change_set = self.change_sets.get(change_set_id)
        if change_set is not None and change_set.change_set_type == "UPDATE" and not change_set.changes:
            change_set.status = "FAILED"
            change_set.status_reason = NO_CHANGES
            change_set.execution_status = "UNAVAILABLE"
        return change_set_id, stack_id

    def execute_change_set(self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None) -> None:
        change_set = self.change_sets.get(change_set_name) or next(
            (c for c in self.change_sets.values() if c.change_set_name == change_set_name
             and stack_name in (None, c.stack_name, c.stack_id)),
            None,
        )
        if change_set is None:
            raise ValidationError(message=f"ChangeSet [{change_set_name}] does not exist")
        if change_set.execution_status != "AVAILABLE":
            raise ValidationError(
                message=f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current execution status "
                f"of [{change_set.execution_status}]"
            )
        try:
            original_execute(self, change_set.change_set_id, stack_name)
        except CloudFormationError:
            raise
        except Exception as error:
            _log_failure(f"execution of change set {change_set.change_set_name} failed", error)
            raise ValidationError(message=error_text(error)) from error
        stack = self.stacks[change_set.stack_id]
        if change_set.tags is not None:
            stack.tags = dict(change_set.tags)
        if change_set.parameters:
            stack.parameters = dict(change_set.parameters)
        # Describing the stack now shows the template's new parameters, as CloudFormation does.
        stack.resource_map.input_parameters = dict(change_set.parameters or {})

    ResourceMap.build_resource_diff = build_resource_diff
    ChangeSet.diff = diff
    CloudFormationBackend.create_change_set = create_change_set
    CloudFormationBackend.execute_change_set = execute_change_set
