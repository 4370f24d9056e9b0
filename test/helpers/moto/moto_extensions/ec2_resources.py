"""EC2 in CloudFormation: what moto's models do not do on create or on stack delete.

- SubnetRouteTableAssociation: moto records it but never associates the subnet (DescribeRouteTables
  shows no explicit association, seen with moto 5.2.5) and its physical ID is the route table's ID.
- RouteTable, Route, SubnetRouteTableAssociation, VPCEndpoint: no delete on stack delete, so the VPC
  delete fails with DependencyViolation and moto loses the stack (TESTBED §2.1, §3.2).
- SecurityGroupEgress: skipped entirely (TESTBED §3.2).
- Instances (an auto scaling group's, a self-managed nodegroup's): the primary network interface that
  RunInstances creates is kept after termination, still "in-use"; EC2 deletes it (DeleteOnTermination
  defaults to true for it).
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidAssociationIdError, InvalidSecurityGroupNotFoundError
from moto.ec2.models import ec2_backends
from moto.ec2.models.instances import Instance
from moto.ec2.models.route_tables import Route, RouteTable
from moto.ec2.models.subnets import SubnetRouteTableAssociation
from moto.ec2.models.vpcs import VPCEndPoint

from .common import NotUpdatedInPlace


def install_subnet_route_table_association() -> None:
    def create(cls: Any, name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        route_table_id, subnet_id = props["RouteTableId"], props["SubnetId"]
        association = SubnetRouteTableAssociation(route_table_id, subnet_id)
        association.association_id = backend.associate_route_table(route_table_id, subnet_id=subnet_id)
        backend.subnet_associations[f"{route_table_id}:{subnet_id}"] = association
        return association

    def delete(cls: Any, resource_name: str, template: Any, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        try:
            subnet_id = backend.disassociate_route_table(resource_name)
        except InvalidAssociationIdError:
            return  # already gone: CloudFormation treats that as deleted
        for key, association in list(backend.subnet_associations.items()):
            if getattr(association, "association_id", None) == resource_name or key.endswith(f":{subnet_id}"):
                backend.subnet_associations.pop(key, None)

    SubnetRouteTableAssociation.create_from_cloudformation_json = classmethod(create)
    SubnetRouteTableAssociation.delete_from_cloudformation_json = classmethod(delete)
    # AWS returns the association ID (rtbassoc-…) as the physical ID.
    SubnetRouteTableAssociation.physical_resource_id = property(
        lambda self: getattr(self, "association_id", None) or self.route_table_id
    )


def install_route_table_deletion() -> None:
    def delete_route_table(cls: Any, resource_name: str, template: Any, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        if resource_name in backend.route_tables:
            backend.delete_route_table(resource_name)  # DependencyViolation while subnets are associated

    def delete_route(cls: Any, resource_name: str, template: Any, account_id: str, region_name: str) -> None:
        # moto's route ID is "<route table ID>~<destination>".
        route_table = ec2_backends[account_id][region_name].route_tables.get(resource_name.split("~")[0])
        if route_table is not None:
            route_table._routes.pop(resource_name, None)

    def delete_endpoint(cls: Any, resource_name: str, template: Any, account_id: str, region_name: str) -> None:
        # Same path as DeleteVpcEndpoints: removes the ENIs and the gateway's prefix-list routes, and leaves
        # the endpoint listed with state "deleted".
        ec2_backends[account_id][region_name].delete_vpc_endpoints([resource_name])

    RouteTable.delete_from_cloudformation_json = classmethod(delete_route_table)
    Route.delete_from_cloudformation_json = classmethod(delete_route)
    VPCEndPoint.delete_from_cloudformation_json = classmethod(delete_endpoint)


class SecurityGroupEgress(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, group_id: str, rule_ids: list[str]):
        self.group_id = group_id
        self.rule_ids = rule_ids

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EC2::SecurityGroupEgress"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Id"

    @property
    def physical_resource_id(self) -> str:
        return self.rule_ids[0] if self.rule_ids else ""

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.physical_resource_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "SecurityGroupEgress":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        group = backend.get_security_group_from_id(props.get("GroupId", ""))
        if group is None:
            raise InvalidSecurityGroupNotFoundError(props.get("GroupId", ""))
        ip_ranges: list[dict[str, Any]] = []
        if props.get("CidrIp"):
            ip_ranges.append({"CidrIp": props["CidrIp"], "Description": props.get("Description")})
        if props.get("CidrIpv6"):
            ip_ranges.append({"CidrIpv6": props["CidrIpv6"], "Description": props.get("Description")})
        destination_group = props.get("DestinationSecurityGroupId")
        prefix_list = props.get("DestinationPrefixListId")
        rules, _ = backend.authorize_security_group_egress(
            group_name_or_id=group.id,
            ip_protocol=str(props.get("IpProtocol")),
            from_port=props.get("FromPort"),
            to_port=props.get("ToPort"),
            ip_ranges=ip_ranges,
            source_groups=[{"GroupId": destination_group}] if destination_group else [],
            prefix_list_ids=[{"PrefixListId": prefix_list}] if prefix_list else [],
        )
        return cls(group.id, [rule.id for rule in rules])

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        if backend.get_security_group_from_id(self.group_id) is None or not self.rule_ids:
            return
        backend.revoke_security_group_egress(
            group_name_or_id=self.group_id,
            ip_protocol="",
            from_port="",
            to_port="",
            ip_ranges=[],
            security_rule_ids=self.rule_ids,
        )


def install_primary_eni_deleted_on_termination() -> None:
    original = Instance.prep_nics

    def prep_nics(self: Instance, nic_spec: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
        given = next((n for n in nic_spec if str(n.get("DeviceIndex")) == "0"), None)
        original(self, nic_spec, *args, **kwargs)
        primary = self.nics.get(0)
        # Only the interface EC2 makes for the instance; an attached existing one, or an explicit
        # DeleteOnTermination, is left as asked.
        as_asked = given is not None and (
            bool(given.get("NetworkInterfaceId")) or given.get("DeleteOnTermination") is not None
        )
        if primary is not None and not as_asked:
            primary.delete_on_termination = True

    Instance.prep_nics = prep_nics


MODELS = {"ec2-security-group-egress": SecurityGroupEgress}


def install_vpc_endpoint_modify() -> None:
    """ModifyVpcEndpoint and a stack update of AWS::EC2::VPCEndpoint as EC2 does them: moto's `modify` only
    edits the endpoint's lists (no gateway route added or removed, PrivateDnsEnabled ignored), and a stack
    update of SubnetIds/RouteTableIds changes nothing at all."""
    original_modify = VPCEndPoint.modify

    def sync_routes(endpoint: VPCEndPoint, added: list[str], removed: list[str]) -> None:
        prefix_list = endpoint.destination_prefix_list_id
        if not prefix_list:
            return
        backend = endpoint.ec2_backend
        for table_id in added:
            table = backend.route_tables.get(table_id)
            if table is not None and not any(
                getattr(r, "destination_prefix_list_id", None) == prefix_list for r in table.routes
            ):
                backend.create_route(table_id, None, gateway_id=endpoint.id, destination_prefix_list_id=prefix_list)
        for table_id in removed:
            if table_id in backend.route_tables:
                try:
                    backend.delete_route(table_id, prefix_list)
                except Exception:  # noqa: BLE001 - already gone: EC2 treats that as removed
                    pass

    def modify(self: VPCEndPoint, policy_doc, add_subnets, remove_subnets, add_route_tables, remove_route_tables,
               add_security_groups, remove_security_groups) -> None:  # type: ignore[no-untyped-def]
        before = list(self.route_table_ids or [])
        original_modify(self, policy_doc, add_subnets, remove_subnets, add_route_tables, remove_route_tables,
                        add_security_groups, remove_security_groups)
        after = list(self.route_table_ids or [])
        sync_routes(self, [t for t in after if t not in before], [t for t in before if t not in after])

    VPCEndPoint.modify = modify

    # The API's PrivateDnsEnabled (moto's response handler drops it).
    from moto.ec2.responses.vpcs import VPCs

    original_response = VPCs.modify_vpc_endpoint

    def modify_response(self: Any) -> Any:
        result = original_response(self)
        private_dns = self._get_param("PrivateDnsEnabled")
        if private_dns is not None:
            endpoint = self.ec2_backend.vpc_end_points.get(self._get_param("VpcEndpointId"))
            if endpoint is not None:
                endpoint.private_dns_enabled = str(private_dns).lower() == "true"
        return result

    VPCs.modify_vpc_endpoint = modify_response

    def update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any,
               account_id: str, region_name: str) -> Any:  # type: ignore[no-untyped-def]
        props = cloudformation_json["Properties"]
        endpoint: VPCEndPoint = original_resource
        if props.get("ServiceName") != endpoint.service_name or props.get("VpcId") != endpoint.vpc_id:
            # Replacement, as CloudFormation does for these properties.
            endpoint.ec2_backend.delete_vpc_endpoints([endpoint.id])
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        subnets = list(props.get("SubnetIds") or [])
        tables = list(props.get("RouteTableIds") or [])
        old_subnets = list(endpoint.subnet_ids or [])
        old_tables = list(endpoint.route_table_ids or [])
        endpoint.modify(
            None,
            [s for s in subnets if s not in old_subnets],
            [s for s in old_subnets if s not in subnets],
            [t for t in tables if t not in old_tables],
            [t for t in old_tables if t not in tables],
            None,
            None,
        )
        if "PrivateDnsEnabled" in props:
            endpoint.private_dns_enabled = str(props["PrivateDnsEnabled"]).lower() == "true"
        return endpoint

    VPCEndPoint.update_from_cloudformation_json = classmethod(update)
