package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Attachment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hop of an attachment without security groups says why it has none, by what it is. */
class WithoutGroupsTest {
    @Test
    void aNatGateway_hasNoneByDesign() {
        assertThat(Reachability.withoutGroups(attachment(Attachment.Kind.NAT_GATEWAY)))
                .isEqualTo("NAT gateways have none");
    }

    @Test
    void aNetworkLoadBalancer_madeWithoutOne_isNotCalledANatGateway() {
        // "If you don't associate a security group with your load balancer when you create it, you can't associate
        // one later":
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
        assertThat(Reachability.withoutGroups(attachment(Attachment.Kind.LOAD_BALANCER)))
                .isEqualTo("a load balancer created without one has none")
                .doesNotContain("NAT");
    }

    @Test
    void anythingElse_hasNoneInTheInput() {
        assertThat(Reachability.withoutGroups(attachment(Attachment.Kind.INSTANCE)))
                .isEqualTo("the input gives it none");
    }

    private static Attachment attachment(Attachment.Kind kind) {
        return new Attachment("x", kind, "app-a", List.of(), false);
    }
}
