package dev.stackwright.model;

/**
 * An availability zone by position in the region's zone list ({@code Fn::GetAZs}), so templates stay portable
 * across accounts whose zone names map to different physical zones.
 */
public record Az(int index) implements Comparable<Az> {
    public Az {
        if (index < 0 || index > 25) {
            throw new IllegalArgumentException("AZ index out of range: " + index);
        }
    }

    /** {@code a}, {@code b}, {@code c}: the suffix used in names and logical IDs. */
    public String letter() {
        return String.valueOf((char) ('a' + index));
    }

    /** The zone name this position usually has in a region, e.g. {@code us-east-1a}. */
    public String nameIn(String region) {
        return region + letter();
    }

    @Override
    public int compareTo(Az o) {
        return Integer.compare(index, o.index);
    }
}
