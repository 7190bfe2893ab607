package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code why} over an inbound rule that names a group of another VPC across a transit gateway, as the gateway's and the
 * VPC attachments' {@code SecurityGroupReferencingSupport} options decide it, from a snapshot (the describe-* folder
 * {@code import/snapshot/tgw-ipv6}, with ledger-api admitting shop's group web by reference) and from a template (the
 * one of {@link TransitGatewayIpv6Test}, likewise).
 *
 * <p>AWS: "This new feature allows you to create inbound security rules that reference security groups defined in
 * other Amazon Virtual Private Clouds (Amazon VPCs) attached to a transit gateway within the same Amazon Web Services
 * (AWS) Region" and "You can enable or disable the security group referencing support option when creating a new or
 * editing an existing transit gateway or Transit Gateway VPC attachment"
 * (https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/).
 * A gateway's option: "This option is disabled by default."
 * (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-transit-gateway-options/security-group-referencing-support.html). An attachment's default is
 * given both ways: "This option is disabled by default"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-transitgatewayattachment-options.html)
 * and "This option is set to enable by default. However, at the transit gateway level the default is set to disable."
 * (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-create-transit-gateway-vpc-attachment-request-options/security-group-referencing-support.html),
 * so a template's attachment that does not set it cannot tell.
 */
class TransitGatewayGroupReferenceTest {
    static final Path SNAPSHOT = TransitGatewayIpv6Test.SNAPSHOT;

    /** ledger-api's inbound rule, by address in the snapshot, and by reference to shop's web group here. */
    static final String BY_ADDRESS = "\"IpRanges\": [{\"CidrIp\": \"10.20.0.0/16\"}],\n"
            + "                      \"Ipv6Ranges\": [{\"CidrIpv6\": \"2600:1f18:0:a00::/56\", \"Description\":"
            + " \"shop over IPv6\"}]}]";

    static final String BY_REFERENCE =
            "\"UserIdGroupPairs\": [{\"GroupId\": \"sg-a\", \"VpcId\": \"vpc-a\", \"Description\": \"shop's web\"}]}]";

    static final String ATTACHMENT_OPTIONS = "\"Options\": {\"DnsSupport\": \"enable\", \"Ipv6Support\": \"enable\"";

    /** An option, or describe-transit-gateways, that the snapshot does not give. */
    static final String ABSENT = "";

    @TempDir
    Path dir;

    /**
     * The snapshot with ledger-api admitting web by reference, describe-transit-gateways giving tgw-1's option as
     * {@code gateway} (no such file when {@link #ABSENT}), and the attachments' options {@code a} and {@code b} (none
     * when {@link #ABSENT}).
     */
    private Path snapshot(String gateway, String a, String b) throws IOException {
        Path copy = SnapshotFolders.copiedWithout(SNAPSHOT, Files.createTempDirectory(dir, "snap"));
        replace(copy.resolve("groups.json"), BY_ADDRESS, BY_REFERENCE);
        String attachments = Files.readString(copy.resolve("tgw-vpc-attachments.json"));
        int second = attachments.indexOf("tgw-attach-b");
        Files.writeString(
                copy.resolve("tgw-vpc-attachments.json"),
                withOption(attachments.substring(0, second), a) + withOption(attachments.substring(second), b));
        if (!gateway.equals(ABSENT)) {
            Files.writeString(copy.resolve("tgws.json"), """
                    {"TransitGateways": [
                      {"TransitGatewayId": "tgw-1", "State": "available",
                       "Options": {"AmazonSideAsn": 64512, "DefaultRouteTableAssociation": "enable",
                                   "SecurityGroupReferencingSupport": %s}}]}
                    """.formatted(gateway));
        }
        return copy;
    }

    private static String withOption(String text, String option) {
        assertThat(text).as("the edit applies").contains(ATTACHMENT_OPTIONS);
        return option.equals(ABSENT)
                ? text
                : text.replace(
                        ATTACHMENT_OPTIONS, ATTACHMENT_OPTIONS + ", \"SecurityGroupReferencingSupport\": " + option);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("the edit applies").contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    /** The last line: the verdict, for both families (both VPCs are dual-stack, and the reference counts in each). */
    private static String verdict(String word) {
        return "\\n" + word + "( over IPv4 and IPv6)?\\.\\n$";
    }

    private static CliTest.Run why(Path snapshot) {
        return run("why", "web", "ledger", "443", "--snapshot", snapshot.toString());
    }

    @Test
    void snapshot_withTheOptionEnabledOnTheGatewayAndBothAttachments_theReferenceAdmitsWeb() throws IOException {
        CliTest.Run r = why(snapshot("\"enable\"", "\"enable\"", "\"enable\""));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("Between the VPCs: transit gateway tgw-1, used both ways", "in tcp 443 from sg web of shop")
                .doesNotContain("CANNOT TELL", "BLOCKED")
                .containsPattern(verdict("Reachable"));
        assertThat(r.err()).doesNotContain("bad-value", "unknown-key");
    }

    @Test
    void snapshot_withTheGatewaysOptionDisabled_theReferenceAdmitsNothing_andTheBlockerSaysHowToTurnItOn()
            throws IOException {
        CliTest.Run r = why(snapshot("\"disable\"", "\"enable\"", "\"enable\""));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "BLOCKED sg-ingress-denied: security group ledger-api allows tcp 443 only from sg web of shop,"
                                + " not 10.20.1.0/24 (security group referencing support is disabled on transit gateway tgw-1,"
                                + " and a reference across a transit gateway needs it enabled on the gateway and on the VPCs'"
                                + " attachments: set SecurityGroupReferencingSupport to enable (aws ec2 modify-transit-gateway,"
                                + " modify-transit-gateway-vpc-attachment))")
                .doesNotContain("security group referencing support of")
                .containsPattern(verdict("Blocked"));
    }

    /**
     * Both VPCs' attachments with the option off stop the reference. One alone is cannot tell: the pages say the
     * option is on the gateway and on attachments, not whether the other VPC's attachment is enough.
     */
    @Test
    void snapshot_withBothAttachmentsOptionDisabled_theReferenceAdmitsNothing_andTheBlockerNamesThem()
            throws IOException {
        CliTest.Run r = why(snapshot("\"enable\"", "\"disable\"", "\"disable\""));
        assertThat(r.out())
                .contains("(security group referencing support is disabled on VPC attachment tgw-attach-a of shop and"
                        + " VPC attachment tgw-attach-b of ledger,")
                .doesNotContain("security group referencing support of")
                .containsPattern(verdict("Blocked"));
    }

    @Test
    void snapshot_withOneAttachmentsOptionDisabled_theReferenceCannotTell_andSaysWhy() throws IOException {
        CliTest.Run dest = why(snapshot("\"enable\"", "\"enable\"", "\"disable\""));
        assertThat(dest.code()).as(dest.out() + dest.err()).isEqualTo(3);
        assertThat(dest.out())
                .contains("CANNOT TELL: whether a reference across transit gateway tgw-1 works with security group"
                        + " referencing support disabled on VPC attachment tgw-attach-b of ledger alone (AWS's"
                        + " documentation does not say whether both VPCs' attachments need it)")
                .doesNotContain("BLOCKED sg-ingress-denied")
                .containsPattern(verdict("Cannot tell"));
        CliTest.Run source = why(snapshot("\"enable\"", "\"disable\"", ABSENT));
        assertThat(source.code()).as(source.out() + source.err()).isEqualTo(3);
        assertThat(source.out())
                .contains("disabled on VPC attachment tgw-attach-a of shop alone")
                .containsPattern(verdict("Cannot tell"));
    }

    /** Outputs from before the option (or without describe-transit-gateways) do not say: cannot tell, never a guess. */
    @Test
    void snapshot_whereTheOutputsDoNotGiveTheOption_theReferenceCannotTell() throws IOException {
        CliTest.Run none = why(snapshot(ABSENT, "\"enable\"", "\"enable\""));
        assertThat(none.code()).as(none.out() + none.err()).isEqualTo(3);
        assertThat(none.out())
                .contains("CANNOT TELL: the security group referencing support of transit gateway tgw-1 (not in the"
                        + " input) not modelled")
                .containsPattern(verdict("Cannot tell"));
        CliTest.Run attachments = why(snapshot("\"enable\"", "\"enable\"", ABSENT));
        assertThat(attachments.code()).as(attachments.out() + attachments.err()).isEqualTo(3);
        assertThat(attachments.out())
                .contains("CANNOT TELL: the security group referencing support of VPC attachment tgw-attach-b of"
                        + " ledger (not in the input) not modelled")
                .containsPattern(verdict("Cannot tell"));
    }

    @Test
    void snapshot_aBadOptionValue_isALocatedWarning_andTheReferenceCannotTell() throws IOException {
        CliTest.Run gateway = why(snapshot("\"enabled\"", "\"enable\"", "\"enable\""));
        assertThat(gateway.code()).as(gateway.out() + gateway.err()).isEqualTo(3);
        assertThat(gateway.err())
                .containsPattern("tgws\\.json:\\d+:\\d+: .*SecurityGroupReferencingSupport")
                .contains(
                        "is not enable or disable, so whether the transit gateway allows security group references"
                                + " is not known",
                        "enabled")
                .doesNotContain("Exception");
        assertThat(gateway.out()).containsPattern(verdict("Cannot tell"));

        CliTest.Run attachment = why(snapshot("\"enable\"", "\"enable\"", "7"));
        assertThat(attachment.code()).as(attachment.out() + attachment.err()).isEqualTo(3);
        assertThat(attachment.err())
                .containsPattern("tgw-vpc-attachments\\.json:\\d+:\\d+: .*SecurityGroupReferencingSupport")
                .contains("is not enable or disable, so whether the attachment allows security group references");
        assertThat(attachment.out()).containsPattern(verdict("Cannot tell"));
    }

    /**
     * {@link TransitGatewayIpv6Test#template} with IPv4 routes through Hub both ways, B's blocks learned by
     * propagation, Server admitting Client by reference, {@code hub} after Hub's type and {@code attachments} in
     * both attachments' Options.
     */
    private Path template(String hub, String attachments) throws IOException {
        String options = ", Options: {Ipv6Support: enable" + attachments + "}";
        String text = TransitGatewayIpv6Test.template(options, options)
                .replace("Hub: {Type: AWS::EC2::TransitGateway}", "Hub: {Type: AWS::EC2::TransitGateway" + hub + "}")
                .replaceAll(
                        "(?m)^  HubToB: .*$",
                        "  HubPropB: {Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties:"
                                + " {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref"
                                + " AttachB}}")
                .replace(
                        "  TableA:",
                        "  ToHubA4: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableA,"
                                + " DestinationCidrBlock: 10.0.0.0/8, TransitGatewayId: !Ref Hub}}\n"
                                + "  ToHubB4: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableB,"
                                + " DestinationCidrBlock: 10.0.0.0/8, TransitGatewayId: !Ref Hub}}\n"
                                + "  TableA:")
                .replace(
                        "SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6:"
                                + " \"2600:1f18::/32\"}]",
                        "SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6:"
                                + " \"2600:1f18::/32\"}, {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp:"
                                + " 10.0.0.0/8}]")
                .replace("CidrIpv6: \"2600:1f18:0:a00::/56\"}]", "SourceSecurityGroupId: !Ref Client}]");
        assertThat(text).contains("SourceSecurityGroupId: !Ref Client", "HubPropB", "ToHubA4", "CidrIp: 10.0.0.0/8");
        Path file = dir.resolve("tgw-ref-" + Integer.toHexString(text.hashCode()) + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    private static CliTest.Run whyTemplate(Path template, String... more) {
        String[] args = Stream.concat(
                        Stream.of("why", "ClientA", "ServerB", "443", "--template", template.toString()),
                        Stream.of(more))
                .toArray(String[]::new);
        return run(args);
    }

    @Test
    void template_withTheOptionEnabledEverywhere_theReferenceAdmitsClient_inBothFamilies() throws IOException {
        CliTest.Run r = whyTemplate(template(
                ", Properties: {SecurityGroupReferencingSupport: enable}",
                ", SecurityGroupReferencingSupport: enable"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("in tcp 443 from sg Client of VpcA")
                .doesNotContain("CANNOT TELL", "BLOCKED")
                .containsPattern(verdict("Reachable"));
        assertThat(r.err()).doesNotContain("bad-value", "unresolved");
    }

    /** A transit gateway that does not set the option has AWS's default, disabled: the reference admits nothing. */
    @Test
    void template_aGatewayWithoutTheOption_hasItDisabled_soTheReferenceAdmitsNothing() throws IOException {
        CliTest.Run r = whyTemplate(template("", ", SecurityGroupReferencingSupport: enable"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("(security group referencing support is disabled on transit gateway Hub, and a reference"
                        + " across a transit gateway needs it enabled on the gateway and on the VPCs' attachments")
                .doesNotContain("security group referencing support of")
                .containsPattern(verdict("Blocked"));
    }

    /** Attachments that do not set it: AWS's pages give both defaults, so cannot tell, naming both attachments. */
    @Test
    void template_attachmentsWithoutTheOption_cannotTell() throws IOException {
        CliTest.Run r = whyTemplate(template(", Properties: {SecurityGroupReferencingSupport: enable}", ""));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .contains("CANNOT TELL: the security group referencing support of VPC attachment AttachA of VpcA and"
                        + " VPC attachment AttachB of VpcB (not in the input) not modelled")
                .containsPattern(verdict("Cannot tell"));
    }

    /** The option from a parameter, as the importer resolves them: its default, a value given, or none (a warning). */
    @Test
    void template_theOptionFromAParameter_isResolved_andWithoutAValueIsAnUnresolvedWarning() throws IOException {
        Path t = template(
                ", Properties: {SecurityGroupReferencingSupport: !Ref Referencing}",
                ", SecurityGroupReferencingSupport: enable");
        String text = Files.readString(t);
        Path withDefault = dir.resolve("default.yaml");
        Files.writeString(withDefault, "Parameters:\n  Referencing: {Type: String, Default: enable}\n" + text);
        CliTest.Run on = whyTemplate(withDefault);
        assertThat(on.out()).as(on.out() + on.err()).containsPattern(verdict("Reachable"));
        CliTest.Run off = whyTemplate(withDefault, "--parameter", "Referencing=disable");
        assertThat(off.out())
                .as(off.out() + off.err())
                .contains("disabled on transit gateway Hub")
                .containsPattern(verdict("Blocked"));

        Path noValue = dir.resolve("novalue.yaml");
        Files.writeString(noValue, "Parameters:\n  Referencing: {Type: String}\n" + text);
        CliTest.Run unknown = whyTemplate(noValue);
        assertThat(unknown.code()).as(unknown.out() + unknown.err()).isEqualTo(3);
        assertThat(unknown.err())
                .containsPattern("novalue\\.yaml:\\d+:\\d+: .*Hub.*SecurityGroupReferencingSupport")
                .contains("whether it allows security group references is not known");
        assertThat(unknown.out())
                .contains("CANNOT TELL: the security group referencing support of transit gateway Hub (not in the"
                        + " input) not modelled")
                .containsPattern(verdict("Cannot tell"));
    }

    @Test
    void template_aBadOptionValue_isALocatedWarning_neverAnInternalError() throws IOException {
        CliTest.Run r = whyTemplate(template(
                ", Properties: {SecurityGroupReferencingSupport: enable}", ", SecurityGroupReferencingSupport: on"));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.err())
                .containsPattern("\\.yaml:\\d+:\\d+: .*AttachA.*Options\\.SecurityGroupReferencingSupport")
                .contains("is not enable or disable, so whether it allows security group references is not known")
                .doesNotContain("Exception");
        assertThat(r.out()).containsPattern(verdict("Cannot tell"));
    }
}
