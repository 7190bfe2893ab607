package dev.stackwright.model;

import java.util.List;

/**
 * What the planner meant for a network, as opposed to what AWS has ({@link Network}): only a spec says these, so only
 * the planner produces them. Importers (templates, describe-* snapshots, live accounts) have no intent to give, and
 * readers that take an imported network take {@code Optional<Intent>} and say what they do without it.
 *
 * @param project     the spec's {@code name}: a word of the stack name, not something AWS keeps apart
 * @param environment the spec's environment; it sets retention, deletion protection and how strict some lint rules are
 * @param natMode     the way out of the app tier the spec chose; the NAT devices themselves are the network's
 *                    ({@link Network#nats()}), and a VPC the user brings gets the mode its devices show
 *                    ({@link NatMode#of})
 * @param access      how operators are meant to reach private resources; a bastion, if one exists, is the network's
 * @param advice      what the user should know about this plan (e.g. endpoints needed without NAT)
 */
public record Intent(String project, Environment environment, NatMode natMode, AccessMode access, List<String> advice) {
    public Intent {
        advice = List.copyOf(advice);
    }
}
