package dev.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv6BlockTest {
    @Test
    void parse_takesOneBlockOrOneAddress() {
        assertThat(Ipv6Block.Known.parse("2600:1f18:abc:de00::/56").block().toString())
                .isEqualTo("2600:1f18:abc:de00::/56");
        assertThat(Ipv6Block.Known.tryParse("2600:1f18::1")).isPresent();
    }

    @Test
    void parse_refusesWhatIsNotOneBlock() {
        for (String text : new String[] {"*", "1-2::", "1-2::/64", "2600:1f18::/129", "10.0.0.0/16", "", "ten"}) {
            assertThatThrownBy(() -> Ipv6Block.Known.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
            assertThat(Ipv6Block.Known.tryParse(text)).as(text).isEmpty();
        }
    }
}
