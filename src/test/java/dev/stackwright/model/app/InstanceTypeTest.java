package dev.stackwright.model.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graviton or not: one answer, {@link InstanceType#isArm}, for ECS hosts, NAT instances, the bastion and the
 * catalogue. Before it there were two family regexes (the planner's and the network template's), and both took a1,
 * the first Graviton family, for x86.
 */
class InstanceTypeTest {
    private static final List<String> GRAVITON = List.of(
            "t4g", "m7gd", "c6gn", "c7gn", "r8g", "x2gd", "im4gn", "is4gen", "a1", "g5g", "hpc7g", "i4g", "m6g");
    /** Intel, AMD, the GPU and accelerator lines (a leading g is a GPU, not Graviton), and the Macs. */
    private static final List<String> NOT_GRAVITON = List.of(
            "t3",
            "t3a",
            "m5",
            "c5n",
            "g4dn",
            "g5",
            "g6e",
            "gr6",
            "p4d",
            "inf2",
            "trn1n",
            "m7i-flex",
            "mac1",
            "mac2",
            "mac2-m2pro",
            "x2iezn",
            "u-6tb1");

    @Test
    void isArm_gravitonFamilies() {
        for (String family : GRAVITON) {
            assertThat(InstanceType.isArm(family + ".large")).as(family).isTrue();
        }
    }

    @Test
    void isArm_otherFamilies_areNot() {
        for (String family : NOT_GRAVITON) {
            assertThat(InstanceType.isArm(family + ".large")).as(family).isFalse();
        }
    }

    @Test
    void isArm_rdsClasses_byTheirEc2Family() {
        assertThat(InstanceType.isArm("db.t4g.micro")).isTrue();
        assertThat(InstanceType.isArm("db.r7g.large")).isTrue();
        assertThat(InstanceType.isArm("db.t3.micro")).isFalse();
    }

    @Test
    void isArm_aFamilyWithoutSize_isDecidedByTheFamily_notACrash() {
        assertThat(InstanceType.isArm("t4g")).isTrue();
        assertThat(InstanceType.isArm("t3")).isFalse();
    }

    /** The catalogue's arch column is AWS's word for each type; the rule must agree with every row. */
    @Test
    void isArm_agreesWithTheCatalogueArchColumn_everyRow() throws IOException {
        Map<String, Boolean> arm = new LinkedHashMap<>();
        try (InputStream in = InstanceType.class.getResourceAsStream("/dev/stackwright/model/instance-types.txt")) {
            assertThat(in).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String row = line.strip();
                if (!row.isEmpty() && !row.startsWith("#")) {
                    String[] f = row.split("\\s+", -1);
                    arm.put(f[0], f[4].equals("arm64"));
                }
            }
        }
        assertThat(arm).hasSizeGreaterThan(40).containsValue(true).containsValue(false);
        arm.forEach((type, expected) -> {
            assertThat(InstanceType.isArm(type)).as(type).isEqualTo(expected);
            assertThat(InstanceType.find(type).orElseThrow().arm()).as(type).isEqualTo(expected);
        });
    }

    /** The ECS hosts (app template) and the NAT instances (network template) ask the same question. */
    @Test
    void a1_hostsAndNatInstances_bothGetArm64Amis() {
        Stackwright.Result r = Stackwright.plan("stackwright.yml", """
                name: shop
                network: {natInstance: {type: a1.medium}}
                service: {instanceType: a1.large}
                """);
        assertThat(r.application().compute())
                .isInstanceOfSatisfying(
                        Compute.EcsOnEc2.class, ec2 -> assertThat(ec2.arm()).isTrue());
        String network = r.networkTemplate().toJson().toString();
        assertThat(network)
                .contains("al2023-ami-kernel-default-arm64")
                .doesNotContain("al2023-ami-kernel-default-x86_64");
        assertThat(r.appTemplate().toJson().toString()).contains("/amazon-linux-2023/arm64/recommended/image_id");
    }

    @Test
    void gpuHosts_andX86NatInstances_getX86Amis() {
        Stackwright.Result r = Stackwright.plan("stackwright.yml", """
                name: shop
                network: {natInstance: {type: t3.nano}}
                service: {instanceType: g4dn.xlarge}
                """);
        assertThat(r.application().compute())
                .isInstanceOfSatisfying(
                        Compute.EcsOnEc2.class, ec2 -> assertThat(ec2.arm()).isFalse());
        assertThat(r.networkTemplate().toJson().toString())
                .contains("al2023-ami-kernel-default-x86_64")
                .doesNotContain("al2023-ami-kernel-default-arm64");
        assertThat(r.appTemplate().toJson().toString()).contains("/amazon-linux-2023/recommended/image_id");
    }
}
