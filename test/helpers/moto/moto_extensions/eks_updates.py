"""The update side of EKS that moto 5.2 lacks (see README.md, rows `eks-update-api` and `eks-resource-updates`).

moto has no UpdateClusterVersion, UpdateNodegroupVersion, DescribeUpdate or ListUpdates (404), its
UpdateClusterConfig answers without an `update` object, and the launcher's AWS::EKS::* CloudFormation models
refuse every in-place update. Here:

- the API calls, with EKS's rules: the control plane moves one minor version at a time, a nodegroup never
  ahead of its control plane; every update is recorded on the cluster and `Successful` at once (EKS takes
  minutes), so DescribeUpdate and ListUpdates find it;
- in-place updates of AWS::EKS::Cluster (Version, Logging, endpoint access, Tags, AuthenticationMode),
  AWS::EKS::Nodegroup (ScalingConfig, Labels, Taints, UpdateConfig, Version, ReleaseVersion, the launch
  template's version, Tags) and AWS::EKS::Addon (AddonVersion, ConfigurationValues, ServiceAccountRoleArn,
  ResolveConflicts). A change to a property that CloudFormation replaces the resource for (a cluster's
  subnets, a nodegroup's instance types, …) fails with ValidationError: the emulator does not replace them;
- StartInstanceRefresh / DescribeInstanceRefreshes for auto scaling groups (moto: 404): the group's
  instances move to the launch template's latest version and the refresh is `Successful` at once.
"""

from __future__ import annotations

import datetime
from typing import Any

from moto.cloudformation.exceptions import ValidationError
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.eks.exceptions import InvalidParameterException, ResourceNotFoundException
from moto.eks.models import eks_backends
from moto.moto_api._internal import mock_random as random

from .common import cfn_bool, cfn_tags
from .eks_access_addons import EksAddon
from .eks_resources import ALL_LOG_TYPES, EksCluster, EksNodegroup

UPDATES = "_private_eks_updates"  # update id -> update, on moto's Cluster object
REFRESHES = "_private_eks_instance_refreshes"  # on moto's FakeAutoScalingGroup

# CloudFormation replaces the resource when these change (the registry schemas' createOnlyProperties).
CLUSTER_REPLACED_BY = ("Name", "RoleArn", "KubernetesNetworkConfig", "EncryptionConfig", "BootstrapSelfManagedAddons")
CLUSTER_VPC_REPLACED_BY = ("SubnetIds", "SecurityGroupIds")
NODEGROUP_REPLACED_BY = (
    "ClusterName",
    "NodegroupName",
    "NodeRole",
    "Subnets",
    "InstanceTypes",
    "AmiType",
    "DiskSize",
    "CapacityType",
    "RemoteAccess",
)
ADDON_REPLACED_BY = ("ClusterName", "AddonName")


def _minor(version: str) -> tuple[int, int]:
    major, minor = (str(version).split(".") + ["0"])[:2]
    return int(major), int(minor)


def _not_found(message: str) -> ResourceNotFoundException:
    return ResourceNotFoundException(
        clusterName=None, nodegroupName=None, fargateProfileName=None, addonName=None, message=message
    )


def _cluster(account_id: str, region_name: str, name: str) -> Any:
    cluster = eks_backends[account_id][region_name].clusters.get(name)
    if cluster is None:
        raise _not_found(f"No cluster found for name: {name}.")
    return cluster


def _record(cluster: Any, kind: str, params: list[dict[str, str]], **scope: str) -> dict[str, Any]:
    """An update as EKS returns it; `Successful` at once (EKS: InProgress for minutes)."""
    update = {
        "id": str(random.uuid4()),
        "status": "Successful",
        "type": kind,
        "params": params,
        "createdAt": utcnow(),
        "errors": [],
        **scope,
    }
    if not hasattr(cluster, UPDATES):
        setattr(cluster, UPDATES, {})
    getattr(cluster, UPDATES)[update["id"]] = update
    return update


def check_control_plane_version(cluster: Any, version: str) -> None:
    """EKS's rule: one minor version up, never down, never the same."""
    current = _minor(cluster.version)
    target = _minor(version)
    if target == current:
        raise InvalidParameterException(message=f"Cluster is already at the desired configuration with version {version}")
    if target[0] != current[0] or target[1] != current[1] + 1:
        raise InvalidParameterException(
            message=f"Unsupported Kubernetes minor version update from {cluster.version} to {version}"
        )


def check_nodegroup_version(cluster: Any, version: str) -> None:
    if _minor(version) > _minor(cluster.version):
        raise InvalidParameterException(
            message=f"Requested Nodegroup version {version} is newer than the cluster version {cluster.version}"
        )


def release_version(version: str) -> str:
    # The shape of an EKS-optimized AMI release; the date is fixed, as moto's own default is.
    return f"{version}.0-20251120"


# ---------------------------------------------------------------------------------------------------------
# The EKS API


def update_cluster_version(self: Any) -> ActionResult:
    cluster = _cluster(self.current_account, self.region, self._get_param("name"))
    version = str(self._get_param("version"))
    check_control_plane_version(cluster, version)
    cluster.version = version
    update = _record(cluster, "VersionUpdate", [{"type": "Version", "value": version}])
    return ActionResult({"update": update})


def update_nodegroup_version(self: Any) -> ActionResult:
    cluster = _cluster(self.current_account, self.region, self._get_param("name"))
    name = self._get_param("nodegroupName")
    nodegroup = cluster.nodegroups.get(name)
    if nodegroup is None:
        raise _not_found(f"No node group found for name: {name}.")
    version = str(self._get_param("version") or cluster.version)
    check_nodegroup_version(cluster, version)
    nodegroup.version = version
    nodegroup.release_version = self._get_param("releaseVersion") or release_version(version)
    template = self._get_param("launchTemplate")
    if template and nodegroup.launch_template:
        nodegroup.launch_template = {**nodegroup.launch_template, "version": str(template.get("version"))}
    params = [{"type": "Version", "value": version}, {"type": "ReleaseVersion", "value": nodegroup.release_version}]
    update = _record(cluster, "VersionUpdate", params, nodegroupName=name)
    return ActionResult({"update": update})


def describe_update(self: Any) -> ActionResult:
    cluster = _cluster(self.current_account, self.region, self._get_param("name"))
    update_id = self._get_param("updateId")
    update = getattr(cluster, UPDATES, {}).get(update_id)
    if update is None:
        raise _not_found(f"No update found for ID: {update_id}")
    return ActionResult({"update": update})


def list_updates(self: Any) -> ActionResult:
    cluster = _cluster(self.current_account, self.region, self._get_param("name"))
    nodegroup = self._get_param("nodegroupName")
    addon = self._get_param("addonName")
    ids = [
        u["id"]
        for u in getattr(cluster, UPDATES, {}).values()
        if u.get("nodegroupName") == nodegroup and u.get("addonName") == addon
    ]
    return ActionResult({"updateIds": ids})


def _wrap_with_update(original: Any, kind: str, scope_param: str | None) -> Any:
    """moto's UpdateClusterConfig / UpdateNodegroupConfig: record the update so DescribeUpdate finds it."""

    def handler(self: Any) -> ActionResult:
        result = original(self)
        cluster = _cluster(self.current_account, self.region, self._get_param("name"))
        scope = {scope_param: self._get_param(scope_param)} if scope_param else {}
        body = getattr(result, "result", None) or getattr(result, "_result", None) or {}
        given = body.get("update") if isinstance(body, dict) else None
        params = given.get("params", []) if isinstance(given, dict) else []
        return ActionResult({"update": _record(cluster, kind, params, **scope)})

    return handler


def install_update_api() -> None:
    from moto.autoscaling.responses import AutoScalingResponse
    from moto.eks import urls
    from moto.eks.responses import EKSResponse

    dispatch = urls.response.dispatch
    urls.url_paths.update(
        {
            "{0}/clusters/(?P<name>[^/]+)/updates$": dispatch,
            "{0}/clusters/(?P<name>[^/]+)/updates/(?P<updateId>[^/]+)$": dispatch,
            "{0}/clusters/(?P<name>[^/]+)/node-groups/(?P<nodegroupName>[^/]+)/update-version$": dispatch,
        }
    )
    EKSResponse.update_cluster_version = update_cluster_version
    EKSResponse.update_nodegroup_version = update_nodegroup_version
    EKSResponse.describe_update = describe_update
    EKSResponse.list_updates = list_updates
    EKSResponse.update_cluster_config = _wrap_with_update(EKSResponse.update_cluster_config, "EndpointAccessUpdate", None)
    EKSResponse.update_nodegroup_config = _wrap_with_update(
        EKSResponse.update_nodegroup_config, "ConfigUpdate", "nodegroupName"
    )
    AutoScalingResponse.start_instance_refresh = start_instance_refresh
    AutoScalingResponse.describe_instance_refreshes = describe_instance_refreshes


def start_instance_refresh(self: Any) -> ActionResult:
    name = self._get_param("AutoScalingGroupName")
    group = self.autoscaling_backend.autoscaling_groups.get(name)
    if group is None:
        raise ValidationError(message=f"AutoScalingGroup name not found - {name}")
    # The group's instances now run the latest version of its launch template.
    template = getattr(group, "launch_template", None)
    if template is not None:
        group.launch_template_version = "$Latest"
    refresh = {
        "InstanceRefreshId": str(random.uuid4()),
        "AutoScalingGroupName": name,
        "Status": "Successful",
        "PercentageComplete": 100,
        "InstancesToUpdate": 0,
        "StartTime": utcnow(),
        "EndTime": utcnow(),
    }
    if not hasattr(group, REFRESHES):
        setattr(group, REFRESHES, [])
    getattr(group, REFRESHES).append(refresh)
    return ActionResult({"InstanceRefreshId": refresh["InstanceRefreshId"]})


def describe_instance_refreshes(self: Any) -> ActionResult:
    name = self._get_param("AutoScalingGroupName")
    group = self.autoscaling_backend.autoscaling_groups.get(name)
    refreshes = list(reversed(getattr(group, REFRESHES, []))) if group is not None else []
    return ActionResult({"InstanceRefreshes": refreshes})


# ---------------------------------------------------------------------------------------------------------
# In-place updates of the launcher's CloudFormation models


def _changed(old: dict[str, Any], new: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if old.get(name) != new.get(name)]


def _refuse_replacement(kind: str, logical: str, changed: list[str]) -> None:
    if changed:
        raise ValidationError(
            message=f"{logical} ({kind}): a change to {', '.join(changed)} replaces the resource; "
            "the AWS emulator does not replace EKS resources (private-eks moto launcher)"
        )


def _old_properties(resource: Any) -> dict[str, Any]:
    return getattr(resource, "_private_eks_properties", None) or {}


def _remember(resource: Any, props: dict[str, Any]) -> Any:
    resource._private_eks_properties = props
    return resource


def update_cluster(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any,
                   account_id: str, region_name: str) -> Any:
    props = cloudformation_json.get("Properties") or {}
    cluster = original_resource.cluster
    old = _old_properties(original_resource)
    if old:
        _refuse_replacement("AWS::EKS::Cluster", cluster.name, _changed(old, props, CLUSTER_REPLACED_BY))
        old_vpc, new_vpc = old.get("ResourcesVpcConfig") or {}, props.get("ResourcesVpcConfig") or {}
        _refuse_replacement("AWS::EKS::Cluster", cluster.name, _changed(old_vpc, new_vpc, CLUSTER_VPC_REPLACED_BY))
    version = props.get("Version")
    if version is not None and str(version) != str(cluster.version):
        check_control_plane_version(cluster, str(version))
        cluster.version = str(version)
    enabled = [t["Type"] for t in ((props.get("Logging") or {}).get("ClusterLogging") or {}).get("EnabledTypes") or []]
    logging = [{"types": enabled, "enabled": True}] if enabled else []
    disabled = [t for t in ALL_LOG_TYPES if t not in enabled]
    if disabled:
        logging.append({"types": disabled, "enabled": False})
    cluster.logging = {"clusterLogging": logging}
    vpc = props.get("ResourcesVpcConfig") or {}
    config = cluster.resources_vpc_config
    config["endpointPublicAccess"] = cfn_bool(vpc.get("EndpointPublicAccess"), True)
    config["endpointPrivateAccess"] = cfn_bool(vpc.get("EndpointPrivateAccess"), False)
    config["publicAccessCidrs"] = list(vpc.get("PublicAccessCidrs") or ["0.0.0.0/0"])
    mode = (props.get("AccessConfig") or {}).get("AuthenticationMode")
    if mode:
        cluster.access_config = {**(getattr(cluster, "access_config", None) or {}), "authenticationMode": mode}
    cluster.tags = {**(cluster.tags or {}), **cfn_tags(props.get("Tags"))}
    return _remember(original_resource, props)


def update_nodegroup(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any,
                     account_id: str, region_name: str) -> Any:
    props = cloudformation_json.get("Properties") or {}
    nodegroup = original_resource.nodegroup
    old = _old_properties(original_resource)
    if old:
        _refuse_replacement(
            "AWS::EKS::Nodegroup", nodegroup.nodegroup_name, _changed(old, props, NODEGROUP_REPLACED_BY)
        )
    cluster = _cluster(account_id, region_name, nodegroup.cluster_name)
    scaling = props.get("ScalingConfig") or {}
    low, high = int(scaling.get("MinSize", 1)), int(scaling.get("MaxSize", 2))
    desired = int(scaling.get("DesiredSize", low))
    if not low <= desired <= high:
        raise InvalidParameterException(
            message=f"Scaling config must satisfy minSize ({low}) <= desiredSize ({desired}) <= maxSize ({high})"
        )
    nodegroup.scaling_config = {"minSize": low, "maxSize": high, "desiredSize": desired}
    nodegroup.labels = dict(props.get("Labels") or {})
    nodegroup.taints = [
        {"key": t.get("Key"), "value": t.get("Value"), "effect": t.get("Effect")} for t in props.get("Taints") or []
    ]
    if props.get("UpdateConfig"):
        update_config = props["UpdateConfig"]
        nodegroup.update_config = {
            k[0].lower() + k[1:]: v for k, v in update_config.items() if k in ("MaxUnavailable", "MaxUnavailablePercentage")
        }
    version = str(props.get("Version") or nodegroup.version)
    if version != str(nodegroup.version):
        check_nodegroup_version(cluster, version)
        nodegroup.version = version
        nodegroup.release_version = props.get("ReleaseVersion") or release_version(version)
    elif props.get("ReleaseVersion"):
        nodegroup.release_version = props["ReleaseVersion"]
    template = props.get("LaunchTemplate")
    if template and nodegroup.launch_template and template.get("Version") is not None:
        nodegroup.launch_template = {**nodegroup.launch_template, "version": str(template["Version"])}
    nodegroup.tags = {**(nodegroup.tags or {}), **cfn_tags(props.get("Tags"))}
    nodegroup.modified_at = utcnow()
    return _remember(original_resource, props)


def update_addon(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any,
                 account_id: str, region_name: str) -> Any:
    props = cloudformation_json.get("Properties") or {}
    addon = original_resource.addon
    old = _old_properties(original_resource)
    if old:
        _refuse_replacement("AWS::EKS::Addon", addon["addonName"], _changed(old, props, ADDON_REPLACED_BY))
    for key, field in (
        ("AddonVersion", "addonVersion"),
        ("ConfigurationValues", "configurationValues"),
        ("ServiceAccountRoleArn", "serviceAccountRoleArn"),
        ("ResolveConflicts", "resolveConflicts"),
    ):
        addon[field] = props.get(key)
    addon["modifiedAt"] = datetime.datetime.now(datetime.timezone.utc).isoformat()
    return _remember(original_resource, props)


def install_resource_updates() -> None:
    """Replaces the refusal of NotUpdatedInPlace on the three EKS models; remembers each resource's
    properties at create so a later update can tell a replacing change from an in-place one."""
    for model, updater in ((EksCluster, update_cluster), (EksNodegroup, update_nodegroup), (EksAddon, update_addon)):
        original_create = model.create_from_cloudformation_json.__func__

        def create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str,
                   _original: Any = original_create, **kwargs: Any) -> Any:
            resource = _original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
            return _remember(resource, cloudformation_json.get("Properties") or {})

        model.create_from_cloudformation_json = classmethod(create)
        model.update_from_cloudformation_json = classmethod(updater)
