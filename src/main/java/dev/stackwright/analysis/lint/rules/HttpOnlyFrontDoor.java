package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Environment;
import dev.stackwright.model.Intent;
import dev.stackwright.model.LoadBalancer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An internet-facing load balancer that answers plain HTTP sends requests, cookies and tokens readable to anyone on the
 * path. It should serve HTTPS and redirect HTTP to it:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
 * An error in prod; a warning in dev and staging, where a test stack without a domain is common. Where the environment
 * is unknown (an imported network has no intent), an error, and the message says it was judged as prod for want of one.
 */
public final class HttpOnlyFrontDoor implements LintRule {
    @Override
    public String id() {
        return "SW015";
    }

    @Override
    public String name() {
        return "http-only-front-door";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Internet-facing load balancers serve HTTPS and redirect HTTP to it.";
    }

    @Override
    public Equivalents equivalents() {
        return new Equivalents(List.of("NIST.800.53.R5-ALBHttpToHttpsRedirection"), List.of(), List.of("CKV_AWS_2"));
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        Optional<Environment> environment = context.intent().map(Intent::environment);
        Severity severity = severity(environment);
        String unknown = environment.isEmpty()
                ? " (the environment is not known for an imported network, so this is judged as in prod)"
                : "";
        for (LoadBalancer lb : context.network().loadBalancers()) {
            List<LoadBalancer.Listener> plain = lb.plainHttp();
            if (!lb.internetFacing() || plain.isEmpty()) {
                continue;
            }
            String ports = String.join(
                    ", ", plain.stream().map(l -> String.valueOf(l.port())).toList());
            String message = lb.servesHttps()
                    ? "load balancer " + lb.name() + " passes plain HTTP on (port " + ports
                            + ") beside its HTTPS listener, " + "so clients that start on http:// never move to HTTPS"
                    : "load balancer " + lb.name() + " faces the internet with HTTP only (port " + ports
                            + "): requests, " + "cookies and tokens cross the internet unencrypted";
            String fix = lb.servesHttps()
                    ? "make the HTTP listener redirect to HTTPS (443, HTTP_301)"
                    : context.intent().isPresent()
                            ? "add frontDoor.domain and frontDoor.certificateArn (an ACM certificate): the ALB then"
                                    + " listens on HTTPS 443 and redirects HTTP to it"
                            : "add an HTTPS listener on 443 with an ACM certificate, and make the HTTP listener"
                                    + " redirect to it (HTTP_301)";
            out.add(finding(
                    severity,
                    message + unknown,
                    "load balancer " + lb.name(),
                    fix,
                    lb.servesHttps() ? "" : "frontDoor.certificateArn"));
        }
        return out;
    }

    /** Dev and staging stacks often run without a domain for a while; prod must not, nor a stack that may be prod. */
    static Severity severity(Optional<Environment> environment) {
        return environment.map(e -> e == Environment.PROD).orElse(true) ? Severity.ERROR : Severity.WARNING;
    }
}
