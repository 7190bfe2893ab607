package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
 * The SDK adapter of {@code vpc inspect} end to end against an HTTP server on 127.0.0.1 answering in EC2's query
 * protocol: proves the responses are turned into the CLI's JSON shape the snapshot reader expects (tiers from routes,
 * the main table, free addresses, DNS settings, offerings) and that EC2 errors come out as a sentence and a fix.
 */
class VpcInspectSdkTest {
    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private HttpServer server;
    private String endpoint;
    private final Map<String, String[]> answers = new HashMap<>();
    private final List<Map<String, String>> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIDSTACKWRIGHTTEST");
        System.setProperty("aws.secretAccessKey", "not-a-real-secret");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&", -1)) {
                String[] kv = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            synchronized (requests) {
                requests.add(form);
            }
            String action = form.get("Action");
            // Unscripted describe calls answer with an empty list.
            String[] answer = answers.getOrDefault(action, new String[] {
                "200", "<" + action + "Response " + NS + "><requestId>1</requestId></" + action + "Response>"
            });
            byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static String response(String action, String body) {
        return "<" + action + "Response " + NS + "><requestId>1</requestId>" + body + "</" + action + "Response>";
    }

    private void script() {
        answers.put("DescribeVpcs", new String[] {
            "200",
            response(
                    "DescribeVpcs",
                    "<vpcSet><item><vpcId>vpc-0live</vpcId>"
                            + "<cidrBlock>10.7.0.0/16</cidrBlock><state>available</state>"
                            + "<tagSet><item><key>Name</key><value>live</value></item></tagSet></item></vpcSet>")
        });
        StringBuilder subnets = new StringBuilder("<subnetSet>");
        String[][] rows = {
            {"subnet-pub", "10.7.0.0/24", "a", "250"},
            {"subnet-app", "10.7.1.0/24", "a", "40"},
            {"subnet-db", "10.7.2.0/24", "b", "251"}
        };
        for (String[] s : rows) {
            subnets.append("<item><subnetId>")
                    .append(s[0])
                    .append("</subnetId><vpcId>vpc-0live</vpcId><cidrBlock>")
                    .append(s[1])
                    .append("</cidrBlock><availabilityZone>eu-west-1")
                    .append(s[2])
                    .append("</availabilityZone>")
                    .append("<availableIpAddressCount>")
                    .append(s[3])
                    .append("</availableIpAddressCount>")
                    .append("<mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></item>");
        }
        answers.put("DescribeSubnets", new String[] {"200", response("DescribeSubnets", subnets + "</subnetSet>")});
        String local =
                "<item><destinationCidrBlock>10.7.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>active</state></item>";
        answers.put("DescribeRouteTables", new String[] {
            "200",
            response(
                    "DescribeRouteTables",
                    "<routeTableSet>"
                            + "<item><routeTableId>rtb-main</routeTableId><vpcId>vpc-0live</vpcId><routeSet>" + local
                            + "</routeSet>"
                            + "<associationSet><item><main>true</main><routeTableId>rtb-main</routeTableId></item></associationSet></item>"
                            + "<item><routeTableId>rtb-pub</routeTableId><vpcId>vpc-0live</vpcId><routeSet>" + local
                            + "<item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-1</gatewayId><state>active</state></item>"
                            + "</routeSet><associationSet><item><main>false</main><subnetId>subnet-pub</subnetId></item></associationSet></item>"
                            + "<item><routeTableId>rtb-app</routeTableId><vpcId>vpc-0live</vpcId><routeSet>" + local
                            + "<item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><natGatewayId>nat-1</natGatewayId><state>active</state></item>"
                            + "</routeSet><associationSet><item><main>false</main><subnetId>subnet-app</subnetId></item></associationSet></item>"
                            + "</routeTableSet>")
        });
        answers.put("DescribeInternetGateways", new String[] {
            "200",
            response(
                    "DescribeInternetGateways",
                    "<internetGatewaySet>"
                            + "<item><internetGatewayId>igw-1</internetGatewayId><attachmentSet><item><vpcId>vpc-0live</vpcId>"
                            + "<state>available</state></item></attachmentSet></item></internetGatewaySet>")
        });
        answers.put("DescribeNatGateways", new String[] {
            "200",
            response(
                    "DescribeNatGateways",
                    "<natGatewaySet><item>"
                            + "<natGatewayId>nat-1</natGatewayId><vpcId>vpc-0live</vpcId><subnetId>subnet-pub</subnetId><state>available</state>"
                            + "<connectivityType>public</connectivityType></item></natGatewaySet>")
        });
    }

    @Test
    void live_readsTheVpcThroughTheSdk_intoTheSnapshotPath() {
        script();
        answers.put("DescribeVpcAttribute", new String[] {
            "200",
            response(
                    "DescribeVpcAttribute",
                    "<vpcId>vpc-0live</vpcId><enableDnsHostnames><value>false</value></enableDnsHostnames>")
        });
        CliTest.Run r = CliTest.run("vpc", "inspect", "vpc-0live", "--region", "eu-west-1", "--endpoint-url", endpoint);
        assertThat(r.err()).doesNotContain("internal error");
        assertThat(r.out())
                .contains(
                        "VPC vpc-0live (live)  10.7.0.0/16  eu-west-1",
                        "subnet-pub  eu-west-1a  10.7.0.0/24  public    rtb-pub          250",
                        "subnet-app  eu-west-1a  10.7.1.0/24  private   rtb-app          40",
                        "subnet-db   eu-west-1b  10.7.2.0/24  isolated  rtb-main (main)  251",
                        "FAIL    dns-hostnames",
                        "warn    free-ips");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(requests)
                .anySatisfy(q -> assertThat(q)
                        .containsEntry("Action", "DescribeSubnets")
                        .containsEntry("Filter.1.Name", "vpc-id")
                        .containsEntry("Filter.1.Value.1", "vpc-0live"));
        assertThat(requests)
                .anySatisfy(q -> assertThat(q)
                        .containsEntry("Action", "DescribeVpcAttribute")
                        .containsEntry("Attribute", "enableDnsHostnames"));
    }

    @Test
    void live_accessDenied_isOneSentenceAndAFix() {
        answers.put("DescribeVpcs", new String[] {
            "403",
            "<Response><Errors><Error><Code>UnauthorizedOperation</Code>"
                    + "<Message>You are not authorized to perform this operation.</Message></Error></Errors>"
                    + "<RequestID>1</RequestID></Response>"
        });
        CliTest.Run r = CliTest.run("vpc", "inspect", "vpc-0live", "--region", "eu-west-1", "--endpoint-url", endpoint);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("access denied while describing the VPCs", "Fix: ")
                .doesNotContain("Exception");
    }
}
