package dev.stackwright.cost;

import dev.stackwright.model.app.Pipeline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices the project's pipeline from {@code pipeline.buildsPerMonth}, {@code buildMinutes} and {@code releaseMinutes}:
 * CodePipeline V2 by action execution minute (what the template makes; V1's flat fee per active pipeline is not
 * what we generate), CodeBuild by build minute of each project's compute size, the artifacts' storage and the
 * notification topic's key. Pure, like the other pricers. Each run is counted as reaching every environment, the most
 * a month can cost.
 */
final class PipelinePricer {
    /** A source action fetches and zips the repository: about a minute, and CodePipeline rounds up to whole minutes. */
    static final int SOURCE_ACTION_MINUTES = 1;
    /** Artifacts of one run: the source zip and the build's small files; kept until the lifecycle rule expires them. */
    static final BigDecimal ARTIFACT_GB_PER_RUN = new BigDecimal("0.05");

    private PipelinePricer() {}

    static NetworkPricer.Priced price(Pipeline p, PriceBook book) {
        Lines lines = new Lines(book);
        List<String> assumptions = new ArrayList<>();
        BigDecimal runs = BigDecimal.valueOf(p.buildsPerMonth());
        int releases = p.releases().size();
        String group = "pipeline";
        String resource = p.stackName();

        BigDecimal buildMinutes = runs.multiply(BigDecimal.valueOf(p.buildMinutes()));
        BigDecimal releaseMinutes = runs.multiply(BigDecimal.valueOf((long) releases * p.releaseMinutes()));
        // Approvals are not charged; the source, the build and each release are, for as long as they run.
        BigDecimal actionMinutes = runs.multiply(
                BigDecimal.valueOf(SOURCE_ACTION_MINUTES + p.buildMinutes() + (long) releases * p.releaseMinutes()));
        lines.add(
                group,
                resource,
                "CodePipeline V2 action minutes",
                actionMinutes,
                "codepipeline.v2.action-minute",
                p.buildsPerMonth() + " runs x (" + SOURCE_ACTION_MINUTES + " source + " + p.buildMinutes() + " build + "
                        + releases + " x " + p.releaseMinutes() + " release) min");
        lines.add(
                group,
                resource,
                "CodeBuild build " + p.buildCompute().priceName(),
                buildMinutes,
                "codebuild." + p.buildCompute().priceName() + ".build-minute",
                p.buildsPerMonth() + " builds x " + p.buildMinutes() + " min");
        lines.add(
                group,
                resource,
                "CodeBuild releases general1.small",
                releaseMinutes,
                "codebuild." + Pipeline.BuildCompute.SMALL.priceName() + ".build-minute",
                p.buildsPerMonth() + " runs x " + releases + " x " + p.releaseMinutes() + " min");
        lines.add(
                group,
                resource,
                "artifact bucket S3 Standard",
                runs.multiply(ARTIFACT_GB_PER_RUN),
                "s3.standard.gb-month",
                p.buildsPerMonth() + " runs x " + ARTIFACT_GB_PER_RUN.toPlainString() + " GB");
        lines.add(group, resource, "KMS key of the notification topic", BigDecimal.ONE, "kms.key-month", "1 key");
        assumptions.add("Pipeline: " + p.buildsPerMonth() + " runs a month, each reaching all " + releases
                + (releases == 1 ? " environment" : " environments") + " (pipeline.buildsPerMonth), builds of "
                + p.buildMinutes() + " min, releases of " + p.releaseMinutes() + " min; "
                + ARTIFACT_GB_PER_RUN.toPlainString() + " GB of artifacts a run, kept up to a month");
        return new NetworkPricer.Priced(lines.all(), assumptions, List.of());
    }
}
