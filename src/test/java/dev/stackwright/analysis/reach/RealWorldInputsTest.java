package dev.stackwright.analysis.reach;

import static dev.stackwright.analysis.reach.ReachabilityTest.PROD;
import static dev.stackwright.analysis.reach.ReachabilityTest.ask;
import static dev.stackwright.analysis.reach.ReachabilityTest.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.Networks;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.importer.snapshot.DefaultAcls;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroupRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers that must agree with AWS on inputs read from real accounts and templates, each pinned to AWS's words. */
class RealWorldInputsTest {

    /** Two Lambda functions in the app subnets, with the app group, as a snapshot or template brings them. */
    static final Network WITH_FUNCTIONS = Networks.addAttachment(
            Networks.addAttachment(
                    PROD, new Attachment("worker-a", Attachment.Kind.FUNCTION, "app-a", List.of("app"), false)),
            new Attachment("worker-b", Attachment.Kind.FUNCTION, "app-b", List.of("app"), false));

    /*
     * https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html: "A Lambda function always runs inside a
     * VPC owned by the Lambda service." and "Lambda provides managed resources named Hyperplane ENIs, which your Lambda
     * function uses to connect from the Lambda VPC to an ENI (Elastic network interface) in your account VPC." The
     * interface in our VPC carries the function's own connections out; nothing listens on it.
     */
    @Test
    void aLambdaFunction_acceptsNoConnections_evenWhereItsGroupAdmitsThem() {
        int service = PROD.servicePort();
        assertThat(ask(PROD, "front-door-a", "app-a", service).reachable()).isTrue();
        Answer a = ask(WITH_FUNCTIONS, "front-door-a", "worker-a", service);
        assertThat(a.reachable()).isFalse();
        // The functions were added beside the plan, so they are not the front door's targets either.
        assertThat(codes(a)).containsExactly("not-a-target", "not-a-listener");
        assertThat(a.blockers().get(1).message())
                .isEqualTo(
                        "worker-a is a Lambda function: its interface carries only the connections the function opens");
        assertThat(ask(WITH_FUNCTIONS, "worker-b", "worker-a", service).reachable())
                .isFalse();
    }

    @Test
    void aLambdaFunction_stillOpensConnections() {
        assertThat(ask(WITH_FUNCTIONS, "worker-a", "database-a", PROD.databasePort())
                        .reachable())
                .isTrue();
        assertThat(ask(WITH_FUNCTIONS, "worker-a", "internet", 443).reachable()).isTrue();
    }

    @Test
    void checkListsNoConnectionIntoAFunction_butKeepsTheOnesItOpens() {
        Exposure e = Exposure.of(new Reachability(WITH_FUNCTIONS));
        assertThat(e.internal()).noneMatch(i -> i.to().kind() == Attachment.Kind.FUNCTION);
        assertThat(e.internal())
                .anyMatch(i -> i.from().name().equals("worker-a")
                        && i.to().name().equals("database-a")
                        && i.protocol() == Protocol.TCP);
        assertThat(e.fromInternet()).noneMatch(i -> i.attachment().kind() == Attachment.Kind.FUNCTION);
    }

    @Test
    void suggestedWhyCommands_quoteNamesWithSpaces_soTheyCanBePasted() {
        assertThat(Names.shellWord("app-a")).isEqualTo("app-a");
        assertThat(Names.shellWord("web server")).isEqualTo("'web server'");
        assertThat(Names.shellWord("bob's box")).isEqualTo("'bob'\\''s box'");
        // SSH open to the world on the app group: the NAT instances reach the app tasks, a guarded violation.
        Network n = Networks.editGroup(
                PROD,
                "app",
                g -> Networks.addIngress(
                        g, SecurityGroupRule.tcp(22, new Peer.Block(Cidr.ANYWHERE), "ssh from anywhere")));
        n = Networks.editAttachment(
                n,
                "app-a",
                a -> new Attachment("app a", a.kind(), a.subnetName(), a.securityGroupNames(), a.publicIp()));
        List<Violation> violations = Analysis.gate(n, Policy.defaults());
        assertThat(violations)
                .extracting(Violation::fix)
                .anySatisfy(fix -> assertThat(fix).contains(" 'app a' 22`"));
        assertThat(violations)
                .extracting(Violation::fix)
                .noneSatisfy(fix -> assertThat(fix).contains(" app a 22`"));
    }

    /** docs/analysis.md: "A name that stands for several resources answers for every pair." */
    @Test
    void aResourceSplitPerSubnet_answersByItsOwnName_forEveryPart() {
        Network n = Networks.addAttachment(
                Networks.addAttachment(
                        PROD, new Attachment("web-app-a", Attachment.Kind.TASK, "app-a", List.of("app"), false)),
                new Attachment("web-app-b", Attachment.Kind.TASK, "app-b", List.of("app"), false));
        Names names = new Names(n, new AddressSpace(n));
        Names.Resolved web = names.destination("web");
        assertThat(web.locations()).extracting(Location::name).containsExactly("web-app-a", "web-app-b");
        assertThat(web.meaning()).isEqualTo("web, one per subnet (web-app-a, web-app-b)");
        assertThat(names.source("resource:web").locations()).hasSize(2);
    }

    /** An instance named by its Name tag, with a public IP, as `aws ec2 describe-*` prints it. */
    static final Network NAMED_INSTANCE = Snapshot.read(
                    "s",
                    // A whole account: its subnet uses the default network ACL.
                    DefaultAcls.added(
                            Map.of(
                                    "vpcs.json",
                                    "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}",
                                    "subnets.json",
                                    "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.1.0/24\", \"AvailabilityZone\": \"eu-west-1a\"}]}",
                                    "igw.json",
                                    "{\"InternetGateways\": [{\"InternetGatewayId\": \"igw-1\", \"Attachments\": [{\"State\": \"available\", \"VpcId\": \"vpc-1\"}]}]}",
                                    "rt.json",
                                    "{\"RouteTables\": [{\"RouteTableId\": \"rtb-1\", \"VpcId\": \"vpc-1\", \"Associations\": [{\"SubnetId\": \"subnet-1\"}],"
                                            + " \"Routes\": [{\"DestinationCidrBlock\": \"10.0.0.0/16\", \"GatewayId\": \"local\"}, {\"DestinationCidrBlock\": \"0.0.0.0/0\", \"GatewayId\": \"igw-1\"}]}]}",
                                    "sg.json",
                                    "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"GroupName\": \"web\", \"VpcId\": \"vpc-1\", \"IpPermissions\": [{\"IpProtocol\": \"tcp\","
                                            + " \"FromPort\": 443, \"ToPort\": 443, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}], \"IpPermissionsEgress\": []}]}",
                                    "i.json",
                                    "{\"Reservations\": [{\"Instances\": [{\"InstanceId\": \"i-0abc\", \"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\","
                                            + " \"PublicIpAddress\": \"203.0.113.10\", \"PrivateIpAddress\": \"10.0.1.5\", \"SecurityGroups\": [{\"GroupId\": \"sg-1\"}], \"Tags\": [{\"Key\": \"Name\", \"Value\": \"web server\"}]}]}]}")))
            .networks()
            .getFirst();

    @Test
    void aNamedInstance_answersToItsIdAndItsPublicIp_too() {
        Reachability reach = new Reachability(NAMED_INSTANCE);
        Names names = new Names(NAMED_INSTANCE, reach.space());
        assertThat(names.destination("web server").locations())
                .extracting(Location::name)
                .containsExactly("web server");
        assertThat(names.destination("i-0abc").locations())
                .extracting(Location::name)
                .containsExactly("web server");
        assertThat(names.destination("203.0.113.10").locations())
                .extracting(Location::name)
                .containsExactly("web server");
        Location internet = names.source("internet").locations().getFirst();
        Location byIp = names.destination("203.0.113.10").locations().getFirst();
        assertThat(reach.evaluate(new Flow(internet, byIp, Protocol.TCP, dev.stackwright.model.PortRange.of(443)))
                        .reachable())
                .isTrue();
    }

    /*
     * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html: "resources on the internet can
     * initiate a connection to resources in your subnet using the public IPv4 address or IPv6 address". The private
     * address names the instance, but the internet cannot send to it; an address nothing has names nobody.
     */
    @Test
    void aPrivateAddress_namesTheInterfaceThatHasIt_whichTheInternetCannotAddress() {
        Reachability reach = new Reachability(NAMED_INSTANCE);
        Names names = new Names(NAMED_INSTANCE, reach.space());
        Location internet = names.source("internet").locations().getFirst();
        Location byPrivate = names.destination("10.0.1.5").locations().getFirst();
        assertThat(byPrivate.name()).isEqualTo("web server");
        Answer a = reach.evaluate(new Flow(internet, byPrivate, Protocol.TCP, dev.stackwright.model.PortRange.of(443)));
        assertThat(a.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(codes(a)).containsExactly("private-address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> names.destination("10.0.1.6"))
                .isInstanceOf(Names.Unresolved.class)
                .hasMessage("10.0.1.6 is in subnet subnet-1 (10.0.1.0/24), but no interface has 10.0.1.6 in the input");
    }
}
