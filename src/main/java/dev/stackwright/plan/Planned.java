package dev.stackwright.plan;

import dev.stackwright.model.ExistingVpc;
import dev.stackwright.model.Network;
import dev.stackwright.model.app.Application;
import dev.stackwright.spec.StackSpec;

import java.util.Objects;
import java.util.Optional;

/**
 * What planning decided for one spec, before any template is rendered: the checked spec, the network and the
 * application on it. The readers (cost, analysis, the VPC inspection) take this, so none of them needs the library
 * entry point.
 *
 * @param existingVpc the VPC the user brings ({@code network.existingVpc}), when the network is adopted
 */
public record Planned(StackSpec spec, Network network, Application application, Optional<ExistingVpc> existingVpc) {
    public Planned {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(existingVpc, "existingVpc");
    }
}
