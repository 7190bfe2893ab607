package dev.stackwright.cost;

import dev.stackwright.Stackwright;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(lines(e, "alarms")).extracting(CostLine::formula)
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
        assertThat(lines(e, "function")).anySatisfy(l -> assertThat(l.formula()).isEqualTo("3,000,000 requests x 0.25 s x 1 GB x $0.0000166667"));
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
        assertThat(lines(e, "app-logs")).extracting(CostLine::item).containsExactly("written to CloudWatch Logs", "stored 90 days");
        assertThat(lines(e, "app-logs").get(0).amount()).isEqualByComparingTo("20.00");
        assertThat(lines(e, "app-logs").get(1).quantity()).isCloseTo(new BigDecimal("118.3562"), org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
        assertThat(lines(e, "app-logs").get(1).amount()).isCloseTo(new BigDecimal("3.550685"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
        assertThat(e.trafficKeys()).contains("appLogGbPerMonth");
        assertThat(e.assumptions()).noneMatch(a -> a.startsWith("app logs:"));
        // The first 5 GB of standard ingestion are free every month: offered as its own line, not subtracted.
        assertThat(e.freeTiers()).anySatisfy(f -> assertThat(f.key()).isEqualTo("cloudwatch-logs.ingest"));
    }

    @Test
    void appLogs_whenNotGiven_areAnAssumption_andTheNetworkAloneHasNone() {
        CostEstimate app = estimate("name: shop\nenvironment: dev\nservice: {compute: lambda}\nfrontDoor: api-gateway\n");
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
        // The spec's default class, db.t3.micro, single zone outside prod: $0.018 an hour for PostgreSQL, $0.017 for MySQL.
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
                .hasMessageContaining("traffic.avgDurationMs").hasMessageContaining("must not be negative");
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
        assertThat(e.assumptions()).anySatisfy(a -> assertThat(a).isEqualTo("Lambda: 100 ms a request; set traffic.avgDurationMs"));
        assertThat(e.trafficKeys()).contains("avgDurationMs");
        // ALB: 730 h x $0.0225 = $16.425, and its two zones' addresses: 2 x 730 x $0.005 = $7.30
        assertThat(lines(e, "load-balancer")).anySatisfy(l -> {
            assertThat(l.item()).isEqualTo("Application Load Balancer");
            assertThat(l.amount()).isEqualByComparingTo("16.425");
        }).anySatisfy(l -> {
            assertThat(l.item()).startsWith("public IPv4");
            assertThat(l.amount()).isEqualByComparingTo("7.30");
        });
        // Staging has no standby: 730 h x $0.016 + 20 GB x $0.115 + the secret $0.40
        assertThat(sum(lines(e, "database"))).isEqualByComparingTo(new BigDecimal("11.68").add(new BigDecimal("2.30")).add(new BigDecimal("0.40")));
        assertThat(sum(lines(e, "private-zone"))).isEqualByComparingTo("0.50");
    }

    @Test
    void albCapacityUnits_takeTheLargestDimension() {
        // 100M requests of 20 KB: 2,000 GB / 730 h = 2.7397 GB an hour, more than the other dimensions.
        CostEstimate e = estimate("name: shop\nservice: {compute: fargate}\nfrontDoor: alb\ntraffic: {requestsPerMonth: 100000000}\n");
        CostLine lcu = lines(e, "load-balancer").stream().filter(l -> l.priceKey().equals("alb.lcu-hour")).findFirst().orElseThrow();
        assertThat(lcu.item()).contains("processed bytes");
        assertThat(lcu.quantity()).isEqualByComparingTo("2000");
        assertThat(lcu.amount()).isEqualByComparingTo("16.00");
    }

    @Test
    void ecsHosts_areCountedByTasksPerHost() {
        // t3.small runs 2 tasks (3 interfaces, one the host's): 3 desired tasks need 2 hosts.
        CostEstimate e = estimate("name: shop\nservice: {instanceType: t3.small, desiredCount: 3}\nfrontDoor: alb\n");
        assertThat(lines(e, "ecs-hosts")).anySatisfy(l -> {
            assertThat(l.formula()).startsWith("2 hosts x 730 h");
            assertThat(l.amount()).isEqualByComparingTo("30.368");
        }).anySatisfy(l -> assertThat(l.amount()).isEqualByComparingTo("4.80"));
    }

    @Test
    void aDatabaseClassWithoutAPrice_isUnpriced_neverZero() {
        CostEstimate e = estimate("name: shop\nfrontDoor: alb\ndatabase: {engine: mysql, instanceClass: db.r6g.large}\n");
        CostLine db = lines(e, "database").getFirst();
        assertThat(db.status()).isEqualTo(CostLine.Status.UNPRICED);
        assertThat(db.monthly()).isEmpty();
        assertThat(db.problem()).get().asString().contains("rds.mysql.db.r6g.large.single-az.hour");
        assertThat(e.unpriced()).contains(db);
    }

    /** The bill and the Fargate-or-EC2 comparison price the same hosts: they once said 3 and 2 for one spec. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"t3.micro, 2, 256, 512", "t3.medium, 2, 1024, 2048",
            "t3.small, 5, 256, 512", "m5.large, 6, 512, 1024", "t4g.large, 10, 1024, 2048"})
    void ecsOnEc2_theBillAndTheComparison_countTheSameHosts(String type, int tasks, int cpu, int memory) {
        CostEstimate e = estimate("name: shop\nservice: {compute: ecs-ec2, instanceType: " + type + ", desiredCount: " + tasks + ", scaling: {min: 1, max: 20}"
                + ", cpu: " + cpu + ", memory: " + memory + "}\nfrontDoor: alb\n");
        CostLine hosts = e.lines().stream().filter(l -> (l.resource().equals("ecs-hosts") && l.unit().equals("h"))
                || (l.resource().equals("ecs-hosts") && l.item().startsWith("ECS host"))).findFirst().orElseThrow();
        int billed = hosts.quantity().divide(BOOK.hoursPerMonth(), 0, java.math.RoundingMode.UNNECESSARY).intValueExact();
        Choices choices = e.choices().orElseThrow();
        assertThat(choices.compute()).get().extracting(ComputeChoice.Comparison::instances).isEqualTo(billed);
        assertThat(choices.compute().orElseThrow().ec2()).isEqualByComparingTo(hosts.monthly().orElseThrow());
    }

    /**
     * The bill's load-balancer lines and the front-door comparison's ALB are one figure, whatever the traffic: they
     * once said $23.96 and $23.89 for one spec (the bill took more new connections a second than requests).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2, 50000000, 20, 5, 300", "3, 1000000, 8, 50, 40",
            "2, 200000000, 2, 100, 2000", "3, 10000, 500, 1, 1"})
    void alb_theBillAndTheFrontDoorComparison_agree(int azs, long requests, int kb, int newConnections, int active) {
        CostEstimate e = estimate("name: shop\nnetwork: {azs: " + azs + "}\nservice: {compute: fargate}\nfrontDoor: alb\n"
                + "traffic: {requestsPerMonth: " + requests + ", avgResponseKb: " + kb + ", newConnectionsPerSecond: "
                + newConnections + ", activeConnections: " + active + "}\n");
        BigDecimal billed = sum(lines(e, "load-balancer").stream().filter(l -> l.monthly().isPresent()).toList());
        assertThat(lines(e, "load-balancer")).allSatisfy(l -> assertThat(l.monthly()).isPresent());
        // To the cent, as both are printed: the bill's quantities carry six decimals, the comparison's thirty.
        assertThat(e.choices().orElseThrow().frontDoor().orElseThrow().alb().setScale(2, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo(billed.setScale(2, java.math.RoundingMode.HALF_UP));
    }
}
