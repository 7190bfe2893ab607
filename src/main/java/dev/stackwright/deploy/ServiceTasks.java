package dev.stackwright.deploy;

import java.util.List;

/** Why an ECS service's tasks stopped: the reason a service failed to stabilize is there, not in CloudFormation. */
public interface ServiceTasks {
    /** The distinct stop reasons of the service's recently stopped tasks, most recent first; empty if none. */
    List<String> stoppedTaskReasons(String serviceArn);
}
