package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app stack's lines, with answers worked by hand from the us-east-1 book (730 hours a month). */
class AppCostTest {
    static final PriceBook BOOK = PriceBookTest.BOOK;

    private static CostEstimate estimate(String yaml) {
        return PlannedCosts.estimate(Stackwright.plan("stackwright.yml", yaml), BOOK);
    }

    private static List<CostLine> lines(CostEstimate e, String resource) {
        return e.lines().stream().filter(l -> l.resource().equals(resource)).toList();
    }

    private static BigDecimal sum(List<CostLine> lines) {
        return lines.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void fargateBehindApiGateway() {
        CostEstimate e = estimate("""
                                  name: shop
                                  service: {compute: fargate, cpu: 256, memory: 512}
                                  frontDoor: api-gateway
                                  traffic: {requestsPerMonth: 2000000}
                                  """);
        // 1 task x 0.25 vCPU x 730 h x $0.04048 = $7.3876; 0.5 GB x 730 h x $0.004445 = $1.622425
        assertThat(sum(lines(e, "tasks"))).isEqualByComparingTo("9.010025");
        assertThat(lines(e, "tasks").get(0).formula()).isEqualTo("1 task x 0.25 vCPU x 730 h x $0.04048");
        // 2 million requests x $1.00 a million
        assertThat(sum(lines(e, "api"))).isEqualByComparingTo("2.00");
        // api-5xx, service CPU and memory: 3 alarm metrics x $0.10; the 2 alarms target tracking makes for the
        // service's CPU policy x $0.10; and the alarm topic's KMS key at $1 a month.
        assertThat(sum(lines(e, "alarms"))).isEqualByComparingTo("1.50");
        assertThat(lines(e, "alarms"))
                .extracting(CostLine::formula)
                .contains("1 scaling policy x 2 alarms (scale out, scale in) x $0.10");
        // Cloud Map's namespace is a private hosted zone: $0.50 a month.
        assertThat(sum(lines(e, "discovery"))).isEqualByComparingTo("0.50");
        assertThat(lines(e, "alarms")).extracting(CostLine::item).contains("KMS key of the alarm topic");
        assertThat(lines(e, "load-balancer")).isEmpty();
    }

    @Test
    void lambdaRunTime_comesFromTraffic_andIsNotAnAssumptionWhenGiven() {
        CostEstimate e = estimate("""
                                  name: shop
                                  environment: staging
                                  service: {compute: lambda, memory: 1024}
                                  frontDoor: api-gateway
                                  traffic: {requestsPerMonth: 3000000, avgDurationMs: 250}
                                  """);
        // 3 million x $0.20 = $0.60; 3,000,000 x 0.25 s x 1 GB = 750,000 GB-s x $0.0000166667 = $12.500025
        assertThat(sum(lines(e, "function"))).isEqualByComparingTo("13.100025");
        assertThat(lines(e, "function"))
                .anySatisfy(
                        l -> assertThat(l.formula()).isEqualTo("3,000,000 requests x 0.25 s x 1 GB x $0.0000166667"));
        assertThat(e.assumptions()).noneMatch(a -> a.startsWith("Lambda:"));
    }

    @Test
    void containers_doNotShowTheRunTimeFigure() {
        CostEstimate e = estimate("name: shop\nenvironment: dev\nservice: {compute: fargate}\nfrontDoor: alb\n");
        assertThat(e.trafficKeys()).doesNotContain("avgDurationMs").contains("requestsPerMonth");
        assertThat(CostText.render(e)).doesNotContain("avgDurationMs");
    }

    @Test
    void appLogs_areIngestedAndKeptForTheServicesRetention() {
        CostEstimate e = estimate("""
                                  name: shop
                                  environment: prod
                                  service: {compute: fargate, logRetentionDays: 90}
                                  frontDoor: alb
                                  traffic: {appLogGbPerMonth: 40}
                                  """);
        // 40 GB x $0.50 = $20.00 ingested; kept 90 days: 40 x 90 / (730/24) = 118.3562 GB-month x $0.03 = $3.550685
        assertThat(lines(e, "app-logs"))
                .extracting(CostLine::item)
                .containsExactly("written to CloudWatch Logs", "stored 90 days");
        assertThat(lines(e, "app-logs").get(0).amount()).isEqualByComparingTo("20.00");
        assertThat(lines(e, "app-logs").get(1).quantity())
                .isCloseTo(new BigDecimal("118.3562"), org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
        assertThat(lines(e, "app-logs").get(1).amount())
                .isCloseTo(new BigDecimal("3.550685"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
        assertThat(e.trafficKeys()).contains("appLogGbPerMonth");
        assertThat(e.assumptions()).noneMatch(a -> a.startsWith("app logs:"));
        // The first 5 GB of standard ingestion are free every month: offered as its own line, not subtracted.
        assertThat(e.freeTiers()).anySatisfy(f -> assertThat(f.key()).isEqualTo("cloudwatch-logs.ingest"));
    }

    @Test
    void appLogs_whenNotGiven_areAnAssumption_andTheNetworkAloneHasNone() {
        CostEstimate app =
                estimate("name: shop\nenvironment: dev\nservice: {compute: lambda}\nfrontDoor: api-gateway\n");
        // dev keeps logs 7 days: 1 GB x $0.50, and 1 x 7 / 30.4167 = 0.2301 GB-month x $0.03
        assertThat(lines(app, "app-logs").get(0).amount()).isEqualByComparingTo("0.50");
        assertThat(lines(app, "app-logs").get(1).item()).isEqualTo("stored 7 days");
        assertThat(app.assumptions()).contains("app logs: 1 GB a month; set traffic.appLogGbPerMonth");
        CostEstimate network = PlannedCosts.networkEstimate(Stackwright.plan("stackwright.yml", "name: shop\n"), BOOK);
        assertThat(lines(network, "app-logs")).isEmpty();
        assertThat(network.trafficKeys()).doesNotContain("appLogGbPerMonth");
        assertThat(CostText.render(network)).doesNotContain("appLogGbPerMonth");
    }

    @Test
    void theDefaultDatabaseClass_isPriced_forBothEngines() {
        // The spec's default class, db.t3.micro, single zone outside prod: $0.018 an hour for PostgreSQL, $0.017 for
        // MySQL.
        CostEstimate postgres = estimate("name: shop\nenvironment: staging\ndatabase: {engine: postgres}\n");
        assertThat(lines(postgres, "database").get(0).item()).isEqualTo("PostgreSQL db.t3.micro");
        assertThat(lines(postgres, "database").get(0).amount()).isEqualByComparingTo("13.14");
        CostEstimate mysql = estimate("name: shop\nenvironment: staging\ndatabase: {engine: mysql}\n");
        assertThat(lines(mysql, "database").get(0).amount()).isEqualByComparingTo("12.41");
        assertThat(postgres.unpriced()).isEmpty();
        assertThat(mysql.unpriced()).isEmpty();
    }

    @Test
    void aNegativeRunTime_isALocatedError() {
        assertThatThrownBy(() -> estimate("name: shop\nservice: {compute: lambda}\ntraffic:\n  avgDurationMs: -5\n"))
                .hasMessageContaining("traffic.avgDurationMs")
                .hasMessageContaining("must not be negative");
    }

    @Test
    void lambdaBehindAnAlb_withADatabase() {
        CostEstimate e = estimate("""
                                  name: shop
                                  environment: staging
                                  service: {compute: lambda, memory: 512}
                                  frontDoor: alb
                                  database: {engine: postgres, instanceClass: db.t4g.micro}
                                  """);
        // 1 million requests x $0.20; 1,000,000 x 0.1 s x 0.5 GB = 50,000 GB-s x $0.0000166667 = $0.833335
        assertThat(sum(lines(e, "function"))).isEqualByComparingTo("1.033335");
        assertThat(e.assumptions())
                .anySatisfy(a -> assertThat(a).isEqualTo("Lambda: 100 ms a request; set traffic.avgDurationMs"));
        assertThat(e.trafficKeys()).contains("avgDurationMs");
        // ALB: 730 h x $0.0225 = $16.425, and its two zones' addresses: 2 x 730 x $0.005 = $7.30
        assertThat(lines(e, "load-balancer"))
                .anySatisfy(l -> {
                    assertThat(l.item()).isEqualTo("Application Load Balancer");
                    assertThat(l.amount()).isEqualByComparingTo("16.425");
                })
                .anySatisfy(l -> {
                    assertThat(l.item()).startsWith("public IPv4");
                    assertThat(l.amount()).isEqualByComparingTo("7.30");
                });
        // Staging has no standby: 730 h x $0.016 + 20 GB x $0.115 + the secret $0.40; backups kept 7 days at 2% a day:
        // 20 x 7 x 0.02 = 2.8 GB above the free 20 GB x $0.095 = $0.266; the 20 GB served, half of it from the other
        // zone, both ways: 20 x 1/2 x 2 = 20 GB x $0.01 = $0.20.
        assertThat(sum(lines(e, "database")))
                .isEqualByComparingTo(new BigDecimal("11.68")
                        .add(new BigDecimal("2.30"))
                        .add(new BigDecimal("0.40"))
                        .add(new BigDecimal("0.266"))
                        .add(new BigDecimal("0.20")));
        assertThat(sum(lines(e, "private-zone"))).isEqualByComparingTo("0.50");
    }

    @Test
    void albCapacityUnits_takeTheLargestDimension() {
        // 100M requests of 2 KB (assumed) answered with 20 KB: 2,200 GB / 730 h = 3.0137 GB an hour, more than the
        // other dimensions; 3.0137 LCU x 730 h = 2,200 LCU-hours x $0.008 = $17.60.
        CostEstimate e = estimate(
                "name: shop\nservice: {compute: fargate}\nfrontDoor: alb\ntraffic: {requestsPerMonth: 100000000}\n");
        CostLine lcu = lcuLine(e);
        assertThat(lcu.item()).contains("processed bytes");
        assertThat(lcu.quantity()).isEqualByComparingTo("2200");
        assertThat(lcu.amount()).isEqualByComparingTo("17.60");
        assertThat(e.trafficKeys()).contains("avgRequestKb");
    }

    /**
     * AWS counts both ways: "Processed bytes: the number of bytes processed by the load balancer in GBs for HTTP(S)
     * requests and responses" (https://aws.amazon.com/elasticloadbalancing/pricing/, as quoted on
     * https://serverfault.com/questions/977293/aws-application-load-balancer-processed-bytes-metric).
     */
    @Test
    void albProcessedBytes_countTheRequestsAsWellAsTheResponses() {
        // 10M requests x (8 KB in + 12 KB out) = 200 GB; 200 / 730 = 0.27397 GB an hour, above new connections
        // (1/s / 25 = 0.04) and active connections (20 / 3,000 = 0.0067): 0.27397 LCU x 730 h = 200 LCU-hours x $0.008
        // = $1.60.
        CostEstimate e = estimate("""
                name: shop
                service: {compute: fargate}
                frontDoor: alb
                traffic: {requestsPerMonth: 10000000, avgRequestKb: 8, avgResponseKb: 12}
                """);
        assertThat(lcuLine(e).quantity()).isEqualByComparingTo("200");
        assertThat(lcuLine(e).amount()).isEqualByComparingTo("1.60");
        // Responses alone would be 120 GB: the request bytes are what moved it.
        CostEstimate responsesOnly = estimate("""
                name: shop
                service: {compute: fargate}
                frontDoor: alb
                traffic: {requestsPerMonth: 10000000, avgRequestKb: 0, avgResponseKb: 12}
                """);
        assertThat(lcuLine(responsesOnly).quantity()).isEqualByComparingTo("120");
        // Requests arrive from the internet, which AWS does not charge: egress stays requests x response size.
        assertThat(e.traffic().egressGbPerMonth()).isEqualByComparingTo("120");
    }

    private static CostLine lcuLine(CostEstimate e) {
        return lines(e, "load-balancer").stream()
                .filter(l -> l.priceKey().equals("alb.lcu-hour"))
                .findFirst()
                .orElseThrow();
    }

    private static List<CostLine> item(CostEstimate e, String prefix) {
        return lines(e, "database").stream()
                .filter(l -> l.item().startsWith(prefix))
                .toList();
    }

    /**
     * RDS keeps backup storage free up to the provisioned storage: "Amazon RDS provides backup storage up to 100% of
     * your provisioned database storage at no additional charge" (RDS FAQ, Billing,
     * http://docs.amazonwebservices.com/AmazonRDS/latest/UserGuide/RDSFAQ.Billing.html); above it, us-east-1 charges
     * "$0.095 per additional GB-month of backup storage exceeding free allocation" (AWS's Price List description).
     */
    @Test
    void backupStorage_aboveTheFreeAllowance_isCharged() {
        // prod keeps 14 days; 20 GB x (1 + 14 x 2%) = 25.6 GB kept, 5.6 GB above the free 20 GB x $0.095 = $0.532
        CostEstimate prod = estimate("""
                name: shop
                environment: prod
                service: {compute: fargate}
                frontDoor: alb
                database: {engine: postgres, instanceClass: db.t4g.small}
                """);
        CostLine backup = item(prod, "backup storage").getFirst();
        assertThat(backup.item()).isEqualTo("backup storage above the free allowance");
        assertThat(backup.quantity()).isEqualByComparingTo("5.6");
        assertThat(backup.amount()).isEqualByComparingTo("0.532");
        assertThat(backup.formula()).isEqualTo("20 GB x (1 + 14 days x 2%) = 25.6 GB kept, less 20 GB free x $0.095");
        assertThat(prod.assumptions())
                .anySatisfy(a -> assertThat(a)
                        .startsWith("database backups: a full copy of the 20 GB")
                        .endsWith("set traffic.databaseChangePercentPerDay"));
        // 100 GB kept 7 days at 5% a day: 100 x (1 + 7 x 5%) = 135 GB, 35 GB above x $0.095 = $3.325
        CostEstimate busy = estimate("""
                name: shop
                environment: staging
                service: {compute: fargate}
                frontDoor: alb
                database: {engine: postgres, storageGb: 100}
                traffic: {databaseChangePercentPerDay: 5}
                """);
        assertThat(item(busy, "backup storage").getFirst().amount()).isEqualByComparingTo("3.325");
        assertThat(busy.trafficKeys()).contains("databaseChangePercentPerDay", "databaseGbPerMonth");
    }

    @Test
    void backupStorage_withinTheAllowance_isAnIncludedLine_evenWhereTheBookHasNoPrice() {
        // Nothing changes: the one full copy, 20 GB, is within the free 20 GB.
        String yaml = """
                name: shop
                environment: staging
                service: {compute: fargate}
                frontDoor: alb
                database: {engine: postgres, instanceClass: db.t4g.micro}
                traffic: {databaseChangePercentPerDay: 0}
                """;
        CostLine included = item(estimate(yaml), "backup storage").getFirst();
        assertThat(included.item()).isEqualTo("backup storage (within the free allowance)");
        assertThat(included.status()).isEqualTo(CostLine.Status.FREE);
        assertThat(included.quantity()).as("GB above the allowance").isZero();
        assertThat(included.formula()).isEqualTo("20 GB x (1 + 7 days x 0%) = 20 GB kept, less 20 GB free");
        assertThat(included.amount()).isZero();
        // us-west-2 has no confirmed backup rate: within the allowance it is still included, above it unpriced.
        PriceBook oregon = PriceBooks.builtIn("us-west-2").orElseThrow();
        CostEstimate west = PlannedCosts.estimate(
                Stackwright.plan("stackwright.yml", yaml.replace("name: shop", "name: shop\nregion: us-west-2")),
                oregon);
        assertThat(item(west, "backup storage").getFirst().status()).isEqualTo(CostLine.Status.FREE);
        CostEstimate westChanging = PlannedCosts.estimate(
                Stackwright.plan(
                        "stackwright.yml",
                        yaml.replace("name: shop", "name: shop\nregion: us-west-2")
                                .replace("databaseChangePercentPerDay: 0", "databaseChangePercentPerDay: 1")),
                oregon);
        CostLine unpriced = item(westChanging, "backup storage").getFirst();
        assertThat(unpriced.status()).isEqualTo(CostLine.Status.UNPRICED);
        assertThat(unpriced.problem()).get().asString().contains("rds.backup-storage.gb-month");
    }

    @Test
    void backupStoredGb_isAFullCopyAndEachDaysChanges() {
        // 50 GB x (1 + 35 days x 3%) = 50 x 2.05 = 102.5 GB; no retention: the one copy
        assertThat(AppPricer.backupStoredGb(new BigDecimal("50"), 35, new BigDecimal("3")))
                .isEqualByComparingTo("102.5");
        assertThat(AppPricer.backupStoredGb(new BigDecimal("50"), 0, new BigDecimal("3")))
                .isEqualByComparingTo("50");
    }

    /**
     * "AWS charges $0.01 per GB in each direction for data transferred between Availability Zones within the same
     * region ... Multi-AZ RDS replication between primary and standby also crosses AZs — AWS absorbs the replication
     * cost, but your application connection traffic is still charged" (https://basavytix.com/blog/aws-cross-az-data-transfer-cost).
     */
    @Test
    void appToDatabase_acrossZones_isChargedBothWays() {
        // 3 zones, 300 GB between app and database: 2/3 of it crosses, both ways: 300 x 2/3 x 2 = 400 GB x $0.01 =
        // $4.00
        CostEstimate e = estimate("""
                name: shop
                environment: prod
                network: {azs: 3}
                service: {compute: fargate}
                frontDoor: alb
                database: {engine: postgres, instanceClass: db.t4g.small}
                traffic: {databaseGbPerMonth: 300}
                """);
        CostLine cross = item(e, "app <-> database").getFirst();
        assertThat(cross.quantity()).isEqualByComparingTo("400");
        assertThat(cross.amount()).isEqualByComparingTo("4.00");
        assertThat(cross.formula()).isEqualTo("300 GB x 2/3 from other zones x 2 directions x $0.01");
        assertThat(e.assumptions()).noneMatch(a -> a.startsWith("app <-> database"));
        // Not given: the 20 GB served (1M x 20 KB), 2 zones: 20 x 1/2 x 2 = 20 GB x $0.01 = $0.20, and said so
        CostEstimate assumed =
                estimate("name: shop\nservice: {compute: fargate}\nfrontDoor: alb\ndatabase: {engine: postgres}\n");
        assertThat(item(assumed, "app <-> database").getFirst().amount()).isEqualByComparingTo("0.20");
        assertThat(assumed.assumptions())
                .contains("app <-> database: 20 GB a month (each response read from the database once); "
                        + "set traffic.databaseGbPerMonth");
        // No database, no line and no database figures in the report
        CostEstimate none = estimate("name: shop\nservice: {compute: fargate}\nfrontDoor: alb\n");
        assertThat(none.lines()).noneMatch(l -> l.item().startsWith("app <-> database"));
        assertThat(none.trafficKeys()).doesNotContain("databaseGbPerMonth", "databaseChangePercentPerDay");
    }

    @Test
    void ecsHosts_areCountedByTasksPerHost() {
        // t3.small runs 2 tasks (3 interfaces, one the host's): 3 desired tasks need 2 hosts.
        CostEstimate e = estimate("name: shop\nservice: {instanceType: t3.small, desiredCount: 3}\nfrontDoor: alb\n");
        assertThat(lines(e, "ecs-hosts"))
                .anySatisfy(l -> {
                    assertThat(l.formula()).startsWith("2 hosts x 730 h");
                    assertThat(l.amount()).isEqualByComparingTo("30.368");
                })
                .anySatisfy(l -> assertThat(l.amount()).isEqualByComparingTo("4.80"));
    }

    @Test
    void aDatabaseClassWithoutAPrice_isUnpriced_neverZero() {
        CostEstimate e =
                estimate("name: shop\nfrontDoor: alb\ndatabase: {engine: mysql, instanceClass: db.r6g.large}\n");
        CostLine db = lines(e, "database").getFirst();
        assertThat(db.status()).isEqualTo(CostLine.Status.UNPRICED);
        assertThat(db.monthly()).isEmpty();
        assertThat(db.problem()).get().asString().contains("rds.mysql.db.r6g.large.single-az.hour");
        assertThat(e.unpriced()).contains(db);
    }

    /** The bill and the Fargate-or-EC2 comparison price the same hosts: they once said 3 and 2 for one spec. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "t3.micro, 2, 256, 512",
        "t3.medium, 2, 1024, 2048",
        "t3.small, 5, 256, 512",
        "m5.large, 6, 512, 1024",
        "t4g.large, 10, 1024, 2048"
    })
    void ecsOnEc2_theBillAndTheComparison_countTheSameHosts(String type, int tasks, int cpu, int memory) {
        CostEstimate e = estimate("name: shop\nservice: {compute: ecs-ec2, instanceType: " + type + ", desiredCount: "
                + tasks + ", scaling: {min: 1, max: 20}" + ", cpu: " + cpu + ", memory: " + memory
                + "}\nfrontDoor: alb\n");
        CostLine hosts = e.lines().stream()
                .filter(l -> (l.resource().equals("ecs-hosts") && l.unit().equals("h"))
                        || (l.resource().equals("ecs-hosts") && l.item().startsWith("ECS host")))
                .findFirst()
                .orElseThrow();
        int billed = hosts.quantity()
                .divide(BOOK.hoursPerMonth(), 0, java.math.RoundingMode.UNNECESSARY)
                .intValueExact();
        Choices choices = e.choices().orElseThrow();
        assertThat(choices.compute())
                .get()
                .extracting(ComputeChoice.Comparison::instances)
                .isEqualTo(billed);
        assertThat(choices.compute().orElseThrow().ec2())
                .isEqualByComparingTo(hosts.monthly().orElseThrow());
    }

    /**
     * The bill's load-balancer lines and the front-door comparison's ALB are one figure, whatever the traffic: they
     * once said $23.96 and $23.89 for one spec (the bill took more new connections a second than requests).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "2, 50000000, 3, 20, 5, 300",
        "3, 1000000, 1, 8, 50, 40",
        "2, 200000000, 40, 2, 100, 2000",
        "3, 10000, 0, 500, 1, 1",
        "2, 300000000, 16, 16, 20, 500"
    })
    void alb_theBillAndTheFrontDoorComparison_agree(
            int azs, long requests, int requestKb, int kb, int newConnections, int active) {
        CostEstimate e =
                estimate("name: shop\nnetwork: {azs: " + azs + "}\nservice: {compute: fargate}\nfrontDoor: alb\n"
                        + "traffic: {requestsPerMonth: " + requests + ", avgRequestKb: " + requestKb
                        + ", avgResponseKb: " + kb + ", newConnectionsPerSecond: "
                        + newConnections + ", activeConnections: " + active + "}\n");
        BigDecimal billed = sum(lines(e, "load-balancer").stream()
                .filter(l -> l.monthly().isPresent())
                .toList());
        assertThat(lines(e, "load-balancer"))
                .allSatisfy(l -> assertThat(l.monthly()).isPresent());
        // To the cent, as both are printed: the bill's quantities carry six decimals, the comparison's thirty.
        assertThat(e.choices()
                        .orElseThrow()
                        .frontDoor()
                        .orElseThrow()
                        .alb()
                        .setScale(2, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo(billed.setScale(2, java.math.RoundingMode.HALF_UP));
    }
}
