package dev.stackwright.spec;

import java.util.List;

/**
 * The AWS commercial regions a spec may name. GovCloud and China are separate partitions with their own accounts and
 * are not offered. The Region code column of the AWS Global Infrastructure page "AWS Regions", as of late 2025 (the
 * newest then: ap-southeast-7 Thailand, mx-central-1 Mexico, ap-east-2 Taipei, ap-southeast-6 New Zealand); recheck it
 * against the page and add a code here when AWS opens a region.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
public final class Regions {
    /** Region codes, sorted. */
    public static final List<String> COMMERCIAL = List.of(
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2");

    private Regions() {}

    /** Whether Stackwright can deploy to the region. */
    public static boolean isKnown(String code) {
        return COMMERCIAL.contains(code);
    }
}
