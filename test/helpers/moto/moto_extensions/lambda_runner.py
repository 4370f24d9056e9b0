"""private-eks's in-VPC runner (src/runner/handler.ts) in the emulator.

moto runs Lambda functions only inside Docker containers, which the tests do not have. For the one
function private-eks deploys — recognised by its `PRIVATE_EKS_RUNNER` environment variable — Invoke
runs the function's own inline code (Code.ZipFile, as CloudFormation shipped it) with the local
`node`, exactly as Lambda's Node.js runtime would call `index.handler`, and answers in Lambda's shape
(a `FunctionError` header and an `errorMessage` payload when the handler throws).

The function runs outside any VPC here, so its cluster endpoint and CA (moto's EKS endpoint is a
made-up host) are replaced by the test's fake Kubernetes API when the emulator is started with
PRIVATE_EKS_EMULATOR_KUBE_ENDPOINT and PRIVATE_EKS_EMULATOR_KUBE_CA (base64 PEM).

Lambda's VPC network interfaces: a function with VpcConfig gets one requester-managed interface per
subnet (description `AWS Lambda VPC ENI-<function>`, in its security groups), as Lambda's Hyperplane
makes them. Taking the function out of the VPC (an empty VpcConfig) or deleting it leaves them
`available` instead of deleting them — what AWS does
for minutes after a delete, and what stalls the deletion of the subnets and security group — so a
delete flow that does not clean them up is caught by the leftovers inventory.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import tempfile
import zipfile
from typing import Any

from moto.awslambda import models as lambda_models
from moto.ec2.models import ec2_backends

from .common import log

RUNNER_MARKER = "PRIVATE_EKS_RUNNER"
ENI_DESCRIPTION = "AWS Lambda VPC ENI-{name}"
INVOKE_TIMEOUT_SECONDS = 120

# Runs index.handler(event) the way Lambda's runtime does and prints one JSON line.
NODE_BOOTSTRAP = r"""
const fs = require('node:fs');
const event = JSON.parse(fs.readFileSync(0, 'utf8') || '{}');
const { handler } = require(process.argv[1]);
Promise.resolve()
  .then(() => handler(event))
  .then(
    (result) => process.stdout.write(JSON.stringify({ ok: true, result: result === undefined ? null : result })),
    (error) => process.stdout.write(JSON.stringify({ ok: false, errorType: (error && error.name) || 'Error', errorMessage: String((error && error.message) || error) })),
  );
"""


def _environment(fn: Any) -> dict[str, str]:
    variables = (getattr(fn, "environment_vars", None) or {})
    return {str(k): str(v) for k, v in variables.items()}


def _is_runner(fn: Any) -> bool:
    return RUNNER_MARKER in _environment(fn) and str(getattr(fn, "run_time", "") or "").startswith("nodejs")


def _inline_code(fn: Any) -> str:
    """The handler's source from the function's zip: CloudFormation's ZipFile lands as index.py in moto."""
    code = fn.code.get("ZipFile") if isinstance(fn.code, dict) else None
    raw = base64.b64decode(code) if isinstance(code, (str, bytes)) else fn.code_bytes
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for name in ("index.js", "index.py"):
            if name in archive.namelist():
                return archive.read(name).decode("utf-8")
    raise ValueError("the runner's package has no index file")


def _run_with_node(fn: Any, event: Any) -> tuple[str, bool, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(_environment(fn))
    env.update(
        {
            "AWS_REGION": fn.region,
            "AWS_ACCESS_KEY_ID": "ASIAEMULATEDRUNNER",
            "AWS_SECRET_ACCESS_KEY": "emulated-runner-secret",
            "AWS_SESSION_TOKEN": "emulated-runner-session",
        }
    )
    if os.environ.get("PRIVATE_EKS_EMULATOR_KUBE_ENDPOINT"):
        env["CLUSTER_ENDPOINT"] = os.environ["PRIVATE_EKS_EMULATOR_KUBE_ENDPOINT"]
    if os.environ.get("PRIVATE_EKS_EMULATOR_KUBE_CA"):
        env["CLUSTER_CA"] = os.environ["PRIVATE_EKS_EMULATOR_KUBE_CA"]
    with tempfile.TemporaryDirectory(prefix="private-eks-runner-") as scratch:
        index = os.path.join(scratch, "index.js")
        with open(index, "w", encoding="utf-8") as f:
            f.write(_inline_code(fn))
        payload = event if isinstance(event, str) else json.dumps(event)
        done = subprocess.run(
            ["node", "-e", NODE_BOOTSTRAP, index],
            input=payload.encode("utf-8"),
            capture_output=True,
            env=env,
            timeout=INVOKE_TIMEOUT_SECONDS,
            check=False,
        )
    logs = done.stderr.decode("utf-8", "replace")
    try:
        outcome = json.loads(done.stdout.decode("utf-8") or "{}")
    except ValueError:
        outcome = {"ok": False, "errorType": "Runtime.ExitError", "errorMessage": logs[-500:] or "no output"}
    if outcome.get("ok"):
        return json.dumps(outcome.get("result")), False, logs
    error = {"errorType": outcome.get("errorType", "Error"), "errorMessage": outcome.get("errorMessage", "")}
    return json.dumps(error), True, logs


def install() -> None:
    original_invoke_lambda = lambda_models.LambdaFunction._invoke_lambda

    def _invoke_lambda(self: Any, event: Any = None) -> tuple[str, bool, str]:
        if not _is_runner(self):
            return original_invoke_lambda(self, event)
        log.info("runner %s: invoked with node (emulator)", self.function_name)
        return _run_with_node(self, event)

    lambda_models.LambdaFunction._invoke_lambda = _invoke_lambda  # type: ignore[method-assign]

    # Lambda answers FunctionError "Unhandled" for a thrown error; moto says "Handled".
    original_invoke = lambda_models.LambdaFunction.invoke

    def invoke(self: Any, body: str, request_headers: Any, response_headers: Any) -> Any:
        result = original_invoke(self, body, request_headers, response_headers)
        if _is_runner(self) and response_headers.get("x-amz-function-error") == "Handled":
            response_headers["x-amz-function-error"] = "Unhandled"
        return result

    lambda_models.LambdaFunction.invoke = invoke  # type: ignore[method-assign]
    _install_vpc_enis()


def _install_vpc_enis() -> None:
    backend_cls = lambda_models.LambdaBackend
    original_create = backend_cls.create_function
    original_delete = backend_cls.delete_function

    def create_function(self: Any, spec: dict[str, Any]) -> Any:
        fn = original_create(self, spec)
        if _is_runner(fn):
            vpc = spec.get("VpcConfig") or {}
            ec2 = ec2_backends[self.account_id][self.region_name]
            for subnet_id in vpc.get("SubnetIds", []):
                subnet = ec2.get_subnet(subnet_id)
                eni = ec2.create_network_interface(
                    subnet,
                    None,
                    group_ids=list(vpc.get("SecurityGroupIds", [])),
                    description=ENI_DESCRIPTION.format(name=fn.function_name),
                )
                eni.status = "in-use"
                eni.requester_managed = True
        return fn

    def delete_function(self: Any, function_name: str, qualifier: str | None = None) -> None:
        fn = self._lambdas.get_function_by_name_or_arn_with_qualifier(function_name) if function_name else None
        original_delete(self, function_name, qualifier)
        if fn is not None and _is_runner(fn):
            # Released, not deleted: the caller (or, after a while, AWS) deletes them.
            _release_interfaces(self.account_id, self.region_name, fn.function_name)

    backend_cls.create_function = create_function  # type: ignore[method-assign]
    backend_cls.delete_function = delete_function  # type: ignore[method-assign]

    original_update = lambda_models.LambdaFunction.update_configuration

    def update_configuration(self: Any, config_updates: dict[str, Any]) -> Any:
        result = original_update(self, config_updates)
        vpc = config_updates.get("VpcConfig")
        if _is_runner(self) and isinstance(vpc, dict) and not vpc.get("SubnetIds"):
            # Out of the VPC: Lambda lets go of the interfaces (AWS: some minutes later).
            _release_interfaces(self.account_id, self.region, self.function_name)
        return result

    lambda_models.LambdaFunction.update_configuration = update_configuration  # type: ignore[method-assign]


def _release_interfaces(account_id: str, region: str, function_name: str) -> None:
    ec2 = ec2_backends[account_id][region]
    wanted = ENI_DESCRIPTION.format(name=function_name)
    for eni in ec2.enis.values():
        if eni.description == wanted:
            eni.status = "available"
