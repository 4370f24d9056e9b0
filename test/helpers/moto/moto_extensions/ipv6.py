"""IPv6 clusters: what an IPv6 cluster in a dual-stack VPC needs from the emulator (three extensions).

eks-cluster-ipv6 (install_cluster_service_range): an AWS::EKS::Cluster with
KubernetesNetworkConfig.IpFamily ipv6 gets its Kubernetes service range from EKS, not from the template: a /108 of a unique local block (fd00::/8), returned by DescribeCluster as
kubernetesNetworkConfig.serviceIpv6Cidr (no serviceIpv4Cidr) and by CloudFormation as the GetAtt
KubernetesNetworkConfig.ServiceIpv6Cidr. The eks-cluster extension (eks_resources.EksCluster) gives
every cluster moto's IPv4 service range and has no such attribute, so the cluster stack of an IPv6
cluster failed at its ServiceIPv6CIDR output. This wraps that model (same class, so disabling
eks-cluster disables this too).

ec2-subnet-ipv6-association-state (install_subnet_association_state): moto keeps a subnet's IPv6
association state as {"State": "associated"} and DescribeSubnets wraps it once more, so the SDK reads
Ipv6CidrBlockState.State as the text "{'State': 'associated'}" and no subnet has an associated IPv6
block (private-eks's IPv6 check on a supplied VPC then refuses every subnet). This returns the state
as EC2 does.

ec2-security-group-ingress-ipv6 (install_security_group_ingress_ipv6): moto's
AWS::EC2::SecurityGroupIngress reads CidrIpv6 but authorizes nothing with it (only CidrIp and source
groups), so an IPv6 rule (vpc.extraIPv6CIDRs, an IPv6 cluster's endpoint group) silently did not
exist. This authorizes it, with its description.
"""

from __future__ import annotations

import random
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.ec2.models import ec2_backends
from moto.ec2.models.security_groups import SecurityGroupIngress
from moto.ec2.models.subnets import Subnet

from moto_extensions.eks_resources import EksCluster

ATTRIBUTE = "KubernetesNetworkConfig.ServiceIpv6Cidr"


def _service_ipv6_cidr() -> str:
    """`fdXX:XXXX:XXXX::/108`: a random unique local /48 prefix, as EKS draws it."""
    groups = [f"fd{random.randint(0, 255):02x}", f"{random.randint(0, 0xFFFF):x}", f"{random.randint(0, 0xFFFF):x}"]
    return f"{':'.join(groups)}::/108"


def install_cluster_service_range() -> None:
    original_create = EksCluster.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_get = EksCluster.get_cfn_attribute

    def create_from_cloudformation_json(
        cls: type[EksCluster], resource_name: str, cloudformation_json: Any, *args: Any, **kwargs: Any
    ) -> EksCluster:
        resource = original_create(cls, resource_name, cloudformation_json, *args, **kwargs)
        network = cloudformation_json["Properties"].get("KubernetesNetworkConfig") or {}
        if str(network.get("IpFamily", "ipv4")).lower() == "ipv6":
            # EKS reports the family in lower case and no IPv4 service range for an IPv6 cluster.
            resource.cluster.kubernetes_network_config = {
                "ipFamily": "ipv6",
                "serviceIpv6Cidr": _service_ipv6_cidr(),
            }
        return resource

    def get_cfn_attribute(self: EksCluster, attribute_name: str) -> Any:
        if attribute_name == ATTRIBUTE:
            block = self.cluster.kubernetes_network_config.get("serviceIpv6Cidr")
            if block is None:  # an IPv4 cluster: the attribute has no value, and the stack fails
                raise UnformattedGetAttTemplateException()
            return block
        return original_get(self, attribute_name)

    EksCluster.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)  # type: ignore[assignment]
    EksCluster.get_cfn_attribute = get_cfn_attribute  # type: ignore[method-assign]
    EksCluster.ATTRIBUTES = (*EksCluster.ATTRIBUTES, ATTRIBUTE)


def install_subnet_association_state() -> None:
    def ipv6_cidr_block_association_set(self: Subnet) -> list[dict[str, Any]]:
        return [
            {
                "ipv6CidrBlock": association["ipv6CidrBlock"],
                "associationId": association["associationId"],
                "ipv6CidrBlockState": {"state": association["ipv6CidrBlockState"]["State"]},
            }
            for association in self.ipv6_cidr_block_associations.values()
            if association["ipv6CidrBlockState"]["State"] == "associated"
        ]

    Subnet.ipv6_cidr_block_association_set = property(ipv6_cidr_block_association_set)  # type: ignore[assignment,method-assign]


def install_security_group_ingress_ipv6() -> None:
    original = SecurityGroupIngress.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create_from_cloudformation_json(
        cls: type[SecurityGroupIngress],
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> SecurityGroupIngress:
        properties = cloudformation_json["Properties"]
        cidr_ipv6 = properties.get("CidrIpv6")
        if not cidr_ipv6 or properties.get("GroupId") is None:
            return original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        ec2 = ec2_backends[account_id][region_name]
        group = ec2.describe_security_groups(group_ids=[properties["GroupId"]])[0]
        ip_range = {"CidrIpv6": cidr_ipv6}
        if properties.get("Description"):
            ip_range["Description"] = properties["Description"]
        ec2.authorize_security_group_ingress(
            group_name_or_id=group.id,
            ip_protocol=str(properties.get("IpProtocol")),
            from_port=properties.get("FromPort"),
            to_port=properties.get("ToPort"),
            ip_ranges=[ip_range],
            source_groups=[],
        )
        return cls(group, properties)

    SecurityGroupIngress.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)  # type: ignore[assignment]
