package dev.stackwright.model;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * An IPv6 block. A planned VPC's /56 is Amazon-provided: AWS picks it when the VPC is created, so the plan knows only
 * where each subnet's /64 sits inside it, and a template computes the address from the VPC's block. An imported
 * network knows the addresses.
 */
public sealed interface Ipv6Block {
    /** Prefix length of the block AWS gives a VPC. */
    int VPC_PREFIX = 56;
    /** Prefix length of every IPv6 subnet block: AWS accepts only /64. */
    int SUBNET_PREFIX = 64;

    /**
     * Where the analysis places a VPC's /56 that the input does not give (Amazon-provided: AWS picks it when the VPC
     * is created): inside {@code 3fff::/20}, the range RFC 9637 reserves for documentation, so no real VPC block or
     * rule can name it by accident. Reports name its parts by what they stand for, never by these addresses.
     */
    String STAND_IN = "3fff:0:0:5600::/56";

    /** The VPC's /56, assigned by Amazon when the VPC is created. */
    record AmazonProvided() implements Ipv6Block {}

    /** The /64 at {@code index} (0 to 255) of the VPC's /56. */
    record VpcSlot(int index) implements Ipv6Block {
        public VpcSlot {
            if (index < 0 || index >= 1 << (SUBNET_PREFIX - VPC_PREFIX)) {
                throw new IllegalArgumentException("a /56 has 256 /64 blocks, not " + (index + 1));
            }
        }
    }

    /** A block with its addresses, as an importer read it; canonical ({@code 2600:1f18::5/56} is its /56). */
    record Known(IPv6Address block) implements Ipv6Block {
        public Known {
            if (!block.isPrefixed()) {
                block = block.setPrefixLength(128, false);
            }
            block = block.toPrefixBlock();
        }

        /**
         * Parses {@code 2600:1f18:abc:de00::/56}.
         *
         * @throws IllegalArgumentException when the text is not an IPv6 CIDR block
         */
        public static Known parse(String text) {
            IPAddress address = new IPAddressString(text.strip()).getAddress();
            // "*" and ranges such as "1-2::" or "1-2::/64" parse to several addresses that are not one block.
            if (address == null || !address.isIPv6() || (address.isMultiple() && !address.isSinglePrefixBlock())) {
                throw new IllegalArgumentException("not an IPv6 CIDR block such as 2600:1f18:abc:de00::/56");
            }
            return new Known(address.toIPv6());
        }

        /** As {@link #parse}, empty when the text is not an IPv6 block or address. */
        public static java.util.Optional<Known> tryParse(String text) {
            try {
                return java.util.Optional.of(parse(text));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * The addresses of the block, a {@link #STAND_IN} one where the input does not give them: the Amazon-provided /56
     * is the stand-in, a slot is the stand-in's /64 at that index.
     */
    default IPv6Address addresses() {
        return switch (this) {
            case AmazonProvided a -> Known.parse(STAND_IN).block();
            case VpcSlot s ->
                new IPv6Address(
                                Known.parse(STAND_IN)
                                        .block()
                                        .getValue()
                                        .add(java.math.BigInteger.valueOf(s.index())
                                                .shiftLeft(128 - SUBNET_PREFIX)),
                                SUBNET_PREFIX)
                        .toPrefixBlock();
            case Known k -> k.block();
        };
    }

    /** Whether the addresses are the analysis's stand-in for a block the input does not give. */
    default boolean standIn() {
        return !(this instanceof Known k) || Known.parse(STAND_IN).block().contains(k.block());
    }

    /** How the block reads in plans and reports. */
    default String describe() {
        return switch (this) {
            case AmazonProvided a -> "Amazon-provided /" + VPC_PREFIX;
            case VpcSlot s -> "/" + SUBNET_PREFIX + " #" + s.index() + " of the VPC's /" + VPC_PREFIX;
            case Known k -> k.block().toCanonicalString();
        };
    }
}
