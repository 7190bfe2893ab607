package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.ServiceTasks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/** Stopped tasks of an ECS service, from its ARN {@code arn:aws:ecs:<region>:<account>:service/<cluster>/<service>}. */
final class SdkServiceTasks implements ServiceTasks {
    private final SdkAws aws;

    SdkServiceTasks(SdkAws aws) {
        this.aws = aws;
    }

    @Override
    public List<String> stoppedTaskReasons(String serviceArn) {
        String[] path = serviceArn
                .substring(serviceArn.indexOf(":service/") + ":service/".length())
                .split("/", -1);
        String cluster = path.length > 1 ? path[0] : "default";
        String service = path[path.length - 1];
        EcsClient ecs = aws.ecsClient();
        List<String> arns = aws.call(
                        "listing the stopped tasks of " + service,
                        () -> ecs.listTasks(b -> b.cluster(cluster)
                                .serviceName(service)
                                .desiredStatus(DesiredStatus.STOPPED)
                                .maxResults(10)))
                .taskArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        List<Task> tasks = new ArrayList<>(aws.call(
                        "describing the stopped tasks of " + service,
                        () -> ecs.describeTasks(b -> b.cluster(cluster).tasks(arns)))
                .tasks());
        tasks.sort(Comparator.comparing(Task::stoppedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        List<String> reasons = new ArrayList<>();
        for (Task t : tasks) {
            StringBuilder r = new StringBuilder(String.valueOf(t.stoppedReason()));
            t.containers().stream()
                    .filter(c -> c.reason() != null || (c.exitCode() != null && c.exitCode() != 0))
                    .forEach(c -> r.append(" (")
                            .append(c.name())
                            .append(c.exitCode() == null ? "" : ": exit code " + c.exitCode())
                            .append(c.reason() == null ? "" : ": " + c.reason())
                            .append(')'));
            if (!reasons.contains(r.toString())) {
                reasons.add(r.toString());
            }
        }
        return reasons;
    }
}
