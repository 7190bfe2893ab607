package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Location;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tasks must reach what every container start needs: the ECR API and registry (image manifests), S3 (image layers)
 * and CloudWatch Logs, over HTTPS, through NAT or through endpoints. Asked of the reachability engine, so a missing
 * route, a closed security group or a network ACL all count.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
 */
public final class PrivateSubnetWithoutEgress implements LintRule {
    /** Interface endpoint services a container needs to start and log; S3 is asked separately (a gateway endpoint). */
    static final List<String> CONTAINER_SERVICES = List.of("ecr.api", "ecr.dkr", "logs");

    @Override
    public String id() {
        return "SW001";
    }

    @Override
    public String name() {
        return "private-subnet-without-egress";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Tasks can reach ECR, S3 and CloudWatch Logs, through NAT or endpoints.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    @Override
    public List<Finding> check(LintContext context) {
        Reachability reach = context.reach();
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        // Tasks in the same subnet with the same security groups get the same answers: ask once for each such set.
        Set<List<Object>> asked = new HashSet<>();
        // Services reached at the same places are one question: without endpoints all three are the internet.
        Map<List<Location>, List<String>> servicesByDestinations = new LinkedHashMap<>();
        for (String service : CONTAINER_SERVICES) {
            servicesByDestinations
                    .computeIfAbsent(destinations(context, service), k -> new ArrayList<>())
                    .add(service);
        }
        for (Attachment a : context.network().attachments()) {
            if (a.kind() != Attachment.Kind.TASK
                    || reported.contains(a.subnetName())
                    || !asked.add(List.of(a.subnetName(), a.securityGroupNames(), a.publicIp()))) {
                continue;
            }
            Location.Resource task = reach.locate(a).orElse(null);
            if (task == null) {
                continue;
            }
            Set<String> unreached = new HashSet<>();
            servicesByDestinations.forEach((places, services) -> {
                if (places.stream().noneMatch(d -> reach.reaches(task, d, Protocol.TCP, 443))) {
                    unreached.addAll(services);
                }
            });
            List<String> missing = new ArrayList<>(
                    CONTAINER_SERVICES.stream().filter(unreached::contains).toList());
            Location.Outside s3 = new Location.Outside(
                    "s3", IntervalSet.of(Interval.of(reach.space().service("s3").orElseThrow())));
            if (!reach.reaches(task, s3, Protocol.TCP, 443)) {
                missing.add("s3");
            }
            if (!missing.isEmpty()) {
                reported.add(a.subnetName());
                out.add(finding(
                        a.name() + " cannot reach " + String.join(", ", missing) + " on tcp 443, so tasks in "
                                + a.subnetName() + " cannot pull images or send logs",
                        "subnet " + a.subnetName(),
                        "give the app tier a way out (network.nat: instance or gateway), or add "
                                + String.join(
                                        ", ",
                                        missing.stream()
                                                .filter(m -> !m.equals("s3"))
                                                .toList())
                                + " to network.endpoints (image layers come through the s3 gateway endpoint); "
                                + "`stackwright why " + Names.shellWord(a.name())
                                + " internet 443` shows what stops it",
                        "network.nat"));
            }
        }
        return out;
    }

    /** Where a service is reached: its interface endpoint's interfaces (private DNS), else its public endpoint. */
    private static List<Location> destinations(LintContext context, String service) {
        boolean hasInterface = context.network().endpoints().stream()
                .anyMatch(e -> e instanceof Endpoint.Interface i && i.service().equals(service));
        List<Location> out = new ArrayList<>();
        if (hasInterface) {
            for (Attachment a : context.network().attachments()) {
                if (a.kind() == Attachment.Kind.ENDPOINT && a.name().startsWith(service + "-endpoint")) {
                    context.reach().locate(a).ifPresent(out::add);
                }
            }
        }
        if (out.isEmpty()) {
            out.add(new Location.Outside(Names.INTERNET, context.reach().space().internet()));
        }
        return out;
    }
}
