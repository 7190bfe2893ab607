package dev.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void parse_canonicalizesHostBits() {
        assertThat(Cidr.parse("10.0.0.7/24")).hasToString("10.0.0.0/24");
        assertThat(Cidr.parse("10.0.0.7")).hasToString("10.0.0.7/32");
    }

    @Test
    void hasHostBits_onlyForAnAddressInsideItsBlock() {
        assertThat(Cidr.hasHostBits("192.168.1.0/0")).isTrue();
        assertThat(Cidr.hasHostBits("10.0.0.28/29")).isTrue();
        assertThat(Cidr.hasHostBits("10.0.0.24/29")).isFalse();
        assertThat(Cidr.hasHostBits("0.0.0.0/0")).isFalse();
        assertThat(Cidr.hasHostBits("10.0.0.7")).as("a bare address is a /32").isFalse();
        assertThat(Cidr.hasHostBits("10.0.0.7/32")).isFalse();
        assertThat(Cidr.hasHostBits("not a block")).isFalse();
        assertThat(Cidr.hasHostBits("2001:db8::1/32")).as("IPv4 only").isFalse();
    }

    @Test
    void parse_rejectsGarbageAndIpv6() {
        assertThatThrownBy(() -> Cidr.parse("ten.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/32")).isInstanceOf(IllegalArgumentException.class);
        // A range of blocks is not one block, though each of its parts is a prefix block.
        assertThatThrownBy(() -> Cidr.parse("10-11.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0-1.0/24")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cidr.tryParse("nope")).isEmpty();
    }

    @Test
    void subnet_indexesBlocksInOrder() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertThat(vpc.subnet(24, 0)).hasToString("10.0.0.0/24");
        assertThat(vpc.subnet(24, 255)).hasToString("10.0.255.0/24");
        assertThatThrownBy(() -> vpc.subnet(24, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vpc.subnet(8, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usableIps_subtractsAwsReservedFive() {
        assertThat(Cidr.parse("10.0.0.0/24").usableIps()).isEqualTo(251);
        assertThat(Cidr.parse("10.0.0.0/28").usableIps()).isEqualTo(11);
        assertThat(Cidr.prefixFor(251)).isEqualTo(24);
        assertThat(Cidr.prefixFor(252)).isEqualTo(23);
        assertThat(Cidr.prefixFor(1)).isEqualTo(28);
    }

    @Test
    void overlapsAndContains_workBothWays() {
        Cidr big = Cidr.parse("10.0.0.0/8");
        Cidr small = Cidr.parse("10.1.0.0/16");
        assertThat(big.overlaps(small)).isTrue();
        assertThat(small.overlaps(big)).isTrue();
        assertThat(big.contains(small)).isTrue();
        assertThat(small.contains(big)).isFalse();
        assertThat(Cidr.parse("10.1.0.0/16").overlaps(Cidr.parse("10.2.0.0/16")))
                .isFalse();
    }

    @Test
    void isPrivate_followsRfc1918() {
        assertThat(Cidr.parse("10.20.0.0/16").isPrivate()).isTrue();
        assertThat(Cidr.parse("172.31.0.0/16").isPrivate()).isTrue();
        assertThat(Cidr.parse("172.32.0.0/16").isPrivate()).isFalse();
        assertThat(Cidr.parse("192.168.10.0/24").isPrivate()).isTrue();
        assertThat(Cidr.parse("100.64.0.0/16").isPrivate()).isFalse();
    }
}
