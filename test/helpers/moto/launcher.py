"""Starts moto's server on 127.0.0.1 with private-eks's extensions (the EXTENSIONS list below; why each
one exists is in README.md next to this file).

    python launcher.py [--host 127.0.0.1] [--port 0] [--exit-on-stdin-eof] [--disable NAME,NAME]

Prints "Running on http://HOST:PORT (pid N)" once the socket is bound. PRIVATE_EKS_MOTO_DISABLE (a comma
list) does what --disable does, so a test can watch moto's own behaviour next to the extended one.

Extra read-only routes, for tests (moto has no EKS API for these, see eks_access_addons.py):
    GET /private-eks-test/extensions       the registry, with what is enabled
    GET /private-eks-test/access-entries   access entries made by AWS::EKS::AccessEntry
    GET /private-eks-test/addons           add-ons made by AWS::EKS::Addon
    GET /private-eks-test/pod-identity-associations   made by AWS::EKS::PodIdentityAssociation
    GET /private-eks-test/identity-provider-configs   made by AWS::EKS::IdentityProviderConfig
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
import threading
from dataclasses import dataclass
from typing import Any, Callable

# Before moto reads its settings: AWS-managed policies (AmazonEKSClusterPolicy, …) exist only with this.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

from moto.cloudformation import parsing  # noqa: E402
from moto.core.common_models import CloudFormationModel  # noqa: E402
from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server  # noqa: E402

from moto_extensions import asg_updates  # noqa: E402
from moto_extensions import cfn_change_sets  # noqa: E402
from moto_extensions import cfn_stack_lifecycle  # noqa: E402
from moto_extensions import cfn_template_checks  # noqa: E402
from moto_extensions import ec2_image_block_devices  # noqa: E402
from moto_extensions import ec2_resources  # noqa: E402
from moto_extensions import eks_access_addons  # noqa: E402
from moto_extensions import eks_access_policies  # noqa: E402
from moto_extensions import eks_addon_versions  # noqa: E402
from moto_extensions import eks_identity_providers  # noqa: E402
from moto_extensions import eks_resources  # noqa: E402
from moto_extensions import eks_updates  # noqa: E402
from moto_extensions import fast_reset  # noqa: E402
from moto_extensions import iam_resources  # noqa: E402
from moto_extensions import ipv6  # noqa: E402
from moto_extensions import lambda_runner  # noqa: E402
from moto_extensions import ssm_bottlerocket_amis  # noqa: E402
from moto_extensions import ssm_eks_amis  # noqa: E402
from moto_extensions import ssm_windows_amis  # noqa: E402


@dataclass(frozen=True)
class Extension:
    name: str
    summary: str
    install: Callable[[], None] | None = None  # patches; None for a CloudFormation model (see MODELS)


MODELS: dict[str, type[CloudFormationModel]] = {
    **eks_resources.MODELS,
    **eks_access_addons.MODELS,
    **eks_identity_providers.MODELS,
    **iam_resources.MODELS,
    **ec2_resources.MODELS,
}

E = Extension
EXTENSIONS: list[Extension] = [
    E("eks-cluster", "AWS::EKS::Cluster via moto's EKS backend, plus vpcId, cluster SG, accessConfig, own OIDC issuer"),
    E(
        "eks-update-cluster-config-merges",
        "UpdateClusterConfig changes only the fields given (moto replaced resourcesVpcConfig wholesale)",
        eks_resources.install_update_cluster_config_merges,
    ),
    E("eks-nodegroup", "AWS::EKS::Nodegroup via moto's EKS backend; Ref is cluster/nodegroup"),
    E(
        "eks-cluster-ipv6",
        "an IPv6 AWS::EKS::Cluster gets an fd00::/8 /108 service range and GetAtt KubernetesNetworkConfig.ServiceIpv6Cidr",
        ipv6.install_cluster_service_range,
    ),
    E(
        "ec2-subnet-ipv6-association-state",
        "DescribeSubnets reports a subnet's IPv6 block as associated (moto nested the state in a dict)",
        ipv6.install_subnet_association_state,
    ),
    E(
        "ec2-security-group-ingress-ipv6",
        "AWS::EC2::SecurityGroupIngress authorizes its CidrIpv6 (moto ignored it and made no rule)",
        ipv6.install_security_group_ingress_ipv6,
    ),
    E("eks-fargate-profile", "AWS::EKS::FargateProfile via moto's EKS backend"),
    E("eks-access-entry", "AWS::EKS::AccessEntry kept on the cluster; GET /private-eks-test/access-entries"),
    E(
        "eks-access-policy-association",
        "AssociateAccessPolicy, DisassociateAccessPolicy, ListAssociatedAccessPolicies on those access entries",
        eks_access_policies.install,
    ),
    E("eks-addon", "AWS::EKS::Addon kept on the cluster; GET /private-eks-test/addons"),
    E(
        "eks-addon-versions",
        "DescribeAddonVersions from a small made-up table in EKS's shape",
        eks_addon_versions.install_addon_versions,
    ),
    E(
        "eks-pod-identity-association",
        "AWS::EKS::PodIdentityAssociation kept on the cluster; GET /private-eks-test/pod-identity-associations",
    ),
    E(
        "eks-identity-provider-config",
        "AWS::EKS::IdentityProviderConfig (OIDC) kept on the cluster; GET /private-eks-test/identity-provider-configs",
    ),
    E("iam-oidc-provider", "AWS::IAM::OIDCProvider via moto's IAM backend"),
    E(
        "iam-role-managed-policies",
        "AWS::IAM::Role ManagedPolicyArns attached on create, detached on delete",
        iam_resources.install_role_managed_policies,
    ),
    E("ec2-security-group-egress", "AWS::EC2::SecurityGroupEgress authorized on create, revoked on delete"),
    E(
        "ec2-subnet-route-table-association",
        "SubnetRouteTableAssociation really associates the subnet; physical ID rtbassoc-...",
        ec2_resources.install_subnet_route_table_association,
    ),
    E(
        "ec2-route-table-deletion",
        "stack delete removes routes, route tables, associations and VPC endpoints",
        ec2_resources.install_route_table_deletion,
    ),
    E(
        "ec2-vpc-endpoint-modify",
        "ModifyVpcEndpoint and stack updates of a VPC endpoint add/remove gateway routes and set private DNS",
        ec2_resources.install_vpc_endpoint_modify,
    ),
    E(
        "ec2-primary-eni-deleted-on-termination",
        "a terminated instance's primary network interface is deleted with it",
        ec2_resources.install_primary_eni_deleted_on_termination,
    ),
    E(
        "ec2-image-block-device-defaults",
        "a launched volume with no size or snapshot takes the image's mapping for that device (snapshot, size)",
        ec2_image_block_devices.install,
    ),
    E(
        "cfn-dependency-ordered-delete",
        "stack delete in reverse dependency order",
        cfn_stack_lifecycle.install_dependency_ordered_delete,
    ),
    E(
        "cfn-deleted-stack-stays-deleted",
        "describing a deleted stack no longer re-creates its resources",
        cfn_stack_lifecycle.install_deleted_stack_stays_deleted,
    ),
    E(
        "cfn-delete-failed-status",
        "a failed stack delete leaves the stack DELETE_FAILED instead of losing it",
        cfn_stack_lifecycle.install_delete_failed_status,
    ),
    E(
        "cfn-create-failure-rollback",
        "a resource that fails to create rolls the stack back to ROLLBACK_COMPLETE",
        cfn_stack_lifecycle.install_create_failure_rollback,
    ),
    E(
        "cfn-template-reference-checks",
        "unknown Ref/GetAtt targets and dependency cycles are refused with ValidationError before anything exists",
        cfn_template_checks.install,
    ),
    E(
        "cfn-update-errors-in-cfn-shape",
        "a resource error during UpdateStack comes back as a CloudFormation ValidationError",
        cfn_stack_lifecycle.install_update_errors_as_cfn_errors,
    ),
    E(
        "lambda-runner",
        "the in-VPC runner's inline Node.js code runs with local node on Invoke; its VPC ENIs outlive the function",
        lambda_runner.install,
    ),
    E(
        "serialize-requests",
        "one request at a time: moto's backends are not thread-safe under parallel CreateStack",
    ),
    E(
        "eks-update-api",
        "UpdateClusterVersion, UpdateNodegroupVersion, DescribeUpdate, ListUpdates; update IDs from the Update*Config "
        "calls; StartInstanceRefresh/DescribeInstanceRefreshes",
        eks_updates.install_update_api,
    ),
    E(
        "eks-resource-updates",
        "in-place updates of AWS::EKS::Cluster, ::Nodegroup and ::Addon; replacing changes refused",
        eks_updates.install_resource_updates,
    ),
    E(
        "cfn-change-set-details",
        "change sets with Replacement and Details, FAILED when empty, parameter changes seen, tags applied on execute",
        cfn_change_sets.install,
    ),
    E(
        "autoscaling-group-update-in-place",
        "a stack update changes an auto scaling group in place instead of replacing it under a new name",
        asg_updates.install,
    ),
    E("moto-fast-reset", "POST /moto-api/reset drops the backends without rebuilding them first", fast_reset.install),
    E(
        "ssm-eks-optimized-ami",
        "public /aws/service/eks/optimized-ami/<1.29-1.35>/... image_id parameters",
        ssm_eks_amis.install,
    ),
    E(
        "ssm-bottlerocket-ami",
        "public /aws/service/bottlerocket/aws-k8s-<1.29-1.35>[-nvidia]/<arch>/latest/image_id parameters",
        ssm_bottlerocket_amis.install,
    ),
    E(
        "ssm-windows-ami",
        "public /aws/service/ami-windows-latest/Windows_Server-<release>-English-<edition>-EKS_Optimized-<v>/image_id parameters",
        ssm_windows_amis.install,
    ),
]


def install(disabled: set[str]) -> list[str]:
    known = {e.name for e in EXTENSIONS}
    unknown = disabled - known
    if unknown:
        raise SystemExit(f"unknown extension(s) to disable: {', '.join(sorted(unknown))}; known: {', '.join(known)}")
    enabled = [e for e in EXTENSIONS if e.name not in disabled]
    for extension in enabled:
        if extension.install is not None:
            extension.install()
    # moto builds its type map from CloudFormationModel.__subclasses__() (parsing.get_model_list, cached):
    # our models are subclasses as soon as they are defined, so the list is filtered by what is enabled.
    excluded = {model for name, model in MODELS.items() if name in disabled}

    @functools.lru_cache
    def model_list() -> list[type[CloudFormationModel]]:
        return [m for m in CloudFormationModel.__subclasses__() if m not in excluded]

    parsing.get_model_list = model_list
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
    return [e.name for e in enabled]


class TestRoutes:
    """Serves /private-eks-test/*; everything else goes to moto."""

    def __init__(self, app: Any, enabled: list[str]):
        self.app = app
        self.enabled = enabled
        # moto's backends share dicts without locks; parallel CreateStack calls (private-eks creates
        # nodegroup stacks in parallel) crashed with "OrderedDict mutated during iteration" and mixed
        # one stack's rollback events into another. AWS itself is concurrent, so this is an emulator
        # fix only: requests still arrive in parallel, the backend handles them one at a time.
        self.lock = threading.Lock() if "serialize-requests" in enabled else None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/private-eks-test/"):
            if self.lock is None:
                return self.app(environ, start_response)
            with self.lock:
                # Materialise the body inside the lock: the backend work may be lazy.
                return list(self.app(environ, start_response))
        routes: dict[str, Callable[[], Any]] = {
            "/private-eks-test/extensions": lambda: [
                {"name": e.name, "summary": e.summary, "enabled": e.name in self.enabled} for e in EXTENSIONS
            ],
            "/private-eks-test/access-entries": lambda: eks_access_addons.list_store(eks_access_addons.ACCESS_ENTRIES),
            "/private-eks-test/addons": lambda: eks_access_addons.list_store(eks_access_addons.ADDONS),
            "/private-eks-test/pod-identity-associations": lambda: eks_access_addons.list_store(
                eks_access_addons.POD_IDENTITY_ASSOCIATIONS
            ),
            "/private-eks-test/identity-provider-configs": eks_identity_providers.list_store,
        }
        route = routes.get(path.rstrip("/"))
        if route is None or environ.get("REQUEST_METHOD") != "GET":
            status, body = "404 Not Found", {"message": f"no such route: {environ.get('REQUEST_METHOD')} {path}"}
        else:
            status, body = "200 OK", route()
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--exit-on-stdin-eof", action="store_true", help="exit when stdin closes (parent died)")
    parser.add_argument(
        "--disable", default=os.environ.get("PRIVATE_EKS_MOTO_DISABLE", ""), help="extension names, comma-separated"
    )
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(name)s %(levelname)s %(message)s")

    enabled = install({name.strip() for name in args.disable.split(",") if name.strip()})
    app = TestRoutes(DomainDispatcherApplication(create_backend_app), enabled)
    server = make_server(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)
    port = server.server_address[1]
    # moto builds a few self-referencing URLs from MOTO_PORT; with --port 0 only now is it known.
    os.environ["MOTO_PORT"] = str(port)
    if args.exit_on_stdin_eof:

        def exit_when_parent_goes() -> None:
            sys.stdin.read()
            os._exit(0)

        threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    disabled = [e.name for e in EXTENSIONS if e.name not in enabled]
    print(f"private-eks moto launcher: extensions {', '.join(enabled)}", flush=True)
    if disabled:
        print(f"private-eks moto launcher: disabled {', '.join(disabled)}", flush=True)
    print(f"Running on http://{args.host}:{port} (pid {os.getpid()})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
