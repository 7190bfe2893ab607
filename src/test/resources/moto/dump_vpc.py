"""Writes one VPC as a folder of `aws ec2 describe-*` outputs, read with boto3: a reader independent of Stackwright's
SDK adapter, so that the moto test can compare `vpc inspect` live with `vpc inspect --snapshot` of this folder.

Usage: python3 dump_vpc.py ENDPOINT REGION VPC_ID DIR
"""

import json
import os
import sys

import boto3


def main():
    endpoint, region, vpc_id, folder = sys.argv[1:5]
    ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=region,
                       aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")
    in_vpc = [{"Name": "vpc-id", "Values": [vpc_id]}]
    outputs = {
        "vpcs.json": ec2.describe_vpcs(VpcIds=[vpc_id]),
        "subnets.json": ec2.describe_subnets(Filters=in_vpc),
        "route-tables.json": ec2.describe_route_tables(Filters=in_vpc),
        "security-groups.json": ec2.describe_security_groups(Filters=in_vpc),
        "network-acls.json": ec2.describe_network_acls(Filters=in_vpc),
        "internet-gateways.json": ec2.describe_internet_gateways(
            Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}]),
        "nat-gateways.json": ec2.describe_nat_gateways(Filters=in_vpc),
        "vpc-endpoints.json": ec2.describe_vpc_endpoints(Filters=in_vpc),
        "network-interfaces.json": ec2.describe_network_interfaces(Filters=in_vpc),
        "instances.json": ec2.describe_instances(Filters=in_vpc),
        "dns-support.json": ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsSupport"),
        "dns-hostnames.json": ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsHostnames"),
    }
    # describe-egress-only-internet-gateways has no VPC filter: the gateways are kept by their attachment.
    egress_only = ec2.describe_egress_only_internet_gateways()
    outputs["egress-only-internet-gateways.json"] = {"EgressOnlyInternetGateways": [
        g for g in egress_only["EgressOnlyInternetGateways"]
        if any(a.get("VpcId") == vpc_id for a in g.get("Attachments", []))]}
    zones = sorted({s["AvailabilityZone"] for s in outputs["subnets.json"]["Subnets"]})
    offerings = ec2.get_paginator("describe_instance_type_offerings").paginate(
        LocationType="availability-zone", Filters=[{"Name": "location", "Values": zones}])
    outputs["instance-type-offerings.json"] = {
        "InstanceTypeOfferings": [o for page in offerings for o in page["InstanceTypeOfferings"]]}
    os.makedirs(folder, exist_ok=True)
    for name, answer in outputs.items():
        answer.pop("ResponseMetadata", None)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            json.dump(answer, f, indent=2, sort_keys=True, default=str)


if __name__ == "__main__":
    main()
