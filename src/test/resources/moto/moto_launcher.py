"""Starts moto's server for Stackwright's tests, with moto patched where it differs from AWS in ways the tests meet.

Usage: python3 moto_launcher.py [PORT]   (0 or nothing: a free port)

Listens on 127.0.0.1 only, prints "moto listening on PORT" once it answers, and stops when its standard input
closes, so that it never outlives the JVM that started it (MotoServer.java). Each patch below says what moto does,
what AWS does, and why the tests need AWS's behaviour; docs/deploy.md ("The local AWS in the test suite") lists them.
"""

import sys

import moto
from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing as cfn_parsing
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation.custom_model import CustomModel
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.ec2.models.elastic_block_store import EBSBackend
from moto.ec2.models.nat_gateways import NatGateway
from moto.ec2.models.security_groups import SecurityGroup
from moto.ec2.models.vpcs import VPC
from moto.elbv2.models import ELBv2Backend, FakeLoadBalancer, FakeTargetGroup
from moto.rds.models import DBInstance, MasterUserSecret, RDSBackend

EXPECTED_MOTO = "5.2.1"


# --- 1. Change sets are found by stack and name ------------------------------------------------------------------
# moto looks a change set up by its name alone, across every stack of the region; AWS by stack name and change set
# name. Stackwright names change sets by the second they were made (stackwright-20260302-100000), so the network and
# the app stack can have change sets of the same name, and moto would describe, execute or delete the wrong one.

def _change_set_arn(response):
    name = response._get_param("ChangeSetName")
    stack = response._get_param("StackName")
    if name is None or name.startswith("arn:") or not stack:
        return name
    for arn, cs in reversed(list(response.cloudformation_backend.change_sets.items())):
        if cs.change_set_name == name and stack in (cs.stack_name, cs.stack_id):
            return arn
    return name


def _describe_change_set(self):
    return cfn_responses.ActionResult(self.cloudformation_backend.describe_change_set(change_set_name=_change_set_arn(self)))


def _execute_change_set(self):
    self.cloudformation_backend.execute_change_set(stack_name=self._get_param("StackName"),
                                                   change_set_name=_change_set_arn(self))
    return cfn_responses.EmptyResult()


def _delete_change_set(self):
    self.cloudformation_backend.delete_change_set(change_set_name=_change_set_arn(self))
    return cfn_responses.EmptyResult()


cfn_responses.CloudFormationResponse.describe_change_set = _describe_change_set
cfn_responses.CloudFormationResponse.execute_change_set = _execute_change_set
cfn_responses.CloudFormationResponse.delete_change_set = _delete_change_set


# --- 2. Stacks made through change sets have outputs, exports, and see other stacks' exports ----------------------
# moto builds a change set's stack from an empty template and never rebuilds its outputs after executing it: the
# stack has no outputs, exports nothing, and its own Fn::ImportValue finds nothing ("No export named ... found").
# AWS treats a stack created by a change set like any other. Stackwright's app stack imports the network stack's
# exports, so without this no app stack could be created.

_original_create_change_set = cfn_models.CloudFormationBackend.create_change_set
_original_execute_change_set = cfn_models.CloudFormationBackend.execute_change_set


def _create_change_set(self, *args, **kwargs):
    change_set_id, stack_id = _original_create_change_set(self, *args, **kwargs)
    stack = self.stacks[stack_id]
    stack.cross_stack_resources = self.exports
    stack.resource_map.cross_stack_resources = self.exports
    return change_set_id, stack_id


def _execute_change_set(self, change_set_name, stack_name=None):
    change_set = self.change_sets.get(change_set_name) or next(
        (cs for cs in self.change_sets.values() if cs.change_set_name == change_set_name), None)
    if change_set is None:
        return _original_execute_change_set(self, change_set_name, stack_name)
    stack = self.stacks[change_set.stack_id]
    before = [e.name for e in stack.exports]
    _original_execute_change_set(self, change_set_name, stack_name)
    stack._parse_template()
    stack.description = stack.template_dict.get("Description")
    stack.parameters = change_set.parameters
    stack.output_map = stack._create_output_map()
    # AWS deletes a stack's change sets once one of them is executed; moto keeps them, and a later change set of the
    # same name (Stackwright's names have a resolution of one second) would find the executed one.
    for arn in [arn for arn, cs in self.change_sets.items() if cs.stack_id == stack.stack_id]:
        del self.change_sets[arn]
    for name in before:
        self.exports.pop(name, None)
    self._validate_export_uniqueness(stack)
    for export in stack.exports:
        self.exports[export.name] = export


cfn_models.CloudFormationBackend.create_change_set = _create_change_set
cfn_models.CloudFormationBackend.execute_change_set = _execute_change_set


# --- 3. A generated ECR repository name is one ECR accepts --------------------------------------------------------
# Without RepositoryName, moto names the repository <stack>-<LogicalId>-<suffix> with capitals, which moto's own ECR
# then refuses ("must satisfy regular expression"); AWS generates a lower-case name.

_original_generate_resource_name = cfn_parsing.generate_resource_name


def _generate_resource_name(resource_type, stack_name, logical_id):
    name = _original_generate_resource_name(resource_type, stack_name, logical_id)
    return name.lower() if resource_type == "AWS::ECR::Repository" else name


cfn_parsing.generate_resource_name = _generate_resource_name


# --- 4. Custom resources answer SUCCESS without running their Lambda function -------------------------------------
# moto runs a custom resource's function in Docker, which the tests do not have, and the stack waits for an answer
# that never comes. Here every Custom::* resource (and AWS::CloudFormation::CustomResource) succeeds at once with no
# data, generically: what the function would do is not covered, only that the templates around it deploy.

def _custom_resource_succeeds(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    from moto.cloudformation import cloudformation_backends
    resource = CustomModel(region_name, "stackwright-test", kwargs["LogicalId"], resource_name)
    cloudformation_backends[account_id][region_name].get_stack(kwargs["StackId"]).add_custom_resource(resource)
    resource.set_data({})
    return resource


CustomModel.create_from_cloudformation_json = classmethod(_custom_resource_succeeds)


# --- 5. Security groups keep the rules the template gives them --------------------------------------------------
# moto's AWS::EC2::SecurityGroup fails on an inbound rule without ports (IpProtocol -1, which AWS allows), drops the
# rules' descriptions and ignores SecurityGroupEgress altogether, leaving the default allow-all egress. AWS replaces
# the default egress rule with the template's. The reachability checks of the tests read these rules back.

def _ports(rule):
    if str(rule.get("IpProtocol")) == "-1":
        return None, None
    return rule.get("FromPort"), rule.get("ToPort")


def _authorize(ec2, group, rule, egress):
    from_port, to_port = _ports(rule)
    peers = {}
    if rule.get("CidrIp"):
        peers["ip_ranges"] = [{"CidrIp": rule["CidrIp"], "Description": rule.get("Description")}]
    elif rule.get("CidrIpv6"):
        peers["ip_ranges"] = [{"CidrIpv6": rule["CidrIpv6"], "Description": rule.get("Description")}]
    else:
        peers["ip_ranges"] = []
    other = rule.get("DestinationSecurityGroupId" if egress else "SourceSecurityGroupId")
    peers["source_groups"] = [{"GroupId": other, "Description": rule.get("Description")}] if other else []
    prefix = rule.get("DestinationPrefixListId" if egress else "SourcePrefixListId")
    peers["prefix_list_ids"] = [{"PrefixListId": prefix, "Description": rule.get("Description")}] if prefix else []
    authorize = ec2.authorize_security_group_egress if egress else ec2.authorize_security_group_ingress
    authorize(group_name_or_id=group.id, ip_protocol=str(rule["IpProtocol"]), from_port=from_port, to_port=to_port,
              vpc_id=group.vpc_id, **peers)


def _security_group(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    ec2 = ec2_backends[account_id][region_name]
    group = ec2.create_security_group(name=properties.get("GroupName", resource_name),
                                      description=properties.get("GroupDescription"), vpc_id=properties.get("VpcId"))
    for tag in properties.get("Tags", []):
        group.add_tag(tag["Key"], tag["Value"])
    for rule in properties.get("SecurityGroupIngress", []):
        _authorize(ec2, group, rule, egress=False)
    if properties.get("SecurityGroupEgress"):
        group.egress_rules = []
        for rule in properties["SecurityGroupEgress"]:
            _authorize(ec2, group, rule, egress=True)
    return group


SecurityGroup.create_from_cloudformation_json = classmethod(_security_group)


# --- 6. The EC2 resources moto's CloudFormation does not make, made through moto's EC2 -----------------------------
# moto's CloudFormation skips AWS::EC2::NetworkAcl, NetworkAclEntry, SubnetNetworkAclAssociation,
# SecurityGroupEgress and EIPAssociation (it warns and creates nothing), and records SubnetRouteTableAssociation
# without associating anything, so a deployed VPC would have no data-tier ACL, no standalone egress rules, NAT
# instances without their address and every subnet on the main route table: describe-* would show a different
# network than the template's. These make them with the EC2 calls AWS would make.

def _unless_gone(undo):
    """Runs a delete; a resource that is already gone counts as deleted, as CloudFormation counts it."""
    try:
        undo()
    except Exception as e:  # moto's NotFound errors have no common base class
        if "NotFound" not in type(e).__name__ and "NotFound" not in str(e) and "does not exist" not in str(e):
            raise


# moto files every model class under the service named by its module (moto.<service>....).
_MODULE = "moto.stackwright_test"


class _TestModel(CloudFormationModel):
    """A resource these patches make themselves, known by its ID. (Every class sets __module__: Python gives each
    class the module that defines it, and moto files a class by that.)"""
    __module__ = _MODULE

    def __init__(self, physical_id):
        self.id = physical_id

    @property
    def physical_resource_id(self):
        return self.id

    @staticmethod
    def cloudformation_name_type():
        return ""


class _Ec2Resource(_TestModel):
    """A resource made through moto's EC2; delete undoes it."""
    __module__ = _MODULE

    def __init__(self, physical_id, undo=None):
        super().__init__(physical_id)
        self._undo = undo

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "Id"

    def get_cfn_attribute(self, attribute_name):
        return self.id

    def delete(self, account_id, region_name):
        if self._undo:
            _unless_gone(self._undo)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)


class _NetworkAcl(_Ec2Resource):
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::NetworkAcl"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        properties = cloudformation_json["Properties"]
        acl = ec2.create_network_acl(properties["VpcId"], tags=properties.get("Tags", []))
        return cls(acl.id, lambda: ec2.delete_network_acl(acl.id))


class _NetworkAclEntry(_Ec2Resource):
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::NetworkAclEntry"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        egress = str(p.get("Egress", False)).lower() == "true"
        ports = p.get("PortRange", {})
        icmp = p.get("Icmp", {})
        ec2.create_network_acl_entry(p["NetworkAclId"], int(p["RuleNumber"]), str(p["Protocol"]), p["RuleAction"],
                                     egress, p.get("CidrBlock"), icmp.get("Code"), icmp.get("Type"), ports.get("From"),
                                     ports.get("To"), p.get("Ipv6CidrBlock"))
        return cls(f"{p['NetworkAclId']}-{'egress' if egress else 'ingress'}-{p['RuleNumber']}",
                   lambda: ec2.delete_network_acl_entry(p["NetworkAclId"], int(p["RuleNumber"]), egress))


class _SubnetNetworkAclAssociation(_Ec2Resource):
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::SubnetNetworkAclAssociation"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        current = next(assoc_id for acl in ec2.network_acls.values() for assoc_id, a in acl._associations.items()
                       if a.subnet_id == p["SubnetId"])
        new = ec2.replace_network_acl_association(current, p["NetworkAclId"])

        def back_to_default():
            # A subnet deleted first took its association with it.
            acl = ec2.network_acls.get(p["NetworkAclId"])
            if acl is None or new.id not in acl._associations:
                return
            if p["SubnetId"] not in [s.id for s in ec2.describe_subnets()]:
                acl._associations.pop(new.id, None)
                return
            default = next(a for a in ec2.network_acls.values() if a.vpc_id == acl.vpc_id and a.default)
            ec2.replace_network_acl_association(new.id, default.id)

        return cls(new.id, back_to_default)


class _SecurityGroupEgress(_Ec2Resource):
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::SecurityGroupEgress"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        group = ec2.get_security_group_from_id(p["GroupId"])
        _authorize(ec2, group, p, egress=True)
        return cls(f"{p['GroupId']}-egress-{kwargs.get('LogicalId', resource_name)}")


class _EipAssociation(_Ec2Resource):
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::EIPAssociation"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        eni = ec2.get_network_interface(p["NetworkInterfaceId"]) if p.get("NetworkInterfaceId") else None
        instance = ec2.get_instance(p["InstanceId"]) if p.get("InstanceId") else None
        eip = ec2.associate_address(instance=instance, eni=eni, address=p.get("EIP"), allocation_id=p.get("AllocationId"))
        association = eip.association_id

        def disassociate():
            if ec2.address_by_association([association]):
                ec2.disassociate_address(association_id=association)

        return cls(association, disassociate)


class _SubnetRouteTableAssociation(_Ec2Resource):
    # moto records this association without giving it to the route table: describe-route-tables showed every
    # subnet on the main table, so every subnet looked the same to the reachability analysis.
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::SubnetRouteTableAssociation"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        association = ec2.associate_route_table(p["RouteTableId"], subnet_id=p["SubnetId"])
        return cls(association, lambda: ec2.disassociate_route_table(association))


_EC2_MODELS = {m.cloudformation_type(): m for m in
               (_NetworkAcl, _NetworkAclEntry, _SubnetNetworkAclAssociation, _SecurityGroupEgress, _EipAssociation,
                _SubnetRouteTableAssociation)}


# --- 7. Resource types moto does not model at all are placeholders ------------------------------------------------
# moto knows no CloudWatch alarms, API Gateway v2, Cloud Map, Application Auto Scaling, ECS capacity providers, SNS
# subscriptions or S3 bucket policies in CloudFormation; it skips them, and a Ref or GetAtt to one fails the stack.
# AWS creates them. Here each becomes a placeholder with an ID and attributes named after it: the stacks deploy and
# update, but nothing these resources would do in AWS happens, and the tests assert nothing about them.

class _Placeholder(_TestModel):
    __module__ = _MODULE

    def __init__(self, resource_type, name):
        super().__init__(name)
        self.resource_type = resource_type

    @staticmethod
    def cloudformation_type():
        return "Stackwright::Test::Placeholder"

    @classmethod
    def has_cfn_attr(cls, attr):
        return True

    def get_cfn_attribute(self, attribute_name):
        return f"{self.id}-{attribute_name.lower()}"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        return cls(kwargs.get("ResourceType", "?"), resource_name.lower())

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        return original_resource

    def delete(self, account_id, region_name):
        pass


_original_resource_class_from_type = cfn_parsing.resource_class_from_type


def _resource_class_from_type(resource_type):
    if resource_type == "AWS::CloudFormation::CustomResource":
        return CustomModel  # the other spelling of Custom::*, answered as in patch 4
    if resource_type in _EC2_MODELS:
        return _EC2_MODELS[resource_type]
    known = _original_resource_class_from_type(resource_type)
    if known is None and resource_type not in cfn_parsing.NULL_MODELS:
        return _Placeholder
    return known


cfn_parsing.resource_class_from_type = _resource_class_from_type


# --- 8. A launch template's EBS volume without a size takes the image's -----------------------------------------
# An instance's block device mapping may leave out VolumeSize: AWS then uses the size of the image's snapshot. moto's
# images have none, and moto refuses the volume ("must contain the parameter size/snapshot"), so no NAT instance or
# ECS host would start. 8 GiB is the root volume of the Amazon Linux 2023 images the templates launch.

_original_create_volume = EBSBackend.create_volume


def _create_volume(self, size, zone_name, snapshot_id=None, *args, **kwargs):
    if size is None and snapshot_id is None:
        size = 8
    return _original_create_volume(self, size, zone_name, snapshot_id, *args, **kwargs)


EBSBackend.create_volume = _create_volume


# --- 9. NAT gateways: tags, and the regional kind ----------------------------------------------------------------
# moto's AWS::EC2::NatGateway drops the tags and needs a SubnetId and an AllocationId. A regional NAT gateway
# (AvailabilityMode: regional) has neither: AWS places it in every zone of its VpcId. moto has no regional NAT
# gateways, so it becomes a zonal one in the VPC's first subnet with a route to an internet gateway; describe-*
# then shows one NAT gateway in one zone, where AWS shows one regional NAT gateway.

def _public_subnet(ec2, vpc_id):
    public_tables = [t for t in ec2.route_tables.values() if t.vpc_id == vpc_id
                     and any((r.gateway and r.gateway.id.startswith("igw-")) for r in t._routes.values())]
    subnets = sorted((s for s in ec2.describe_subnets() if s.vpc_id == vpc_id), key=lambda s: s.cidr_block)
    for subnet in subnets:
        if any(subnet.id in t._associations.values() for t in public_tables):
            return subnet.id
    return subnets[0].id


def _make_public_subnets_first(account_id, region_name, stack_id):
    """A regional NAT gateway depends on no subnet, so moto may reach it first: make the subnets and their routes to
    the internet gateway now (moto makes each resource once, when first needed)."""
    from moto.cloudformation import cloudformation_backends
    resources = cloudformation_backends[account_id][region_name].get_stack(stack_id).resource_map
    for logical_id, resource in list(resources._resource_json_map.items()):
        kind = resource.get("Type")
        if kind in ("AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SubnetRouteTableAssociation") or (
                kind == "AWS::EC2::Route" and "GatewayId" in resource.get("Properties", {})):
            resources[logical_id]


def _nat_gateway(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    ec2 = ec2_backends[account_id][region_name]
    p = cloudformation_json["Properties"]
    if not p.get("SubnetId"):
        _make_public_subnets_first(account_id, region_name, kwargs["StackId"])
    subnet_id = p.get("SubnetId") or _public_subnet(ec2, p["VpcId"])
    tags = {t["Key"]: t["Value"] for t in p.get("Tags", [])}
    return ec2.create_nat_gateway(subnet_id, p.get("AllocationId"), tags=tags,
                                  connectivity_type=p.get("ConnectivityType", "public"))


NatGateway.create_from_cloudformation_json = classmethod(_nat_gateway)


# --- 10. RDS instances: the managed password, deletion protection, and the final snapshot ------------------------
# moto's AWS::RDS::DBInstance ignores ManageMasterUserPassword (so GetAtt MasterUserSecret.SecretArn fails the stack)
# and DeletionProtection, and deleting the stack deletes the instance with no final snapshot although the template
# says DeletionPolicy: Snapshot. AWS does all three, and destroy depends on the last two: it must turn deletion
# protection off before deleting, and it reports the final snapshot.

_original_db_from_cfn = DBInstance.create_from_cloudformation_json.__func__


def _db_instance(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    database = _original_db_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    p = cloudformation_json["Properties"]
    database.deletion_protection = str(p.get("DeletionProtection", False)).lower() == "true"
    if str(p.get("ManageMasterUserPassword", False)).lower() == "true" and not database.manage_master_user_password:
        database.manage_master_user_password = True
        database.master_user_secret = MasterUserSecret(database, p.get("MasterUserSecret", {}).get("KmsKeyId"))
    return database


DBInstance.create_from_cloudformation_json = classmethod(_db_instance)
_original_db_has_attr = DBInstance.has_cfn_attr.__func__
_original_db_attr = DBInstance.get_cfn_attribute


def _db_has_attr(cls, attr):
    return attr == "MasterUserSecret.SecretArn" or _original_db_has_attr(cls, attr)


def _db_attr(self, attribute_name):
    if attribute_name == "MasterUserSecret.SecretArn":
        return self.master_user_secret.secret.arn
    return _original_db_attr(self, attribute_name)


DBInstance.has_cfn_attr = classmethod(_db_has_attr)
DBInstance.get_cfn_attribute = _db_attr

_original_delete_resource = cfn_parsing.ResourceMap._delete_resource


# moto's CloudFormation deletes no route table, internet gateway, gateway attachment, network interface, NAT gateway,
# Elastic IP or VPC endpoint: their models have no delete, which moto takes as "nothing to do". The VPC then keeps
# its route tables and cannot be deleted ("has dependencies"), so no network stack could be destroyed. AWS deletes
# them all; these are the EC2 calls it makes. A route goes with its route table.
_EC2_DELETES = {
    "AWS::EC2::RouteTable": lambda ec2, r: ec2.delete_route_table(r.id),
    "AWS::EC2::Route": lambda ec2, r: None,
    "AWS::EC2::VPCGatewayAttachment": lambda ec2, r: ec2.detach_internet_gateway(r.gateway_id, r.vpc_id)
    if str(r.gateway_id).startswith("igw-") and r.gateway_id in ec2.internet_gateways else None,
    "AWS::EC2::InternetGateway": lambda ec2, r: ec2.delete_internet_gateway(r.id),
    "AWS::EC2::NetworkInterface": lambda ec2, r: ec2.delete_network_interface(r.id),
    "AWS::EC2::NatGateway": lambda ec2, r: ec2.delete_nat_gateway(r.id),
    "AWS::EC2::EIP": lambda ec2, r: ec2.release_address(allocation_id=r.allocation_id),
    "AWS::EC2::VPCEndpoint": lambda ec2, r: ec2.delete_vpc_endpoints([r.id]),
}


def _delete_resource(self, parsed_resource, resource_json):
    kind = resource_json.get("Type")
    if kind == "AWS::RDS::DBInstance" and resource_json.get("DeletionPolicy") == "Snapshot":
        backend = parsed_resource.backend
        identifier = parsed_resource.db_instance_identifier
        backend.delete_db_instance(identifier, final_db_snapshot_identifier=f"{identifier}-final-snapshot")
        return
    if kind in _EC2_DELETES:
        _unless_gone(lambda: _EC2_DELETES[kind](ec2_backends[self._account_id][self._region_name], parsed_resource))
        return
    _original_delete_resource(self, parsed_resource, resource_json)


cfn_parsing.ResourceMap._delete_resource = _delete_resource


# --- 11. Load balancers: attributes from the template, and deletion protection -----------------------------------
# moto's AWS::ElasticLoadBalancingV2::LoadBalancer ignores LoadBalancerAttributes, and moto deletes a load balancer
# whose deletion protection is on. AWS applies the attributes and refuses that delete (OperationNotPermitted), which
# is why destroy turns the protection off first.

_original_lb_from_cfn = FakeLoadBalancer.create_from_cloudformation_json.__func__


def _load_balancer(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    balancer = _original_lb_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    attributes = cloudformation_json["Properties"].get("LoadBalancerAttributes", [])
    balancer.attrs.update({a["Key"]: str(a["Value"]).lower() for a in attributes if a["Key"] in FakeLoadBalancer.VALID_ATTRS})
    balancer.ip_address_type = cloudformation_json["Properties"].get("IpAddressType", "ipv4")
    return balancer


FakeLoadBalancer.create_from_cloudformation_json = classmethod(_load_balancer)
_original_delete_load_balancer = ELBv2Backend.delete_load_balancer


def _delete_load_balancer(self, arn):
    balancer = self.load_balancers.get(arn)
    if balancer is not None and balancer.attrs.get("deletion_protection.enabled") == "true":
        from moto.core.exceptions import RESTError
        raise RESTError("OperationNotPermitted",
                        f"Load balancer '{arn}' cannot be deleted because deletion protection is enabled")
    _original_delete_load_balancer(self, arn)


ELBv2Backend.delete_load_balancer = _delete_load_balancer


# --- 12. Fn::GetAZs "" is the stack's region, and a VPC's DNS settings are the template's ------------------------
# moto answers Fn::GetAZs "" with us-east-1's zones whatever the region, and ignores AWS::EC2::VPC's EnableDnsSupport
# and EnableDnsHostnames (hostnames stay off). AWS gives the stack's region's zones and applies both; vpc inspect
# checks zones and DNS settings. Also: moto reads ${Database.MasterUserSecret.SecretArn} in Fn::Sub as the attribute
# MasterUserSecret; AWS reads the attribute MasterUserSecret.SecretArn (everything after the first dot).

_original_clean_json = cfn_parsing.clean_json


def _clean_json(resource_json, resources_map):
    if isinstance(resource_json, dict) and "Fn::GetAZs" in resource_json and not resource_json["Fn::GetAZs"]:
        resource_json = {"Fn::GetAZs": resources_map._region_name}
    if isinstance(resource_json, dict) and isinstance(resource_json.get("Fn::GetAtt"), list) \
            and len(resource_json["Fn::GetAtt"]) > 2:
        parts = resource_json["Fn::GetAtt"]
        resource_json = {"Fn::GetAtt": [parts[0], ".".join(parts[1:])]}
    return _original_clean_json(resource_json, resources_map)


cfn_parsing.clean_json = _clean_json
_original_vpc_from_cfn = VPC.create_from_cloudformation_json.__func__


def _vpc(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    vpc = _original_vpc_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    p = cloudformation_json["Properties"]
    vpc.enable_dns_support = str(p.get("EnableDnsSupport", True)).lower() == "true"
    vpc.enable_dns_hostnames = str(p.get("EnableDnsHostnames", False)).lower() == "true"
    return vpc


VPC.create_from_cloudformation_json = classmethod(_vpc)


# --- 13. A change set says which changes replace a resource -------------------------------------------------------
# moto's change sets name the action (Add, Modify, Remove) but not which properties changed nor whether a Modify
# replaces the resource; AWS gives both (Replacement, Details[].Target.RequiresRecreation), and Stackwright's diff
# shows replacements loudly from them. Here a changed top-level property requires recreation when the resource
# type's CloudFormation schema lists it as create-only (the schemas cfn-lint ships); AWS's "Conditional" cases are
# not modelled, and properties are compared as written (a changed Ref or parameter value is not seen).

_original_change_set_diff = cfn_models.ChangeSet.diff


def _details(change_set, change):
    from types import SimpleNamespace
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    old = (change_set.stack.template_dict or {}).get("Resources", {}).get(change.logical_resource_id, {})
    new = change_set.template_dict.get("Resources", {}).get(change.logical_resource_id, {})
    old_props, new_props = old.get("Properties", {}) or {}, new.get("Properties", {}) or {}
    try:
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(change_set.stack.region_name, change.resource_type).schema
        create_only = {p.split("/")[2] for p in schema.get("createOnlyProperties", []) if p.count("/") >= 2}
    except Exception:  # a type cfn-lint has no schema for: say nothing rather than guess
        create_only = set()
    details = []
    for name in sorted(set(old_props) | set(new_props)):
        if old_props.get(name) != new_props.get(name):
            recreate = "Always" if name in create_only else "Never"
            details.append(SimpleNamespace(
                target=SimpleNamespace(attribute="Properties", name=name, requires_recreation=recreate),
                evaluation="Static", change_source="DirectModification"))
    return details


def _change_set_diff_with_details(self):
    changes = _original_change_set_diff(self)
    for change in changes:
        change.scope = []
        change.details = []
        if change.action == "Modify":
            change.details = _details(self, change)
            change.scope = ["Properties"] if change.details else []
            change.replacement = "True" if any(d.target.requires_recreation == "Always" for d in change.details) else "False"
    return changes


cfn_models.ChangeSet.diff = _change_set_diff_with_details


# --- 14. Target groups answer Fn::GetAtt --------------------------------------------------------------------------
# moto's target group has no CloudFormation attributes, so an alarm on TargetGroupFullName fails when moto makes it
# (and DescribeStackResources, which makes what it has not made yet, answers 500). AWS has all four.

def _target_group_attribute(self, attribute_name):
    return {"TargetGroupArn": self.arn, "TargetGroupName": self.name, "LoadBalancerArns": list(self.load_balancer_arns),
            "TargetGroupFullName": "targetgroup/" + self.arn.split(":targetgroup/")[-1]}[attribute_name]


FakeTargetGroup.has_cfn_attr = classmethod(
    lambda cls, attr: attr in ("TargetGroupArn", "TargetGroupName", "LoadBalancerArns", "TargetGroupFullName"))
FakeTargetGroup.get_cfn_attribute = _target_group_attribute


# --- 15. A template URL on the emulator's own address ------------------------------------------------------------
# Templates over 51,200 bytes go through S3, and CreateChangeSet gets their URL. With an endpoint override the URL is
# path-style on that endpoint (http://127.0.0.1:PORT/BUCKET/KEY); moto reads path-style only from "localhost" and
# otherwise takes the host's first label ("127") for the bucket. AWS reads both styles.

_original_stack_from_s3_url = cfn_responses.get_stack_from_s3_url


def _stack_from_s3_url(template_url, account_id, partition):
    from urllib.parse import urlparse
    if urlparse(template_url).hostname in ("127.0.0.1", "localhost"):
        template_url = template_url.replace("127.0.0.1", "localhost", 1)
    return _original_stack_from_s3_url(template_url, account_id=account_id, partition=partition)


cfn_responses.get_stack_from_s3_url = _stack_from_s3_url


# --- 16. AWS::KMS::Key takes CloudFormation's tags -----------------------------------------------------------------
# moto hands a KMS key's Tags ({Key, Value}, as CloudFormation writes them) to its KMS API, which expects the API's
# shape ({TagKey, TagValue}), and fails the whole stack with a KeyError. AWS accepts CloudFormation's shape.

from moto.kms.models import Key as KmsKey

_original_kms_key_from_cfn = KmsKey.create_from_cloudformation_json.__func__


def _kms_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    properties["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in properties.get("Tags", [])]
    return _original_kms_key_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)


KmsKey.create_from_cloudformation_json = classmethod(_kms_key)


# --- 17. Dual stack: IPv6 blocks, egress-only internet gateways, IPv6 routes and Fn::Cidr -------------------------
# moto's EC2 API has Amazon-provided IPv6 blocks, subnet IPv6 blocks, egress-only internet gateways and IPv6 routes,
# but its CloudFormation does not make them: AWS::EC2::VPCCidrBlock and AWS::EC2::EgressOnlyInternetGateway have no
# model (neither class declares a CloudFormation type), AWS::EC2::Subnet ignores Ipv6CidrBlock and
# AssignIpv6AddressOnCreation and has no Ipv6CidrBlocks attribute, AWS::EC2::VPC has no Ipv6CidrBlocks attribute,
# AWS::EC2::Route drops DestinationIpv6CidrBlock (it made an IPv4 route with no destination), security group rules
# drop CidrIpv6 (patch 5 passes it now), load balancers drop IpAddressType (patch 11 keeps it), and Fn::Cidr is not
# evaluated. AWS does all of it, and a network stack with
# network.ipv6: true uses all of it. These make each one with the EC2 calls AWS would make, so describe-* shows the
# dual-stack VPC the template asks for; nothing is left out of the stack. (moto picks the Amazon-provided /56 from
# its own range, 2400:6500::/32, where AWS picks one of its pools: the addresses differ, the shape does not.)

import ipaddress
import itertools

from moto.ec2.models.route_tables import Route
from moto.ec2.models.subnets import Subnet


class _VpcCidrBlock(_Ec2Resource):
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::VPCCidrBlock"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        amazon = str(p.get("AmazonProvidedIpv6CidrBlock", False)).lower() == "true"
        association = ec2.associate_vpc_cidr_block(p["VpcId"], p.get("CidrBlock") or p.get("Ipv6CidrBlock"), amazon)
        return cls(association["association_id"],
                   lambda: ec2.disassociate_vpc_cidr_block(association["association_id"]))


class _EgressOnlyInternetGateway(_Ec2Resource):
    __module__ = _MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::EgressOnlyInternetGateway"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        ec2 = ec2_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        gateway = ec2.create_egress_only_internet_gateway(p["VpcId"], {t["Key"]: t["Value"] for t in p.get("Tags", [])})
        return cls(gateway.id, lambda: ec2.delete_egress_only_internet_gateway(gateway.id))


_EC2_MODELS.update({m.cloudformation_type(): m for m in (_VpcCidrBlock, _EgressOnlyInternetGateway)})

_original_vpc_has_attr = VPC.has_cfn_attr.__func__
_original_vpc_attr = VPC.get_cfn_attribute


def _vpc_ipv6_attr(self, attribute_name):
    if attribute_name == "Ipv6CidrBlocks":
        return [c["cidr_block"] for c in self.get_cidr_block_association_set(ipv6=True)]
    return _original_vpc_attr(self, attribute_name)


VPC.has_cfn_attr = classmethod(lambda cls, attr: attr == "Ipv6CidrBlocks" or _original_vpc_has_attr(cls, attr))
VPC.get_cfn_attribute = _vpc_ipv6_attr

_original_subnet_from_cfn = Subnet.create_from_cloudformation_json.__func__


def _subnet(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    subnet = _original_subnet_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    p = cloudformation_json["Properties"]
    if p.get("Ipv6CidrBlock"):
        ec2_backends[account_id][region_name].associate_subnet_cidr_block(subnet.id, p["Ipv6CidrBlock"])
    subnet.assign_ipv6_address_on_creation = str(p.get("AssignIpv6AddressOnCreation", False)).lower() == "true"
    return subnet


Subnet.create_from_cloudformation_json = classmethod(_subnet)
_original_subnet_has_attr = Subnet.has_cfn_attr.__func__
_original_subnet_attr = Subnet.get_cfn_attribute


def _subnet_ipv6_attr(self, attribute_name):
    if attribute_name == "Ipv6CidrBlocks":
        return [a["ipv6CidrBlock"] for a in self.ipv6_cidr_block_associations.values()]
    return _original_subnet_attr(self, attribute_name)


Subnet.has_cfn_attr = classmethod(lambda cls, attr: attr == "Ipv6CidrBlocks" or _original_subnet_has_attr(cls, attr))
Subnet.get_cfn_attribute = _subnet_ipv6_attr


# describe-subnets answers a subnet's IPv6 block state with the whole state object as text
# ("{'State': 'associated'}"); AWS answers "associated", and vpc inspect reads only associated blocks.
def _subnet_ipv6_association_set(self):
    return [{"ipv6CidrBlock": a["ipv6CidrBlock"], "associationId": a["associationId"],
             "ipv6CidrBlockState": {"state": a["ipv6CidrBlockState"]["State"]}}
            for a in self.ipv6_cidr_block_associations.values() if a["ipv6CidrBlockState"]["State"] == "associated"]


Subnet.ipv6_cidr_block_association_set = property(_subnet_ipv6_association_set)

_original_route_from_cfn = Route.create_from_cloudformation_json.__func__


def _route(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    p = cloudformation_json["Properties"]
    if not p.get("DestinationIpv6CidrBlock"):
        return _original_route_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    return ec2_backends[account_id][region_name].create_route(
        route_table_id=p["RouteTableId"], destination_cidr_block=None,
        destination_ipv6_cidr_block=p["DestinationIpv6CidrBlock"], gateway_id=p.get("GatewayId"),
        egress_only_igw_id=p.get("EgressOnlyInternetGatewayId"), interface_id=p.get("NetworkInterfaceId"))


Route.create_from_cloudformation_json = classmethod(_route)

_clean_json_before_cidr = cfn_parsing.clean_json


def _clean_json_with_cidr(resource_json, resources_map):
    if isinstance(resource_json, dict) and "Fn::Cidr" in resource_json:
        block, count, host_bits = (_clean_json_before_cidr(v, resources_map) for v in resource_json["Fn::Cidr"])
        network = ipaddress.ip_network(block, strict=False)
        new_prefix = network.max_prefixlen - int(host_bits)
        return [str(n) for n in itertools.islice(network.subnets(new_prefix=new_prefix), int(count))]
    return _clean_json_before_cidr(resource_json, resources_map)


cfn_parsing.clean_json = _clean_json_with_cidr

# moto makes a resource early when another refers to it, and then skips its DependsOn: a subnet named by a NACL
# entry's GetAtt was made before the VPC had its IPv6 block, which the subnet's DependsOn waits for in AWS. Here a
# resource made early makes what it depends on first, as AWS's order would.
_original_resource_map_getitem = cfn_parsing.ResourceMap.__getitem__


def _resource_map_getitem(self, key):
    if key not in self._parsed_resources:
        depends_on = (self._resource_json_map.get(key) or {}).get("DependsOn", [])
        for dependency in [depends_on] if isinstance(depends_on, str) else depends_on:
            if dependency in self._resource_json_map:
                _resource_map_getitem(self, dependency)
    return _original_resource_map_getitem(self, key)


cfn_parsing.ResourceMap.__getitem__ = _resource_map_getitem



# --- 18. Flow logs in S3: AWS::Glue::Database, AWS::Glue::Table and AWS::Athena::WorkGroup --------------------------
# moto has Glue databases and tables and Athena workgroups in its APIs, but its CloudFormation models none of them
# (patch 7 would make them placeholders, with nothing behind). A network stack with network.flowLogs.destination: s3
# has all three; these make each one with the API call AWS would make, so get-table and get-work-group show what the
# template asks for, and delete undoes it. Ref gives the name, as in AWS. What moto still lacks: it runs no SQL (its
# Athena answers queries with results handed to it beforehand) and reads no partition projection, so the table's
# projection is checked against the template, and its SQL on DuckDB.

from moto.athena.models import athena_backends
from moto.glue.models import glue_backends


class _GlueDatabase(_TestModel):
    __module__ = _MODULE

    def __init__(self, name, account_id, region_name):
        super().__init__(name)
        self._where = (account_id, region_name)

    @staticmethod
    def cloudformation_type():
        return "AWS::Glue::Database"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        database_input = cloudformation_json["Properties"]["DatabaseInput"]
        glue_backends[account_id][region_name].create_database(database_input["Name"], database_input)
        return cls(database_input["Name"], account_id, region_name)

    def delete(self, account_id, region_name):
        _unless_gone(lambda: glue_backends[self._where[0]][self._where[1]].delete_database(self.id))


class _GlueTable(_TestModel):
    __module__ = _MODULE

    def __init__(self, database, name, account_id, region_name):
        super().__init__(name)
        self._database = database
        self._where = (account_id, region_name)

    @staticmethod
    def cloudformation_type():
        return "AWS::Glue::Table"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        table_input = properties["TableInput"]
        glue_backends[account_id][region_name].create_table(
            properties["DatabaseName"], table_input["Name"], table_input)
        return cls(properties["DatabaseName"], table_input["Name"], account_id, region_name)

    def delete(self, account_id, region_name):
        _unless_gone(lambda: glue_backends[self._where[0]][self._where[1]].delete_table(self._database, self.id))


class _AthenaWorkGroup(_TestModel):
    __module__ = _MODULE

    def __init__(self, name, account_id, region_name):
        super().__init__(name)
        self._where = (account_id, region_name)

    @staticmethod
    def cloudformation_type():
        return "AWS::Athena::WorkGroup"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        athena_backends[account_id][region_name].create_work_group(
            properties["Name"],
            properties.get("WorkGroupConfiguration", {}),
            properties.get("Description", ""),
            properties.get("Tags", []))
        return cls(properties["Name"], account_id, region_name)

    def delete(self, account_id, region_name):
        athena_backends[self._where[0]][self._where[1]].delete_work_group(self.id)


def _kept_on_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    return original_resource  # the templates here never change these in place


for _model in (_GlueDatabase, _GlueTable, _AthenaWorkGroup):
    _model.update_from_cloudformation_json = classmethod(_kept_on_update)
    _EC2_MODELS[_model.cloudformation_type()] = _model

# --- 19. UsePreviousValue keeps a parameter that took its default ---------------------------------------------------
# update-stack with UsePreviousValue for a parameter the stack was created without (it took the template's default)
# fails in moto with a KeyError (an HTTP 500): moto looks the value up among the parameters passed at creation only.
# AWS keeps the value the stack has, default or not. release.yml updates the app stack's ImageTag and passes
# UsePreviousValue for every other parameter, most of which took their defaults.

def _resolve_update_parameters(self, instance, incoming_params):
    previous = dict(getattr(instance, "stack_parameters", None) or {})
    previous.update(instance.parameters)
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in incoming_params if "ParameterValue" in p}
    parameters.update({p["ParameterKey"]: previous[p["ParameterKey"]]
                       for p in incoming_params if p.get("UsePreviousValue", False)})
    return parameters


cfn_models.CloudFormationBackend._resolve_update_parameters = _resolve_update_parameters


def main():
    if moto.__version__ != EXPECTED_MOTO:
        print(f"moto {moto.__version__} is installed; the patches are made for {EXPECTED_MOTO}. "
              f"Fix: run scripts/test.sh, which installs moto[server]=={EXPECTED_MOTO}.", file=sys.stderr)
        sys.exit(3)
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print(f"moto listening on {server.get_host_and_port()[1]}", flush=True)
    # Serve until the parent closes our standard input (or dies).
    for _ in sys.stdin:
        pass
    server.stop()


if __name__ == "__main__":
    main()
