"""CloudFormation models for AWS::EKS::Cluster, ::Nodegroup and ::FargateProfile (moto 5.2 skips them).

Each delegates to moto's own EKS backend, so DescribeCluster, ListNodegroups, DeleteCluster's "has
nodegroups" refusal and the waiters see exactly what the stack made. Where moto's EKS model lacks what
real EKS returns (vpcId, clusterSecurityGroupId, accessConfig, a per-cluster OIDC issuer), the values
are filled in here; where EKS rejects a request that moto accepts, the check is added here. See README.md.
"""

from __future__ import annotations

import base64
from typing import Any

from moto.autoscaling.models import autoscaling_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.eks.exceptions import InvalidParameterException
from moto.eks.models import eks_backends
from moto.moto_api._internal import mock_random as random

from .common import NotUpdatedInPlace, cfn_bool, cfn_tags, role_is_assumable_by, stack_tags

ALL_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def _hex(length: int) -> str:
    return "".join(random.choice("0123456789ABCDEF") for _ in range(length))


def _role_error(role_arn: str) -> InvalidParameterException:
    return InvalidParameterException(
        message=f"Role with arn: {role_arn}, could not be assumed because it does not exist "
        "or the trusted entity is not correct"
    )


def _check_subnets(account_id: str, region_name: str, subnet_ids: list[str]) -> list[Any]:
    ec2 = ec2_backends[account_id][region_name]
    subnets = []
    for subnet_id in subnet_ids:
        try:
            subnets.append(ec2.get_subnet(subnet_id))
        except Exception:
            raise InvalidParameterException(message=f"The subnet ID '{subnet_id}' does not exist") from None
    return subnets


class EksCluster(NotUpdatedInPlace, CloudFormationModel):
    ATTRIBUTES = (
        "Arn",
        "Endpoint",
        "CertificateAuthorityData",
        "ClusterSecurityGroupId",
        "OpenIdConnectIssuerUrl",
        "EncryptionConfigKeyArn",
    )

    def __init__(self, cluster: Any):
        self.cluster = cluster

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::Cluster"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.ATTRIBUTES

    @property
    def physical_resource_id(self) -> str:
        return self.cluster.name

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        cluster = self.cluster
        if attribute_name == "Arn":
            return cluster.arn
        if attribute_name == "Endpoint":
            return cluster.endpoint
        if attribute_name == "CertificateAuthorityData":
            return cluster.certificate_authority["data"]
        if attribute_name == "ClusterSecurityGroupId":
            return cluster.resources_vpc_config["clusterSecurityGroupId"]
        if attribute_name == "OpenIdConnectIssuerUrl":
            return cluster.identity["oidc"]["issuer"]
        if attribute_name == "EncryptionConfigKeyArn":
            configs = cluster.encryption_config or []
            return configs[0]["provider"]["keyArn"] if configs else ""
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EksCluster":
        props = cloudformation_json["Properties"]
        role_arn = props.get("RoleArn", "")
        vpc = props.get("ResourcesVpcConfig") or {}
        subnet_ids = list(vpc.get("SubnetIds") or [])
        subnets = _check_subnets(account_id, region_name, subnet_ids)
        # EKS refuses these up front; moto accepts anything (TESTBED §2.3).
        if len({s.availability_zone for s in subnets}) < 2:
            raise InvalidParameterException(message="Subnets specified must be in at least two different AZs")
        vpc_ids = {s.vpc_id for s in subnets}
        if len(vpc_ids) != 1:
            raise InvalidParameterException(message="Subnets must all belong to the same VPC")
        vpc_id = vpc_ids.pop()
        ec2 = ec2_backends[account_id][region_name]
        security_group_ids = list(vpc.get("SecurityGroupIds") or [])
        for group_id in security_group_ids:
            if ec2.get_security_group_from_id(group_id) is None:
                raise InvalidParameterException(message=f"Security group {group_id} does not exist")
        if not role_is_assumable_by(account_id, region_name, role_arn, "eks.amazonaws.com"):
            raise _role_error(role_arn)
        public = cfn_bool(vpc.get("EndpointPublicAccess"), True)
        private = cfn_bool(vpc.get("EndpointPrivateAccess"), False)
        if not public and not private:
            raise InvalidParameterException(message="Either public or private endpoint access must be enabled")

        logging_types = ((props.get("Logging") or {}).get("ClusterLogging") or {}).get("EnabledTypes") or []
        enabled = [t["Type"] for t in logging_types]
        cluster_logging = [{"types": enabled, "enabled": True}] if enabled else []
        disabled = [t for t in ALL_LOG_TYPES if t not in enabled]
        if disabled:
            cluster_logging.append({"types": disabled, "enabled": False})
        network = props.get("KubernetesNetworkConfig") or {}
        access = props.get("AccessConfig") or {}
        tags = {**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))}

        eks = eks_backends[account_id][region_name]
        cluster = eks.create_cluster(
            name=resource_name,
            role_arn=role_arn,
            resources_vpc_config={
                "subnetIds": subnet_ids,
                "securityGroupIds": security_group_ids,
                "vpcId": vpc_id,
                "endpointPublicAccess": public,
                "endpointPrivateAccess": private,
                # EKS reports 0.0.0.0/0 when no CIDRs are given, even with public access off.
                "publicAccessCidrs": list(vpc.get("PublicAccessCidrs") or ["0.0.0.0/0"]),
            },
            version=props.get("Version"),
            kubernetes_network_config={
                "serviceIpv4Cidr": network.get("ServiceIpv4Cidr", "172.20.0.0/16"),
                "ipFamily": network.get("IpFamily", "ipv4"),
            },
            logging={"clusterLogging": cluster_logging},
            tags=tags,
            encryption_config=[
                {"resources": e.get("Resources", []), "provider": {"keyArn": (e.get("Provider") or {}).get("KeyArn")}}
                for e in props.get("EncryptionConfig") or []
            ],
        )
        try:
            # EKS creates this group itself and deletes it with the cluster; nodes and endpoints refer to it.
            group = ec2.create_security_group(
                name=f"eks-cluster-sg-{cluster.name}-{random.randint(1000000000, 9999999999)}",
                description="EKS created security group applied to ENI that is attached to EKS Control Plane "
                "master nodes, as well as any managed workloads.",
                vpc_id=vpc_id,
                tags={"aws:eks:cluster-name": cluster.name, f"kubernetes.io/cluster/{cluster.name}": "owned"},
            )
            ec2.authorize_security_group_ingress(
                group_name_or_id=group.id,
                ip_protocol="-1",
                from_port=None,
                to_port=None,
                ip_ranges=[],
                source_groups=[{"GroupId": group.id}],
            )
        except Exception:
            eks.delete_cluster(cluster.name)
            raise
        cluster.resources_vpc_config["clusterSecurityGroupId"] = group.id
        # moto drops accessConfig; kept on the model so DescribeCluster returns it. CloudFormation's default
        # is CONFIG_MAP (CFN docs, AWS::EKS::Cluster AccessConfig).
        cluster.access_config = {
            "authenticationMode": access.get("AuthenticationMode", "CONFIG_MAP"),
            "bootstrapClusterCreatorAdminPermissions": cfn_bool(
                access.get("BootstrapClusterCreatorAdminPermissions"), True
            ),
        }
        # moto draws one issuer ID and one endpoint host per process, so a second cluster's OIDC provider
        # collides (TESTBED §2.3); real EKS gives each cluster its own.
        cluster.identity = {"oidc": {"issuer": f"https://oidc.eks.{region_name}.amazonaws.com/id/{_hex(32)}"}}
        cluster.endpoint = f"https://{_hex(32)}.gr7.{region_name}.eks.amazonaws.com"
        body = base64.b64encode(random.get_random_string(length=900).encode()).decode()
        pem = f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
        cluster.certificate_authority = {"data": base64.b64encode(pem.encode()).decode()}
        return cls(cluster)

    def delete(self, account_id: str, region_name: str) -> None:
        eks = eks_backends[account_id][region_name]
        if self.cluster.name in eks.clusters:
            eks.delete_cluster(self.cluster.name)  # refuses while nodegroups exist, as EKS does
        group_id = self.cluster.resources_vpc_config.get("clusterSecurityGroupId")
        ec2 = ec2_backends[account_id][region_name]
        if group_id and ec2.get_security_group_from_id(group_id) is not None:
            ec2.delete_security_group(group_id=group_id)


def nodegroup_update_config(props: dict[str, Any]) -> dict[str, Any] | None:
    """The template's UpdateConfig in the API's shape (moto's create_nodegroup takes none)."""
    given = props.get("UpdateConfig")
    if not given:
        return None
    names = {"MaxUnavailable": "maxUnavailable", "MaxUnavailablePercentage": "maxUnavailablePercentage"}
    return {names[k]: int(v) for k, v in given.items() if k in names}


class EksNodegroup(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, nodegroup: Any):
        self.nodegroup = nodegroup

    @staticmethod
    def cloudformation_name_type() -> str:
        return "NodegroupName"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::Nodegroup"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Arn", "ClusterName", "NodegroupName")

    @property
    def physical_resource_id(self) -> str:
        return f"{self.nodegroup.cluster_name}/{self.nodegroup.nodegroup_name}"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.nodegroup.arn
        if attribute_name == "ClusterName":
            return self.nodegroup.cluster_name
        if attribute_name == "NodegroupName":
            return self.nodegroup.nodegroup_name
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EksNodegroup":
        props = cloudformation_json["Properties"]
        cluster_name = props.get("ClusterName", "")
        node_role = props.get("NodeRole", "")
        eks = eks_backends[account_id][region_name]
        cluster = eks.describe_cluster(cluster_name)  # ResourceNotFoundException, as EKS
        subnet_ids = list(props.get("Subnets") or [])
        _check_subnets(account_id, region_name, subnet_ids)
        if not role_is_assumable_by(account_id, region_name, node_role, "ec2.amazonaws.com"):
            raise _role_error(node_role)
        scaling = props.get("ScalingConfig") or {}
        low, high = int(scaling.get("MinSize", 1)), int(scaling.get("MaxSize", 2))
        desired = int(scaling.get("DesiredSize", low))
        if not low <= desired <= high:
            raise InvalidParameterException(
                message=f"Scaling config must satisfy minSize ({low}) <= desiredSize ({desired}) <= maxSize ({high})"
            )
        taints = props.get("Taints") or []
        template = props.get("LaunchTemplate")
        launch_template = None
        if template:
            ec2 = ec2_backends[account_id][region_name]
            found = ec2.describe_launch_templates(
                template_ids=[template["Id"]] if template.get("Id") else None,
                template_names=[template["Name"]] if template.get("Name") and not template.get("Id") else None,
            )
            if not found:
                raise InvalidParameterException(message=f"Launch template {template} does not exist")
            launch_template = {"id": found[0].id, "name": found[0].name}
            if template.get("Version") is not None:
                launch_template["version"] = str(template["Version"])
        nodegroup = eks.create_nodegroup(
            cluster_name=cluster_name,
            node_role=node_role,
            nodegroup_name=resource_name,
            subnets=subnet_ids,
            scaling_config={"minSize": low, "maxSize": high, "desiredSize": desired},
            disk_size=props.get("DiskSize"),
            instance_types=props.get("InstanceTypes"),
            ami_type=props.get("AmiType"),
            remote_access=props.get("RemoteAccess"),
            labels=props.get("Labels"),
            taints=[{"key": t.get("Key"), "value": t.get("Value"), "effect": t.get("Effect")} for t in taints],
            tags={**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))},
            launch_template=launch_template,
            capacity_type=props.get("CapacityType"),
            # EKS uses the cluster's version when none is given; moto would say 1.19.
            version=props.get("Version") or cluster.version,
            release_version=props.get("ReleaseVersion"),
        )
        update_config = nodegroup_update_config(props)
        if update_config is not None:
            nodegroup.update_config = update_config
        if launch_template is not None:
            _create_nodegroup_group(account_id, region_name, nodegroup, launch_template, subnet_ids, high)
        return cls(nodegroup)

    def delete(self, account_id: str, region_name: str) -> None:
        eks = eks_backends[account_id][region_name]
        cluster = eks.clusters.get(self.nodegroup.cluster_name)
        if cluster is not None and self.nodegroup.nodegroup_name in cluster.nodegroups:
            eks.delete_nodegroup(self.nodegroup.cluster_name, self.nodegroup.nodegroup_name)
        groups = autoscaling_backends[account_id][region_name].autoscaling_groups
        for group in self.nodegroup.resources["autoScalingGroups"]:
            if group["name"] in groups:
                autoscaling_backends[account_id][region_name].delete_auto_scaling_group(group["name"])


def _create_nodegroup_group(
    account_id: str, region_name: str, nodegroup: Any, launch_template: dict[str, Any], subnets: list[str], high: int
) -> None:
    """The auto scaling group EKS makes for a managed nodegroup (moto only names one): real, so the
    Auto Scaling calls eksctl makes on it (SuspendProcesses, CreateOrUpdateTags) act on something.
    Empty (no instances), with EKS's own tags."""
    name = nodegroup.resources["autoScalingGroups"][0]["name"]
    cluster = nodegroup.cluster_name
    eks_tags = {
        "eks:cluster-name": cluster,
        "eks:nodegroup-name": nodegroup.nodegroup_name,
        "k8s.io/cluster-autoscaler/enabled": "true",
        f"k8s.io/cluster-autoscaler/{cluster}": "owned",
        f"kubernetes.io/cluster/{cluster}": "owned",
    }
    autoscaling_backends[account_id][region_name].create_auto_scaling_group(
        name=name,
        availability_zones=[],
        desired_capacity=0,
        max_size=high,
        min_size=0,
        launch_config_name="",
        launch_template={"LaunchTemplateId": launch_template["id"], "Version": launch_template.get("version", "$Default")},
        vpc_zone_identifier=",".join(subnets),
        default_cooldown=None,
        health_check_period=None,
        health_check_type=None,
        load_balancers=[],
        target_group_arns=[],
        placement_group=None,
        termination_policies=[],
        tags=[
            {"ResourceId": name, "ResourceType": "auto-scaling-group", "Key": k, "Value": v, "PropagateAtLaunch": "true"}
            for k, v in eks_tags.items()
        ],
    )


class EksFargateProfile(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, profile: Any):
        self.profile = profile

    @staticmethod
    def cloudformation_name_type() -> str:
        return "FargateProfileName"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::FargateProfile"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Arn"

    @property
    def physical_resource_id(self) -> str:
        # Composite primary identifier of the registry schema, joined with "|".
        return f"{self.profile.cluster_name}|{self.profile.fargate_profile_name}"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.profile.fargate_profile_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EksFargateProfile":
        props = cloudformation_json["Properties"]
        role_arn = props.get("PodExecutionRoleArn", "")
        subnet_ids = list(props.get("Subnets") or [])
        _check_subnets(account_id, region_name, subnet_ids)
        if not role_is_assumable_by(account_id, region_name, role_arn, "eks-fargate-pods.amazonaws.com"):
            raise _role_error(role_arn)
        profile = eks_backends[account_id][region_name].create_fargate_profile(
            fargate_profile_name=resource_name,
            cluster_name=props.get("ClusterName", ""),
            selectors=[
                {
                    "namespace": s.get("Namespace"),
                    **({"labels": cfn_tags(s["Labels"])} if s.get("Labels") else {}),
                }
                for s in props.get("Selectors") or []
            ],
            pod_execution_role_arn=role_arn,
            subnets=subnet_ids,
            tags={**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))},
        )
        return cls(profile)

    def delete(self, account_id: str, region_name: str) -> None:
        eks = eks_backends[account_id][region_name]
        cluster = eks.clusters.get(self.profile.cluster_name)
        if cluster is not None and self.profile.fargate_profile_name in cluster.fargate_profiles:
            eks.delete_fargate_profile(self.profile.cluster_name, self.profile.fargate_profile_name)


MODELS = {"eks-cluster": EksCluster, "eks-nodegroup": EksNodegroup, "eks-fargate-profile": EksFargateProfile}


def install_update_cluster_config_merges() -> None:
    """UpdateClusterConfig changes only the fields it is given, as EKS does.

    moto replaces resourcesVpcConfig wholesale with the request's: after an endpoint-access-only
    update (private-eks's public-access switch) the cluster lost its subnetIds, vpcId and
    clusterSecurityGroupId, and the cluster stack's GetAtt ClusterSecurityGroupId then failed
    with KeyError (HTTP 500 from DescribeStacks).
    """
    from moto.eks.models import EKSBackend

    original = EKSBackend.update_cluster_config

    def update_cluster_config(self: Any, name: str, resources_vpc_config: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        cluster = self.clusters.get(name)
        if cluster is not None and resources_vpc_config:
            resources_vpc_config = {**cluster.resources_vpc_config, **resources_vpc_config}
        return original(self, name, resources_vpc_config, *args, **kwargs)

    EKSBackend.update_cluster_config = update_cluster_config
