package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.Version;
import dev.stackwright.model.Bastion;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Nat;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Renders the network model as the network stack's CloudFormation template. Pure and deterministic. */
public final class NetworkTemplate {
    static final String VPC = "Vpc";
    static final String IGW = "InternetGateway";
    static final String IGW_ATTACHMENT = "InternetGatewayAttachment";
    private static final String NAT_USER_DATA = resource("/dev/stackwright/cfn/nat-instance-userdata.sh");
    /** Graviton families have a {@code g} after the generation digit: t4g, m7gd, c6gn. */
    private static final Pattern ARM_FAMILY = Pattern.compile("^[a-z]+[0-9]+[a-z]*g[a-z]*$");

    private final Network network;
    private final Template t;

    private NetworkTemplate(Network network) {
        this.network = network;
        ArrayNode common = Cfn.NODES.arrayNode();
        common.add(Cfn.object().put("Key", "stackwright:stack").put("Value", network.stackName()));
        common.add(Cfn.object().put("Key", "stackwright:version").put("Value", Version.current()));
        this.t = new Template(description(network), common);
    }

    /** The network stack of a network model. */
    public static Template render(Network network) {
        NetworkTemplate r = new NetworkTemplate(network);
        r.vpc();
        r.subnets();
        r.routeTables();
        r.nats();
        r.endpoints();
        r.securityGroups();
        r.networkAcls();
        r.flowLogs();
        network.bastion().ifPresent(r::bastion);
        r.outputs();
        return r.t;
    }

    // ---- logical IDs: derived from model names, never from counters -------------------------------------------

    public static String subnetId(String subnetName) {
        return "Subnet" + Cfn.pascal(subnetName);
    }

    public static String routeTableId(String tableName) {
        return "RouteTable" + Cfn.pascal(tableName);
    }

    public static String securityGroupId(String groupName) {
        return Cfn.pascal(groupName) + "SecurityGroup";
    }

    static String natId(String natName) {
        return Cfn.pascal(natName.replace("nat", "nat-instance"));
    }

    static String natGatewayId(String natName) {
        return Cfn.pascal(natName.replace("nat", "nat-gateway"));
    }

    // ---- resources ------------------------------------------------------------------------------------------------

    private void vpc() {
        ObjectNode p = Cfn.object()
                .put("CidrBlock", network.vpc().cidr().toString())
                .put("EnableDnsSupport", network.vpc().dnsSupport())
                .put("EnableDnsHostnames", network.vpc().dnsHostnames());
        p.set("Tags", t.tags(network.stackName(), null));
        t.add(VPC, "AWS::EC2::VPC", p);
        if (network.internetGateway()) {
            t.add(IGW, "AWS::EC2::InternetGateway", Cfn.object().set("Tags", t.tags(network.stackName(), Tier.PUBLIC.id())));
            t.add(IGW_ATTACHMENT, "AWS::EC2::VPCGatewayAttachment", Cfn.object()
                    .<ObjectNode>set("VpcId", Cfn.ref(VPC)).set("InternetGatewayId", Cfn.ref(IGW)));
        }
    }

    private void subnets() {
        for (Subnet s : network.subnets()) {
            ObjectNode p = Cfn.object().put("CidrBlock", s.cidr().toString())
                    // Even public subnets hand out no public IPs by default: only NAT and bastion ask for one.
                    .put("MapPublicIpOnLaunch", false);
            p.set("VpcId", Cfn.ref(VPC));
            p.set("AvailabilityZone", Cfn.az(s.az().index()));
            p.set("Tags", t.tags(name(s.name()), s.tier().id()));
            t.add(subnetId(s.name()), "AWS::EC2::Subnet", p);
        }
    }

    private void routeTables() {
        for (RouteTable table : network.routeTables()) {
            String tableId = routeTableId(table.name());
            ObjectNode p = Cfn.object().set("VpcId", Cfn.ref(VPC));
            p.set("Tags", t.tags(name(table.name()), table.tier().id()));
            t.add(tableId, "AWS::EC2::RouteTable", p);
            for (Route route : table.routes()) {
                route(tableId, route);
            }
            for (String subnet : table.subnetNames()) {
                t.add(subnetId(subnet) + "RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation", Cfn.object()
                        .<ObjectNode>set("SubnetId", Cfn.ref(subnetId(subnet))).set("RouteTableId", Cfn.ref(tableId)));
            }
        }
    }

    /** Local routes are implicit and gateway endpoint routes come from the endpoint itself; the rest are resources. */
    private void route(String tableId, Route route) {
        if (!(route.destination() instanceof RouteDestination.Block(Cidr cidr))) {
            return;
        }
        ObjectNode p = Cfn.object().put("DestinationCidrBlock", cidr.toString());
        p.set("RouteTableId", Cfn.ref(tableId));
        String suffix = cidr.equals(Cidr.ANYWHERE) ? "Default" : Cfn.pascal(cidr.toString());
        switch (route.target()) {
            case RouteTarget.Local l -> {
                return;
            }
            case RouteTarget.GatewayEndpoint e -> {
                return;
            }
            case RouteTarget.InternetGateway g -> {
                p.set("GatewayId", Cfn.ref(IGW));
                t.add(tableId + "Route" + suffix, "AWS::EC2::Route", p).dependsOn(IGW_ATTACHMENT);
                return;
            }
            case RouteTarget.NatInstance n -> p.set("NetworkInterfaceId", Cfn.ref(natId(n.natName()) + "Eni"));
            case RouteTarget.NatGateway n -> p.set("NatGatewayId", Cfn.ref(natGatewayId(n.natName())));
            case RouteTarget.Peering peer -> p.put("VpcPeeringConnectionId", peer.peeringId());
            case RouteTarget.TransitGateway tgw -> p.put("TransitGatewayId", tgw.transitGatewayId());
            case RouteTarget.Unresolved u -> throw new IllegalStateException("cannot render an unresolved route: " + u.description());
        }
        t.add(tableId + "Route" + suffix, "AWS::EC2::Route", p);
    }

    private void nats() {
        boolean instances = false;
        for (Nat nat : network.nats()) {
            switch (nat) {
                case Nat.Instance i -> {
                    natInstance(i);
                    instances = true;
                }
                case Nat.Gateway g -> {
                    String id = natGatewayId(g.name());
                    eip(id + "Eip", g.name());
                    ObjectNode p = Cfn.object().put("ConnectivityType", "public");
                    p.set("AllocationId", Cfn.getAtt(id + "Eip", "AllocationId"));
                    p.set("SubnetId", Cfn.ref(subnetId(g.subnetName())));
                    p.set("Tags", t.tags(name(g.name()), Tier.PUBLIC.id()));
                    t.add(id, "AWS::EC2::NatGateway", p).dependsOn(IGW_ATTACHMENT);
                }
                case Nat.RegionalGateway r -> {
                    // A regional NAT gateway spans the zones by itself and manages its own Elastic IPs.
                    ObjectNode p = Cfn.object().put("AvailabilityMode", "regional").put("ConnectivityType", "public");
                    p.set("VpcId", Cfn.ref(VPC));
                    p.set("Tags", t.tags(name(r.name()), Tier.PUBLIC.id()));
                    t.add(natGatewayId(r.name()), "AWS::EC2::NatGateway", p).dependsOn(IGW_ATTACHMENT);
                }
            }
        }
        if (instances) {
            natInstanceRole();
        }
    }

    private void eip(String id, String natName) {
        ObjectNode p = Cfn.object().put("Domain", "vpc");
        p.set("Tags", t.tags(name(natName), Tier.PUBLIC.id()));
        t.add(id, "AWS::EC2::EIP", p).dependsOn(IGW_ATTACHMENT);
    }

    private void natInstance(Nat.Instance nat) {
        String id = natId(nat.name());
        String eni = id + "Eni";
        ObjectNode eniProps = Cfn.object().put("SourceDestCheck", false)
                .put("Description", "Static interface of " + name(nat.name()) + "; routes target it so they survive instance replacement");
        eniProps.set("SubnetId", Cfn.ref(subnetId(nat.subnetName())));
        eniProps.set("GroupSet", Cfn.array(Cfn.ref(securityGroupId(nat.securityGroupName()))));
        eniProps.set("Tags", t.tags(name(nat.name()), Tier.PUBLIC.id()));
        t.add(eni, "AWS::EC2::NetworkInterface", eniProps);

        eip(id + "Eip", nat.name());
        ObjectNode assoc = Cfn.object();
        assoc.set("AllocationId", Cfn.getAtt(id + "Eip", "AllocationId"));
        assoc.set("NetworkInterfaceId", Cfn.ref(eni));
        t.add(id + "EipAssociation", "AWS::EC2::EIPAssociation", assoc);

        String ami = amiParameter(nat.instanceType());
        ObjectNode userData = Cfn.base64(Cfn.sub(NAT_USER_DATA, (ObjectNode) Cfn.object().set("EniId", Cfn.ref(eni))));
        launchTemplate(id + "LaunchTemplate", name(nat.name()), nat.instanceType(), ami, "NatInstanceProfile",
                securityGroupId(nat.securityGroupName()), userData, null);
        autoScalingGroup(id + "Group", id + "LaunchTemplate", List.of(nat.subnetName()), name(nat.name()))
                .dependsOn(IGW_ATTACHMENT, id + "EipAssociation");
    }

    private void natInstanceRole() {
        ObjectNode attach = Cfn.object().put("Effect", "Allow");
        attach.set("Action", Cfn.strings(List.of("ec2:AttachNetworkInterface")));
        attach.set("Resource", Cfn.array(
                Cfn.sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*"),
                Cfn.sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*")));
        // Only this stack's instances and interfaces carry this tag, so the role cannot move anyone else's ENIs.
        attach.set("Condition", Cfn.object().set("StringEquals",
                Cfn.object().put("aws:ResourceTag/stackwright:stack", network.stackName())));
        ObjectNode describe = Cfn.object().put("Effect", "Allow").put("Resource", "*");
        describe.set("Action", Cfn.strings(List.of("ec2:DescribeNetworkInterfaces")));
        ObjectNode policy = Cfn.object().put("PolicyName", "attach-static-interface");
        policy.set("PolicyDocument", Cfn.policyDocument(attach, describe));
        instanceRole("NatInstance", List.of(policy), Tier.PUBLIC.id());
    }

    /** A role for EC2 instances with Session Manager access, and its instance profile. */
    private void instanceRole(String prefix, List<ObjectNode> inlinePolicies, String tier) {
        ObjectNode assume = Cfn.object().put("Effect", "Allow");
        assume.set("Principal", Cfn.object().put("Service", "ec2.amazonaws.com"));
        assume.set("Action", Cfn.strings(List.of("sts:AssumeRole")));
        ObjectNode role = Cfn.object();
        role.set("AssumeRolePolicyDocument", Cfn.policyDocument(assume));
        role.set("ManagedPolicyArns", Cfn.array(Cfn.sub("arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore")));
        if (!inlinePolicies.isEmpty()) {
            ArrayNode policies = Cfn.NODES.arrayNode();
            inlinePolicies.forEach(policies::add);
            role.set("Policies", policies);
        }
        role.set("Tags", t.tags(name(Cfn.pascal(prefix).toLowerCase(Locale.ROOT)), tier));
        t.add(prefix + "Role", "AWS::IAM::Role", role);
        t.add(prefix + "Profile", "AWS::IAM::InstanceProfile", Cfn.object().set("Roles", Cfn.array(Cfn.ref(prefix + "Role"))));
    }


    /** The latest Amazon Linux 2023 AMI for the instance type's architecture, resolved at deploy time. */
    private String amiParameter(String instanceType) {
        boolean arm = ARM_FAMILY.matcher(instanceType.substring(0, instanceType.indexOf('.'))).matches();
        String id = arm ? "AmazonLinuxArm64Ami" : "AmazonLinuxX8664Ami";
        t.parameter(id, "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-" + (arm ? "arm64" : "x86_64"),
                "Latest Amazon Linux 2023 AMI (" + (arm ? "arm64" : "x86_64") + "), from AWS's public SSM parameter");
        return id;
    }

    private void launchTemplate(String id, String name, String instanceType, String amiParameter, String profile,
                                String securityGroup, JsonNode userData, String keyName) {
        ObjectNode data = Cfn.object().put("InstanceType", instanceType);
        data.set("ImageId", Cfn.ref(amiParameter));
        data.set("IamInstanceProfile", Cfn.object().set("Arn", Cfn.getAtt(profile, "Arn")));
        // IMDSv2 only, and one hop, so containers on the host cannot reach the instance's credentials.
        data.set("MetadataOptions", Cfn.object().put("HttpTokens", "required").put("HttpEndpoint", "enabled")
                .put("HttpPutResponseHopLimit", 1));
        ObjectNode nic = Cfn.object().put("DeviceIndex", 0).put("AssociatePublicIpAddress", true).put("DeleteOnTermination", true);
        nic.set("Groups", Cfn.array(Cfn.ref(securityGroup)));
        data.set("NetworkInterfaces", Cfn.array(nic));
        data.set("BlockDeviceMappings", Cfn.array(Cfn.object().put("DeviceName", "/dev/xvda")
                .set("Ebs", Cfn.object().put("Encrypted", true).put("VolumeType", "gp3").put("DeleteOnTermination", true))));
        if (userData != null) {
            data.set("UserData", userData);
        }
        if (keyName != null) {
            data.put("KeyName", keyName);
        }
        ObjectNode tagSpec = Cfn.object().put("ResourceType", "instance");
        tagSpec.set("Tags", t.tags(name, Tier.PUBLIC.id()));
        ObjectNode volumeTags = Cfn.object().put("ResourceType", "volume");
        volumeTags.set("Tags", t.tags(name, Tier.PUBLIC.id()));
        data.set("TagSpecifications", Cfn.array(tagSpec, volumeTags));
        ObjectNode p = Cfn.object().put("LaunchTemplateName", name);
        p.set("LaunchTemplateData", data);
        ObjectNode ltTags = Cfn.object().put("ResourceType", "launch-template");
        ltTags.set("Tags", t.tags(name, Tier.PUBLIC.id()));
        p.set("TagSpecifications", Cfn.array(ltTags));
        t.add(id, "AWS::EC2::LaunchTemplate", p);
    }

    private Template.Resource autoScalingGroup(String id, String launchTemplate, List<String> subnets, String name) {
        ObjectNode p = Cfn.object().put("MinSize", "1").put("MaxSize", "1").put("DesiredCapacity", "1")
                .put("HealthCheckType", "EC2");
        ObjectNode lt = Cfn.object();
        lt.set("LaunchTemplateId", Cfn.ref(launchTemplate));
        lt.set("Version", Cfn.getAtt(launchTemplate, "LatestVersionNumber"));
        p.set("LaunchTemplate", lt);
        p.set("VPCZoneIdentifier", Cfn.refs(subnets.stream().map(NetworkTemplate::subnetId).toList()));
        ArrayNode tags = Cfn.NODES.arrayNode();
        t.tags(name, Tier.PUBLIC.id()).forEach(tag -> tags.add(((ObjectNode) tag.deepCopy()).put("PropagateAtLaunch", true)));
        p.set("Tags", tags);
        return t.add(id, "AWS::AutoScaling::AutoScalingGroup", p);
    }

    private void endpoints() {
        for (Endpoint endpoint : network.endpoints()) {
            ObjectNode p = Cfn.object();
            p.set("ServiceName", Cfn.sub("com.amazonaws.${AWS::Region}." + endpoint.service()));
            p.set("VpcId", Cfn.ref(VPC));
            switch (endpoint) {
                case Endpoint.Gateway g -> {
                    p.put("VpcEndpointType", "Gateway");
                    p.set("RouteTableIds", Cfn.refs(g.routeTableNames().stream().map(NetworkTemplate::routeTableId).toList()));
                }
                case Endpoint.Interface i -> {
                    p.put("VpcEndpointType", "Interface").put("PrivateDnsEnabled", true);
                    p.set("SubnetIds", Cfn.refs(i.subnetNames().stream().map(NetworkTemplate::subnetId).toList()));
                    p.set("SecurityGroupIds", Cfn.array(Cfn.ref(securityGroupId(i.securityGroupName()))));
                }
            }
            p.set("Tags", t.tags(name(endpoint.service() + "-endpoint"), null));
            t.add("VpcEndpoint" + Cfn.pascal(endpoint.service()), "AWS::EC2::VPCEndpoint", p);
        }
    }

    /**
     * Groups with their CIDR rules inline; rules that reference another group become separate resources so that
     * groups referring to each other do not form a dependency cycle. A group with no egress gets a rule that matches
     * nothing, which is how CloudFormation removes AWS's default allow-all egress.
     */
    private void securityGroups() {
        for (SecurityGroup g : network.securityGroups()) {
            String id = securityGroupId(g.name());
            ObjectNode p = Cfn.object().put("GroupDescription", g.description());
            p.set("VpcId", Cfn.ref(VPC));
            ArrayNode ingress = Cfn.NODES.arrayNode();
            ArrayNode egress = Cfn.NODES.arrayNode();
            for (SecurityGroupRule rule : g.ingress()) {
                inlineOrSeparate(id, rule, false, ingress);
            }
            for (SecurityGroupRule rule : g.egress()) {
                inlineOrSeparate(id, rule, true, egress);
            }
            if (egress.isEmpty()) {
                egress.add(Cfn.object().put("CidrIp", "255.255.255.255/32").put("IpProtocol", "icmp")
                        .put("FromPort", 252).put("ToPort", 86).put("Description", "Matches no traffic: no egress"));
            }
            if (!ingress.isEmpty()) {
                p.set("SecurityGroupIngress", ingress);
            }
            p.set("SecurityGroupEgress", egress);
            p.set("Tags", t.tags(name(g.name()), null));
            t.add(id, "AWS::EC2::SecurityGroup", p);
        }
    }

    private void inlineOrSeparate(String groupId, SecurityGroupRule rule, boolean egress, ArrayNode inline) {
        ObjectNode r = Cfn.object().put("IpProtocol", rule.protocol() == Protocol.ALL ? "-1" : rule.protocol().id())
                .put("Description", rule.description());
        if (rule.protocol() != Protocol.ALL) {
            r.put("FromPort", rule.ports().from()).put("ToPort", rule.ports().to());
        }
        switch (rule.peer()) {
            case Peer.Block b -> {
                r.put("CidrIp", b.cidr().toString());
                inline.add(r);
            }
            case Peer.PrefixList pl -> throw new IllegalStateException("prefix-list rules are not planned: " + pl);
            case Peer.Group other -> {
                String otherId = securityGroupId(other.groupName());
                r.set("GroupId", Cfn.getAtt(groupId, "GroupId"));
                r.set(egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId", Cfn.getAtt(otherId, "GroupId"));
                String ports = rule.protocol() == Protocol.ALL ? "All" : rule.protocol().name().charAt(0)
                        + rule.protocol().id().substring(1) + rule.ports().from();
                String ruleId = groupId + (egress ? "EgressTo" : "IngressFrom") + Cfn.pascal(other.groupName()) + ports;
                t.add(ruleId, egress ? "AWS::EC2::SecurityGroupEgress" : "AWS::EC2::SecurityGroupIngress", r);
            }
        }
    }

    private void networkAcls() {
        for (NetworkAcl acl : network.networkAcls()) {
            String id = Cfn.pascal(acl.name()) + "NetworkAcl";
            ObjectNode p = Cfn.object();
            p.set("VpcId", Cfn.ref(VPC));
            p.set("Tags", t.tags(name(acl.name()), acl.tier().id()));
            t.add(id, "AWS::EC2::NetworkAcl", p);
            for (NetworkAcl.Entry e : acl.entries()) {
                ObjectNode entry = Cfn.object().put("RuleNumber", e.ruleNumber())
                        .put("Protocol", Integer.parseInt(e.protocol().number()))
                        .put("RuleAction", e.allow() ? "allow" : "deny").put("Egress", e.egress())
                        .put("CidrBlock", e.cidr().toString());
                entry.set("NetworkAclId", Cfn.ref(id));
                if (e.protocol() == Protocol.TCP || e.protocol() == Protocol.UDP) {
                    entry.set("PortRange", Cfn.object().put("From", e.ports().from()).put("To", e.ports().to()));
                }
                t.add(id + (e.egress() ? "Egress" : "Ingress") + e.ruleNumber(), "AWS::EC2::NetworkAclEntry", entry);
            }
            for (String subnet : acl.subnetNames()) {
                t.add(subnetId(subnet) + "NetworkAclAssociation", "AWS::EC2::SubnetNetworkAclAssociation", Cfn.object()
                        .<ObjectNode>set("SubnetId", Cfn.ref(subnetId(subnet))).set("NetworkAclId", Cfn.ref(id)));
            }
        }
    }

    private void flowLogs() {
        network.flowLogs().ifPresent(flow -> {
            ObjectNode group = Cfn.object().put("RetentionInDays", flow.retentionDays());
            group.set("Tags", t.tags(name("flow-logs"), null));
            t.add("FlowLogGroup", "AWS::Logs::LogGroup", group);

            ObjectNode assume = Cfn.object().put("Effect", "Allow");
            assume.set("Principal", Cfn.object().put("Service", "vpc-flow-logs.amazonaws.com"));
            assume.set("Action", Cfn.strings(List.of("sts:AssumeRole")));
            ObjectNode write = Cfn.object().put("Effect", "Allow");
            write.set("Action", Cfn.strings(List.of("logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents")));
            write.set("Resource", Cfn.getAtt("FlowLogGroup", "Arn"));
            ObjectNode policy = Cfn.object().put("PolicyName", "write-flow-logs");
            policy.set("PolicyDocument", Cfn.policyDocument(write));
            ObjectNode role = Cfn.object();
            role.set("AssumeRolePolicyDocument", Cfn.policyDocument(assume));
            role.set("Policies", Cfn.array(policy));
            role.set("Tags", t.tags(name("flow-logs"), null));
            t.add("FlowLogRole", "AWS::IAM::Role", role);

            ObjectNode log = Cfn.object().put("ResourceType", "VPC").put("TrafficType", "ALL")
                    .put("LogDestinationType", "cloud-watch-logs").put("MaxAggregationInterval", 60);
            log.set("ResourceId", Cfn.ref(VPC));
            log.set("LogGroupName", Cfn.ref("FlowLogGroup"));
            log.set("DeliverLogsPermissionArn", Cfn.getAtt("FlowLogRole", "Arn"));
            log.set("Tags", t.tags(name("flow-logs"), null));
            t.add("FlowLog", "AWS::EC2::FlowLog", log);
        });
    }

    private void bastion(Bastion bastion) {
        instanceRole("Bastion", List.of(), Tier.PUBLIC.id());
        launchTemplate("BastionLaunchTemplate", name("bastion"), bastion.instanceType(), amiParameter(bastion.instanceType()),
                "BastionProfile", securityGroupId(bastion.securityGroupName()), null, bastion.keyName().orElse(null));
        autoScalingGroup("BastionGroup", "BastionLaunchTemplate", bastion.subnetNames(), name("bastion"))
                .dependsOn(IGW_ATTACHMENT);
    }

    private void outputs() {
        t.output("VpcId", Cfn.ref(VPC), "VPC of " + network.stackName(), true);
        t.output("VpcCidr", Cfn.getAtt(VPC, "CidrBlock"), "CIDR block of the VPC", true);
        for (Tier tier : Tier.values()) {
            List<String> ids = network.subnets(tier).stream().map(s -> subnetId(s.name())).toList();
            if (!ids.isEmpty()) {
                t.output(tier.title() + "SubnetIds", Cfn.join(",", Cfn.refs(ids)),
                        tier.title() + " subnets, one per zone, comma-separated", true);
            }
        }
        for (SecurityGroup g : network.securityGroups()) {
            String id = securityGroupId(g.name());
            t.output(id + "Id", Cfn.getAtt(id, "GroupId"), g.description(), true);
        }
    }

    private String name(String local) {
        return network.stackName() + "-" + local;
    }

    private static String description(Network n) {
        String nat = switch (n.natMode()) {
            case INSTANCE -> n.nats().size() + " NAT instance" + (n.nats().size() == 1 ? "" : "s");
            case GATEWAY -> "1 NAT gateway";
            case GATEWAY_PER_AZ -> n.nats().size() + " NAT gateways";
            case REGIONAL_GATEWAY -> "a regional NAT gateway";
            case NONE -> "no NAT (isolated app tier)";
        };
        return "Stackwright network for " + n.project() + " (" + n.environment().id() + "): " + n.vpc().cidr()
                + " across " + n.azs().size() + " zones, " + nat + ". Generated by Stackwright " + Version.current()
                + "; edit stackwright.yml, not this file.";
    }

    private static String resource(String path) {
        try (InputStream in = NetworkTemplate.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
