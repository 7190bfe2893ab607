package dev.stackwright.model.app;

import java.util.List;
import java.util.Optional;

/**
 * The application stack of one environment, on top of its {@link dev.stackwright.model.Network}: the second hub of
 * the model. The planner produces it; the app template, plan report and cost read it.
 *
 * @param networkStackName the stack whose exports (VPC, subnets, security groups) the app stack imports
 * @param logRetentionDays retention of every log group the app stack creates
 * @param alarmEmail       subscribed to the alarm topic when present
 * @param notes            what the user should know about this app tier (e.g. images to push first)
 */
public record Application(String project, String stackName, String networkStackName, Compute compute,
                          Container container, FrontDoor frontDoor, Optional<Database> database,
                          List<Alarm> alarms, Optional<String> alarmEmail, int logRetentionDays,
                          List<String> notes) {
    public Application {
        alarms = List.copyOf(alarms);
        notes = List.copyOf(notes);
    }

    /** The ECR repository's name, when the image is the project's own. */
    public String repositoryName() {
        return stackName;
    }
}
