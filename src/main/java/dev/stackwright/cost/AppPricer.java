package dev.stackwright.cost;

import dev.stackwright.model.Network;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Compute;
import dev.stackwright.model.app.Database;
import dev.stackwright.model.app.FrontDoor;
import dev.stackwright.model.app.InstanceType;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices the application stack on a traffic profile: compute, front door, database, alarms. Pure, like
 * {@link NetworkPricer}; every figure comes from the price book or the traffic, and what has no figure is said.
 */
final class AppPricer {
    /** EBS root volume of an ECS-optimized host, as the app template sets it. */
    static final BigDecimal HOST_VOLUME_GB = BigDecimal.valueOf(30);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MIB_PER_GB = BigDecimal.valueOf(1024);
    /** Backup storage above the free allowance, per GB-month. */
    static final String BACKUP_STORAGE = "rds.backup-storage.gb-month";

    private final PriceBook book;
    private final Lines lines;
    private final List<String> assumptions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private AppPricer(PriceBook book) {
        this.book = book;
        this.lines = new Lines(book);
    }

    static NetworkPricer.Priced price(Application app, Network network, TrafficSpec traffic, PriceBook book) {
        AppPricer p = new AppPricer(book);
        p.compute(app, traffic);
        p.frontDoor(app, network, traffic);
        app.database().ifPresent(db -> p.database(db, network.azs().size(), traffic));
        p.logs(app, traffic);
        p.alarms(app);
        return new NetworkPricer.Priced(p.lines.all(), p.assumptions, p.notes);
    }

    private String hours() {
        return Fmt.qty(book.hoursPerMonth()) + " h";
    }

    private void compute(Application app, TrafficSpec traffic) {
        BigDecimal hours = book.hoursPerMonth();
        switch (app.compute()) {
            case Compute.EcsOnEc2 ec2 -> {
                int perHost = InstanceType.find(ec2.instanceType())
                        .map(InstanceType::tasksPerHost)
                        .orElse(1);
                int hosts = ComputeChoice.hostsFor(
                        ec2.desiredCount(),
                        app.container().cpu(),
                        app.container().memoryMib(),
                        ec2.instanceType(),
                        book);
                BigDecimal n = BigDecimal.valueOf(hosts);
                String counted = hosts + (hosts == 1 ? " host" : " hosts") + " x " + hours();
                lines.add(
                        "app",
                        "ecs-hosts",
                        "ECS host " + ec2.instanceType(),
                        n.multiply(hours),
                        "ec2." + ec2.instanceType() + ".hour",
                        counted);
                lines.add(
                        "app",
                        "ecs-hosts",
                        "root volumes gp3",
                        n.multiply(HOST_VOLUME_GB),
                        "ebs.gp3.gb-month",
                        hosts + " x " + Fmt.qty(HOST_VOLUME_GB) + " GB");
                assumptions.add("ECS hosts: " + hosts + " running, for " + ec2.desiredCount() + " desired task"
                        + (ec2.desiredCount() == 1 ? "" : "s") + ", at most " + perHost
                        + " per host by its network interfaces, and as many "
                        + "as its vCPU and memory hold (scaling adds more under load)");
            }
            case Compute.Fargate f -> {
                BigDecimal vcpu = BigDecimal.valueOf(app.container().cpu()).divide(MIB_PER_GB, 4, RoundingMode.HALF_UP);
                BigDecimal gb =
                        BigDecimal.valueOf(app.container().memoryMib()).divide(MIB_PER_GB, 4, RoundingMode.HALF_UP);
                BigDecimal tasks = BigDecimal.valueOf(f.desiredCount());
                String counted = f.desiredCount() + (f.desiredCount() == 1 ? " task" : " tasks");
                lines.add(
                        "app",
                        "tasks",
                        "Fargate vCPU",
                        tasks.multiply(vcpu).multiply(hours),
                        "fargate.x86.vcpu-hour",
                        counted + " x " + Fmt.qty(vcpu) + " vCPU x " + hours());
                lines.add(
                        "app",
                        "tasks",
                        "Fargate memory",
                        tasks.multiply(gb).multiply(hours),
                        "fargate.x86.gb-hour",
                        counted + " x " + Fmt.qty(gb) + " GB x " + hours());
                assumptions.add("Fargate: " + f.desiredCount() + " task" + (f.desiredCount() == 1 ? "" : "s")
                        + " running all month (scaling adds more under load)");
            }
            case Compute.Lambda l -> {
                BigDecimal requests = traffic.requestsPerMonth();
                lines.add(
                        "app",
                        "function",
                        "requests",
                        requests.divide(MILLION, 6, RoundingMode.HALF_UP),
                        "lambda.million-requests",
                        Fmt.qty(requests) + " requests");
                BigDecimal gb =
                        BigDecimal.valueOf(app.container().memoryMib()).divide(MIB_PER_GB, 6, RoundingMode.HALF_UP);
                // Lambda bills run time per millisecond: https://aws.amazon.com/lambda/pricing/
                BigDecimal seconds = traffic.avgDurationMs().movePointLeft(3);
                BigDecimal gbSeconds = requests.multiply(seconds).multiply(gb, MathContext.DECIMAL64);
                lines.add(
                        "app",
                        "function",
                        "compute",
                        gbSeconds,
                        "lambda.x86.gb-second",
                        Fmt.qty(requests) + " requests x " + Fmt.qty(seconds) + " s x " + Fmt.qty(gb) + " GB");
                if (traffic.isAssumed("avgDurationMs")) {
                    assumptions.add(
                            "Lambda: " + Fmt.qty(traffic.avgDurationMs()) + " ms a request; set traffic.avgDurationMs");
                }
            }
        }
    }

    private void frontDoor(Application app, Network network, TrafficSpec traffic) {
        BigDecimal hours = book.hoursPerMonth();
        switch (app.frontDoor()) {
            case FrontDoor.Alb alb -> {
                lines.add("public", "load-balancer", "Application Load Balancer", hours, "alb.hour", hours());
                BigDecimal seconds = hours.multiply(BigDecimal.valueOf(3600));
                BigDecimal rps = traffic.requestsPerMonth().divide(seconds, 12, RoundingMode.HALF_UP);
                try {
                    // The same use the front-door comparison prices (FrontDoorAuto.profile), at the month's rate.
                    AlbCost.Usage usage = FrontDoorAuto.profile(
                                    traffic, network.azs().size(), book)
                            .albUsage(rps, book);
                    AlbCost.Lcus lcus = AlbCost.lcus(usage, book);
                    lines.add(
                            "public",
                            "load-balancer",
                            "capacity units (" + lcus.dominant() + " set the bill)",
                            lcus.billed().multiply(hours).setScale(6, RoundingMode.HALF_UP),
                            "alb.lcu-hour",
                            Fmt.qty(lcus.billed()) + " LCU x " + hours());
                } catch (dev.stackwright.diag.InputException e) {
                    // Without the LCU entry (and its dimensions) the count is unknown: an unpriced line says what to
                    // add.
                    lines.add("public", "load-balancer", "capacity units", hours, "alb.lcu-hour", "LCUs x " + hours());
                }
                int zones = network.azs().size();
                lines.add(
                        "public",
                        "load-balancer",
                        "public IPv4 (one per zone)",
                        hours.multiply(BigDecimal.valueOf(zones)),
                        "public-ipv4.hour",
                        zones + " addresses x " + hours());
            }
            case FrontDoor.ApiGateway api ->
                lines.add(
                        "public",
                        "api",
                        "HTTP API requests",
                        traffic.requestsPerMonth().divide(MILLION, 6, RoundingMode.HALF_UP),
                        "apigw.http.million-requests",
                        Fmt.qty(traffic.requestsPerMonth()) + " requests");
        }
        if (app.usesServiceDiscovery()) {
            lines.add(
                    "app",
                    "discovery",
                    "Cloud Map namespace " + app.stackName() + ".local (a private hosted zone)",
                    BigDecimal.ONE,
                    "route53.hosted-zone.month",
                    "1 zone");
        }
    }

    private void database(Database db, int zones, TrafficSpec traffic) {
        String az = db.multiAz() ? "multi-az" : "single-az";
        BigDecimal hours = book.hoursPerMonth();
        lines.add(
                "data",
                "database",
                db.engine().title() + " " + db.instanceClass() + (db.multiAz() ? " Multi-AZ" : ""),
                hours,
                "rds." + db.engine().id() + "." + db.instanceClass() + "." + az + ".hour",
                hours());
        lines.add(
                "data",
                "database",
                "storage gp3",
                BigDecimal.valueOf(db.storageGb()),
                "rds.gp3." + az + ".gb-month",
                db.storageGb() + " GB");
        backups(db, traffic);
        lines.add(
                "data",
                "database",
                "master password secret",
                BigDecimal.ONE,
                "secrets-manager.secret-month",
                "1 secret");
        acrossZones(zones, traffic);
        lines.add(
                "data",
                "private-zone",
                "hosted zone " + db.hostedZone(),
                BigDecimal.ONE,
                "route53.hosted-zone.month",
                "1 zone");
    }

    /**
     * Automated backups: RDS keeps backup storage free up to the database's provisioned storage ("Amazon RDS provides
     * backup storage up to 100% of your provisioned database storage at no additional charge", RDS FAQ, Billing) and
     * charges what is above it. The line shows that excess; when there is none, an included line.
     */
    private void backups(Database db, TrafficSpec traffic) {
        BigDecimal storage = BigDecimal.valueOf(db.storageGb());
        BigDecimal stored = backupStoredGb(storage, db.backupRetentionDays(), traffic.databaseChangePercentPerDay());
        BigDecimal billable = stored.subtract(storage).max(BigDecimal.ZERO);
        String counted = db.storageGb() + " GB x (1 + " + db.backupRetentionDays() + " days x "
                + Fmt.qty(traffic.databaseChangePercentPerDay()) + "%) = " + Fmt.qty(stored) + " GB kept, less "
                + db.storageGb()
                + " GB free";
        if (billable.signum() == 0) {
            lines.included(
                    "data",
                    "database",
                    "backup storage (within the free allowance)",
                    billable,
                    BACKUP_STORAGE,
                    counted);
        } else {
            lines.add("data", "database", "backup storage above the free allowance", billable, BACKUP_STORAGE, counted);
        }
        assumptions.add(
                "database backups: a full copy of the " + db.storageGb() + " GB provisioned (the most it can hold) and "
                        + Fmt.qty(traffic.databaseChangePercentPerDay()) + "% of it changed each of the "
                        + db.backupRetentionDays()
                        + " days kept"
                        + (traffic.isAssumed("databaseChangePercentPerDay")
                                ? "; set traffic.databaseChangePercentPerDay"
                                : ""));
    }

    /**
     * What automated backups keep, in GB: the oldest snapshot is a full copy (taken as the whole provisioned storage,
     * the most the database can hold), then each day kept adds what changed that day (the daily incremental snapshots
     * and the transaction logs for point-in-time restore): storage x (1 + days x change%).
     */
    static BigDecimal backupStoredGb(BigDecimal storageGb, int retentionDays, BigDecimal changePercentPerDay) {
        BigDecimal changes =
                BigDecimal.valueOf(retentionDays).multiply(changePercentPerDay).movePointLeft(2);
        return CostJson.exact(storageGb.multiply(BigDecimal.ONE.add(changes)));
    }

    /**
     * App to database traffic between zones. The app's tasks or functions are spread over every zone and the database
     * answers from one (a Multi-AZ standby takes no connections), so (zones - 1) / zones of the bytes cross a zone
     * boundary, charged where they leave and where they arrive. Replication to a Multi-AZ standby is not charged.
     */
    private void acrossZones(int zones, TrafficSpec traffic) {
        BigDecimal gb = traffic.databaseGbPerMonth();
        if (zones < 2 || gb.signum() == 0) {
            return;
        }
        BigDecimal crossing =
                gb.multiply(BigDecimal.valueOf(zones - 1L)).divide(BigDecimal.valueOf(zones), 10, RoundingMode.HALF_UP);
        lines.add(
                "data",
                "database",
                "app <-> database across zones",
                CostJson.exact(crossing.multiply(BigDecimal.TWO)),
                "data-transfer.inter-az.gb",
                Fmt.qty(gb) + " GB x " + (zones - 1) + "/" + zones + " from other zones x 2 directions");
        if (traffic.isAssumed("databaseGbPerMonth")) {
            assumptions.add("app <-> database: " + Fmt.qty(gb)
                    + " GB a month (each response read from the database once); " + "set traffic.databaseGbPerMonth");
        }
    }

    /**
     * The app's log group (task or function output, API Gateway's access log) is standard CloudWatch Logs: ingestion
     * per GB and storage for the retention the stack sets, a month's logs kept for that many days.
     */
    private void logs(Application app, TrafficSpec traffic) {
        BigDecimal gb = traffic.appLogGbPerMonth();
        int days = app.logRetentionDays();
        lines.add(
                "app",
                CostEstimate.APP_LOGS,
                "written to CloudWatch Logs",
                gb,
                "cloudwatch-logs.ingest.gb",
                Fmt.qty(gb) + " GB");
        lines.logStorage("app", CostEstimate.APP_LOGS, gb, days);
        if (traffic.isAssumed("appLogGbPerMonth")) {
            assumptions.add("app logs: " + Fmt.qty(gb) + " GB a month; set traffic.appLogGbPerMonth");
        }
    }

    private void alarms(Application app) {
        // The error-rate alarm reads three metrics; AWS bills each metric an alarm evaluates.
        int metrics =
                app.alarms().stream().mapToInt(a -> a.isErrorRate() ? 3 : 1).sum()
                        + (app.compute() instanceof Compute.EcsOnEc2 ? 1 : 0);
        lines.add(
                "vpc",
                "alarms",
                "CloudWatch alarms",
                BigDecimal.valueOf(metrics),
                "cloudwatch.alarm.standard.month",
                metrics + " alarm metrics");
        int tracking = 2 * app.targetTrackingPolicies();
        if (tracking > 0) {
            lines.add(
                    "vpc",
                    "alarms",
                    "alarms made by target tracking",
                    BigDecimal.valueOf(tracking),
                    "cloudwatch.alarm.standard.month",
                    app.targetTrackingPolicies() + " scaling " + (tracking == 2 ? "policy" : "policies")
                            + " x 2 alarms (scale out, scale in)");
        }
        // The alarm topic is encrypted with a key of the stack's own (CloudWatch cannot use the AWS managed one).
        lines.add("vpc", "alarms", "KMS key of the alarm topic", BigDecimal.ONE, "kms.key-month", "1 key");
    }
}
