package dev.stackwright.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EC2 describer's JSON for answers the SDK itself read off the wire, from a server this test runs on 127.0.0.1
 * answering in EC2's query protocol (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html):
 * what the service did not send stays out, as the CLI leaves it out, and what it sent comes through, mapped or not.
 */
class SdkEc2DescriberTest {
    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private HttpServer server;
    private final Map<String, String> answers = new HashMap<>();
    private final List<Map<String, String>> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> form = new HashMap<>();
            for (String pair :
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&", -1)) {
                String[] kv = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            requests.add(form);
            String action = form.get("Action");
            String page = form.containsKey("NextToken") ? action + "@" + form.get("NextToken") : action;
            String body = "<" + action + "Response " + NS + "><requestId>1</requestId>" + answers.getOrDefault(page, "")
                    + "</" + action + "Response>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private Aws aws() {
        return SdkAws.connect(new AwsTarget(
                null,
                "eu-west-1",
                "the test",
                "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    /**
     * The IPv6 ranges of a rule reach the snapshot reader ("Ipv6Ranges", "CidrIpv6" in
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html); lists the answer leaves out
     * (the group's tags, its egress rules) stay out, and an empty one it sends stays empty. Both pages are read.
     */
    @Test
    void securityGroups_everyMemberSent_absentListsLeftOut_pagesJoined() {
        answers.put(
                "DescribeSecurityGroups",
                "<securityGroupInfo><item><ownerId>123456789012</ownerId><groupId>sg-1</groupId>"
                        + "<groupName>web</groupName><groupDescription>web tier</groupDescription>"
                        + "<vpcId>vpc-1</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol>"
                        + "<fromPort>22</fromPort><toPort>22</toPort><groups/><ipRanges/>"
                        + "<ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges>"
                        + "</item></ipPermissions></item></securityGroupInfo><nextToken>page-2</nextToken>");
        answers.put(
                "DescribeSecurityGroups@page-2",
                "<securityGroupInfo><item><groupId>sg-2</groupId><vpcId>vpc-1</vpcId>"
                        + "<tagSet><item><key>Name</key><value>db</value></item></tagSet></item></securityGroupInfo>");
        String json;
        try (Aws aws = aws()) {
            json = aws.ec2().securityGroups("vpc-1");
        }
        assertThat(json)
                .isEqualTo(
                        "{\"SecurityGroups\":[{\"GroupId\":\"sg-1\",\"VpcId\":\"vpc-1\","
                                + "\"OwnerId\":\"123456789012\",\"GroupName\":\"web\",\"Description\":\"web tier\","
                                + "\"IpPermissions\":[{\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22,"
                                + "\"UserIdGroupPairs\":[],\"IpRanges\":[],\"Ipv6Ranges\":[{\"CidrIpv6\":\"::/0\"}]}]},"
                                + "{\"GroupId\":\"sg-2\",\"Tags\":[{\"Key\":\"Name\",\"Value\":\"db\"}],\"VpcId\":\"vpc-1\"}]}");
        assertThat(requests)
                .extracting(r -> r.get("Filter.1.Name") + "=" + r.get("Filter.1.Value.1") + " " + r.get("NextToken"))
                .containsExactly("vpc-id=vpc-1 null", "vpc-id=vpc-1 page-2");
    }

    /** An IPv6 entry of a network ACL carries its block as "Ipv6CidrBlock" (API_NetworkAclEntry.html), no CidrBlock. */
    @Test
    void networkAcls_ipv6EntriesKeepTheirBlock_numbersAndBooleansTyped() {
        answers.put(
                "DescribeNetworkAcls",
                "<networkAclSet><item><networkAclId>acl-1</networkAclId><vpcId>vpc-1</vpcId><default>true</default>"
                        + "<entrySet><item><ruleNumber>100</ruleNumber><protocol>6</protocol>"
                        + "<ruleAction>deny</ruleAction><egress>false</egress><ipv6CidrBlock>::/0</ipv6CidrBlock>"
                        + "<portRange><from>22</from><to>22</to></portRange></item></entrySet>"
                        + "<associationSet><item><networkAclAssociationId>aclassoc-1</networkAclAssociationId>"
                        + "<networkAclId>acl-1</networkAclId><subnetId>subnet-1</subnetId></item>"
                        + "</associationSet></item></networkAclSet>");
        String json;
        try (Aws aws = aws()) {
            json = aws.ec2().networkAcls("vpc-1");
        }
        assertThat(json)
                .isEqualTo("{\"NetworkAcls\":[{\"Associations\":[{\"NetworkAclAssociationId\":\"aclassoc-1\","
                        + "\"NetworkAclId\":\"acl-1\",\"SubnetId\":\"subnet-1\"}],\"Entries\":[{\"Egress\":false,"
                        + "\"Ipv6CidrBlock\":\"::/0\",\"PortRange\":{\"From\":22,\"To\":22},\"Protocol\":\"6\","
                        + "\"RuleAction\":\"deny\",\"RuleNumber\":100}],\"IsDefault\":true,"
                        + "\"NetworkAclId\":\"acl-1\",\"VpcId\":\"vpc-1\"}]}");
    }

    /** describe-vpc-attribute answers with the one attribute asked for, beside the VPC's ID. */
    @Test
    void vpcAttribute_theAnswerAsTheCliPrintsIt() {
        answers.put(
                "DescribeVpcAttribute", "<vpcId>vpc-1</vpcId><enableDnsSupport><value>true</value></enableDnsSupport>");
        String json;
        try (Aws aws = aws()) {
            json = aws.ec2().vpcAttribute("vpc-1", "enableDnsSupport");
        }
        assertThat(json).isEqualTo("{\"EnableDnsSupport\":{\"Value\":true},\"VpcId\":\"vpc-1\"}");
        assertThat(requests.getFirst()).containsEntry("Attribute", "enableDnsSupport");
    }

    /** The call has no VPC filter; gateways attached elsewhere are left out, and an empty answer is an empty list. */
    @Test
    void egressOnlyGateways_onlyThoseOfTheVpc() {
        answers.put(
                "DescribeEgressOnlyInternetGateways",
                "<egressOnlyInternetGatewaySet>"
                        + "<item><egressOnlyInternetGatewayId>eigw-1</egressOnlyInternetGatewayId><attachmentSet>"
                        + "<item><state>attached</state><vpcId>vpc-1</vpcId></item></attachmentSet></item>"
                        + "<item><egressOnlyInternetGatewayId>eigw-2</egressOnlyInternetGatewayId><attachmentSet>"
                        + "<item><state>attached</state><vpcId>vpc-2</vpcId></item></attachmentSet></item>"
                        + "</egressOnlyInternetGatewaySet>");
        try (Aws aws = aws()) {
            assertThat(aws.ec2().egressOnlyInternetGateways("vpc-1"))
                    .isEqualTo("{\"EgressOnlyInternetGateways\":[{\"Attachments\":[{\"State\":\"attached\","
                            + "\"VpcId\":\"vpc-1\"}],\"EgressOnlyInternetGatewayId\":\"eigw-1\"}]}");
            assertThat(aws.ec2().natGateways("vpc-1")).isEqualTo("{\"NatGateways\":[]}");
        }
    }
}
