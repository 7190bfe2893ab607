package dev.stackwright.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An IPv4 CIDR block, canonical on construction ({@code 10.0.0.7/24} becomes {@code 10.0.0.0/24}). All CIDR math in
 * Stackwright goes through the IPAddress library behind this type.
 */
public record Cidr(IPv4Address block) implements Comparable<Cidr> {

    public static final Cidr ANYWHERE = parse("0.0.0.0/0");

    /** The private ranges of RFC 1918, the only ones AWS recommends for VPCs. */
    public static final java.util.List<Cidr> RFC1918 =
            java.util.List.of(parse("10.0.0.0/8"), parse("172.16.0.0/12"), parse("192.168.0.0/16"));

    public Cidr {
        if (!block.isPrefixed()) {
            block = block.setPrefixLength(32, false);
        }
        block = block.toPrefixBlock();
    }

    /**
     * Parses {@code a.b.c.d/n}; a bare address is a /32.
     *
     * @throws IllegalArgumentException with a readable reason when the text is not an IPv4 CIDR
     */
    public static Cidr parse(String text) {
        try {
            // null for empty text; "*" and ranges such as "1-2.0.0.0" or "10-11.0.0.0/8" parse but are not one block.
            IPAddress address = new IPAddressString(text.strip()).toAddress();
            if (address == null || !address.isIPv4() || (address.isMultiple() && !address.isSinglePrefixBlock())) {
                throw new IllegalArgumentException("not an IPv4 CIDR block");
            }
            return new Cidr(address.toIPv4());
        } catch (AddressStringException | inet.ipaddr.IncompatibleAddressException e) {
            throw new IllegalArgumentException("not a CIDR block such as 10.0.0.0/16", e);
        }
    }

    /**
     * Whether the text names an address inside a block rather than the block's start ({@code 192.168.1.0/0},
     * {@code 10.0.0.28/29}): it stands for the whole block it lies in, which may be far larger than it looks.
     */
    public static boolean hasHostBits(String text) {
        try {
            IPAddress address = new IPAddressString(text.strip()).toAddress();
            return address != null
                    && address.isIPv4()
                    && address.isPrefixed()
                    && !address.getLower()
                            .withoutPrefixLength()
                            .equals(address.toPrefixBlock().getLower().withoutPrefixLength());
        } catch (AddressStringException | inet.ipaddr.IncompatibleAddressException e) {
            return false;
        }
    }

    public static Optional<Cidr> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The subnet of the given prefix length at position {@code index} inside this block. */
    public Cidr subnet(int prefixLength, long index) {
        if (prefixLength < prefixLength() || prefixLength > 32) {
            throw new IllegalArgumentException("/" + prefixLength + " is not inside " + this);
        }
        long count = 1L << (prefixLength - prefixLength());
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    this + " has " + count + " /" + prefixLength + " blocks, not " + (index + 1));
        }
        BigInteger start = block.getValue().add(BigInteger.valueOf(index).shiftLeft(32 - prefixLength));
        return new Cidr(new IPv4Address(start.intValue(), prefixLength));
    }

    public int prefixLength() {
        return block.getNetworkPrefixLength();
    }

    /** Number of addresses in the block. */
    public long size() {
        return 1L << (32 - prefixLength());
    }

    /** AWS reserves five addresses in every subnet (network, router, DNS, future, broadcast). */
    public long usableIps() {
        return Math.max(0, size() - 5);
    }

    public boolean contains(Cidr other) {
        return block.contains(other.block);
    }

    public boolean overlaps(Cidr other) {
        return block.contains(other.block) || other.block.contains(block);
    }

    public boolean isPrivate() {
        return RFC1918.stream().anyMatch(r -> r.contains(this));
    }

    /** The smallest prefix length whose subnets hold at least {@code usable} addresses after AWS's five. */
    public static int prefixFor(long usable) {
        for (int prefix = 28; prefix >= 0; prefix--) {
            if ((1L << (32 - prefix)) - 5 >= usable) {
                return prefix;
            }
        }
        return 0;
    }

    @Override
    public int compareTo(Cidr o) {
        int c = block.getValue().compareTo(o.block.getValue());
        return c != 0 ? c : Integer.compare(prefixLength(), o.prefixLength());
    }

    @Override
    public String toString() {
        return block.toCanonicalString();
    }
}
