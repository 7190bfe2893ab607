package dev.stackwright.cli;

import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.Identity;
import dev.stackwright.spec.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = "Show the AWS account, identity and region that deploy would use.")
final class WhoamiCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        // The spec only supplies the default region; whoami works without one.
        String specRegion =
                Files.isRegularFile(spec.file) ? SpecLoader.load(spec.file).region() : null;
        try (Aws connection = aws.connect(specRegion)) {
            Identity who = connection.whoami();
            PrintWriter out = command.commandLine().getOut();
            out.println("account   " + who.account());
            out.println("identity  " + who.arn());
            out.println("region    " + connection.region() + " (from "
                    + (aws.region != null ? "--region" : specRegion != null ? spec.file : "the AWS configuration")
                    + ")");
            if (aws.profile != null) {
                out.println("profile   " + aws.profile);
            }
            if (aws.endpointUrl != null) {
                out.println("endpoint  " + AwsTarget.masked(aws.endpointUrl));
            }
            return Main.OK;
        }
    }
}
