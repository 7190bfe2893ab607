package dev.stackwright.report;

import dev.stackwright.cfn.Template;
import dev.stackwright.model.Network;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import dev.stackwright.model.app.Alarm;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Compute;
import dev.stackwright.model.app.Container;
import dev.stackwright.model.app.Database;
import dev.stackwright.model.app.FrontDoor;
import dev.stackwright.model.app.InstanceType;
import dev.stackwright.model.app.Scaling;
import dev.stackwright.render.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The app stack in the text plan: what runs where, who may connect to it, how it scales and what is watched. */
public final class AppPlanText {
    private AppPlanText() {}

    public static String render(Application app, Network n, Template template) {
        StringBuilder out = new StringBuilder();
        app.registryImage()
                .ifPresent(r -> out.append(app.registryStackName())
                        .append("  (one for every environment of ")
                        .append(app.project())
                        .append(")\n  Repository   ECR ")
                        .append(r.repository())
                        .append(
                                ": immutable tags, scanned on push, encrypted; untagged images expire after 14 days, tagged ")
                        .append("ones stay; kept when the stack is deleted\n\n"));
        out.append(app.stackName())
                .append("-app  (imports the exports of ")
                .append(app.networkStackName())
                .append(app.registryImage().isPresent() ? " and " + app.registryStackName() : "")
                .append(")\n\n");
        Facts facts = new Facts();
        compute(app, n, facts);
        frontDoor(app, n, facts);
        app.database().ifPresent(db -> database(db, n, facts));
        variables(app, facts);
        facts.add("Logs", "CloudWatch Logs, kept " + app.logRetentionDays() + " days");
        out.append(facts.render());

        out.append("\nWho may connect (security groups, port-specific)\n");
        TextTable chain = TextTable.withHeader("TO", "FROM", "PROTO", "PORT", "WHY");
        for (SecurityGroup g : n.securityGroups()) {
            if (g.role() == SecurityGroup.Role.NAT || g.role() == SecurityGroup.Role.ENDPOINT || g.isVpcDefault()) {
                continue;
            }
            String name = g.name();
            if (g.ingress().isEmpty()) {
                chain.row(name, "nobody", "-", "-", "takes no inbound connections");
            }
            for (SecurityGroupRule r : g.ingress()) {
                chain.row(
                        name, r.peer().describe(), r.protocol().id(), r.ports().toString(), r.description());
                name = "";
            }
        }
        out.append(chain.render("  "));

        out.append("\nAlarms  to the SNS topic ")
                .append(app.stackName())
                .append("-alarms")
                .append(", encrypted with the KMS key alias/")
                .append(app.stackName())
                .append("-alarms, published to over TLS only")
                .append(app.alarmEmail()
                        .map(e -> "; mailed to " + e)
                        .orElse("; no alarms.email: subscribe to it yourself"))
                .append('\n');
        TextTable alarms = TextTable.withHeader("ALARM", "WHEN");
        for (Alarm a : app.alarms()) {
            alarms.row(a.name(), a.description());
        }
        out.append(alarms.render("  "));

        Map<String, Integer> byType = new TreeMap<>();
        template.resources().values().forEach(r -> byType.merge(r.path("Type").asText(), 1, Integer::sum));
        out.append("\nResources   ").append(template.resourceCount()).append(" in the app stack\n");
        TextTable counts = TextTable.withColumns(2).rightAlign(1);
        byType.forEach((type, count) -> counts.row(type, String.valueOf(count)));
        out.append(counts.render("              "));

        if (!app.notes().isEmpty()) {
            out.append("\nNotes\n");
            app.notes().forEach(note -> out.append("  - ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static void compute(Application app, Network n, Facts facts) {
        Container c = app.container();
        String appSubnets = subnets(n, Tier.APP);
        String image = app.registryImage()
                .map(r -> "ECR repository " + r.repository() + " (stack " + app.registryStackName() + "), "
                        + (r.byDigest()
                                ? "digest " + r.reference()
                                : "tag from parameter ImageTag (default " + r.reference() + ")"))
                .orElseGet(() -> c.image().orElseThrow());
        switch (app.compute()) {
            case Compute.EcsOnEc2 ec2 -> {
                String size = InstanceType.find(ec2.instanceType())
                        .map(t -> " (" + t.vcpus() + " vCPU, " + t.memoryMib() + " MiB, " + t.tasksPerHost() + " task"
                                + (t.tasksPerHost() == 1 ? "" : "s") + " each)")
                        .orElse("");
                facts.add(
                        "Compute",
                        "ECS on EC2: " + ec2.instanceType() + size + " hosts in " + appSubnets
                                + ", no public IPs, IMDSv2; Auto Scaling group of 1 to " + ec2.maxInstances()
                                + " hosts with an ECS capacity provider (managed scaling); one more host when the cluster's CPU stays above "
                                + ec2.clusterCpuScaleOutPercent() + "% for 5 minutes");
                tasks(c, image, ec2.desiredCount(), ec2.scaling(), facts);
            }
            case Compute.Fargate f -> {
                facts.add("Compute", "ECS on Fargate in " + appSubnets + ", no public IPs");
                tasks(c, image, f.desiredCount(), f.scaling(), facts);
            }
            case Compute.Lambda l -> {
                facts.add(
                        "Compute",
                        "Lambda (container image) in " + appSubnets + ", " + c.memoryMib() + " MiB, timeout "
                                + c.timeoutSeconds() + " s; AWS runs as many copies as requests need");
                facts.add("Image", image);
            }
        }
    }

    private static void tasks(Container c, String image, int desired, Scaling s, Facts facts) {
        facts.add(
                "Tasks",
                c.cpu() + " CPU units, " + c.memoryMib() + " MiB, port " + c.port() + ", " + desired
                        + " desired; image " + image);
        facts.add(
                "Scaling",
                "target tracking on CPU " + s.cpuTargetPercent() + "%, " + s.min() + " to " + s.max()
                        + " tasks, cooldowns " + s.scaleOutCooldownSeconds() + " s out, " + s.scaleInCooldownSeconds()
                        + " s in");
        facts.add(
                "Deploys",
                "rolling with no downtime: 100% stay healthy, up to 200% run; the circuit breaker rolls back a "
                        + "deploy whose tasks fail");
    }

    private static void frontDoor(Application app, Network n, Facts facts) {
        FrontDoor door = app.frontDoor();
        switch (door) {
            case FrontDoor.Alb alb -> {
                facts.add(
                        "Front door",
                        "internet-facing Application Load Balancer in " + subnets(n, Tier.PUBLIC) + " (" + door.reason()
                                + ")");
                facts.add(
                        "URL",
                        alb.https()
                                .map(h -> "https://" + h.domain() + " (point it at the load balancer's DNS name)")
                                .orElse("http://<load balancer DNS name> (the ServiceUrl output)"));
                facts.add(
                        "Listeners",
                        alb.https().isPresent()
                                ? "HTTP 80 redirects to HTTPS 443 (TLS 1.3 and 1.2), which forwards to the app"
                                : "HTTP 80 forwards to the app; add frontDoor.domain and certificateArn for HTTPS");
                if (!(app.compute() instanceof Compute.Lambda)) {
                    facts.add(
                            "Health",
                            "GET " + app.container().healthCheckPath() + " every 15 s, 200-399 is healthy; "
                                    + app.container().healthCheckGraceSeconds() + " s grace for new tasks");
                }
                facts.add(
                        "Access logs",
                        alb.accessLogs()
                                ? "to an S3 bucket the stack creates, kept " + app.logRetentionDays() + " days"
                                : "off");
            }
            case FrontDoor.ApiGateway api -> {
                boolean lambda = app.compute() instanceof Compute.Lambda;
                facts.add(
                        "Front door",
                        "API Gateway HTTP API, "
                                + (lambda
                                        ? "invoking the function directly"
                                        : "through a VPC Link in " + subnets(n, Tier.APP)
                                                + " to the tasks, found by Cloud Map")
                                + " (" + door.reason() + ")");
                facts.add(
                        "URL",
                        api.https()
                                .map(h -> "https://" + h.domain() + " (point it at the API's regional domain name)")
                                .orElse("https://<api id>.execute-api." + n.region()
                                        + ".amazonaws.com (the ServiceUrl output)"));
                facts.add("Throttling", api.rateLimit() + " requests/s steady, bursts of " + api.burstLimit());
                facts.add(
                        "Auth",
                        api.auth()
                                .map(a -> "JWT from " + a.issuer() + " for " + String.join(", ", a.audience())
                                        + app.publicHealthCheckPath()
                                                .map(p -> "; GET " + p + " open")
                                                .orElse(""))
                                .orElse("none: the API is public"));
            }
        }
    }

    private static void database(Database db, Network n, Facts facts) {
        facts.add(
                "Database",
                db.engine().title() + db.engineVersion().map(v -> " " + v).orElse("") + " on " + db.instanceClass()
                        + ", " + db.storageGb() + " GB gp3, encrypted, " + (db.multiAz() ? "Multi-AZ" : "single zone")
                        + ", in "
                        + subnets(n, Tier.DATA));
        facts.add(
                "",
                "reached at " + db.hostName() + ":" + db.port() + " (private hosted zone " + db.hostedZone()
                        + "); database " + db.databaseName() + ", user " + db.username()
                        + ", password generated and kept by RDS in Secrets Manager");
        facts.add(
                "",
                "backups " + db.backupRetentionDays() + " days; deletion protection "
                        + (db.deletionProtection() ? "on" : "off") + "; a final snapshot on delete or replacement");
    }

    private static void variables(Application app, Facts facts) {
        List<String> plain = new ArrayList<>(app.container().environment().keySet());
        List<String> secret = new ArrayList<>();
        app.container().secrets().forEach(s -> secret.add(s.variable()));
        boolean lambda = app.compute() instanceof Compute.Lambda;
        if (app.database().isPresent()) {
            plain.addAll(List.of("DB_HOST", "DB_NAME", "DB_PORT"));
            if (lambda) {
                plain.add("DB_SECRET_ARN");
            } else {
                secret.addAll(List.of("DB_PASSWORD", "DB_USERNAME"));
            }
        }
        if (lambda) {
            // Lambda gets the ARNs and reads the values itself.
            secret.replaceAll(v -> v + "_ARN");
            plain.addAll(secret);
            secret.clear();
        }
        plain.sort(null);
        secret.sort(null);
        facts.add("Environment", plain.isEmpty() ? "none" : String.join(", ", plain));
        if (!secret.isEmpty()) {
            facts.add(
                    "Secrets", String.join(", ", secret) + " (filled from Secrets Manager / Parameter Store at start)");
        }
    }

    private static String subnets(Network n, Tier tier) {
        return String.join(", ", n.subnets(tier).stream().map(Subnet::name).toList());
    }

    /** Label: value lines, labels padded to one width. */
    private static final class Facts {
        private final TextTable lines = TextTable.withColumns(2);

        void add(String label, String value) {
            lines.row(label, value);
        }

        String render() {
            return lines.render("  ");
        }
    }
}
