package dev.stackwright.model;

import java.util.List;

/**
 * A load balancer with its listeners: what it answers on, and whether plain HTTP is passed on or sent to HTTPS. Its
 * network interfaces are {@link Attachment}s; this is what the listeners do with the traffic they admit.
 *
 * @param name           the load balancer's name in the network ({@code front-door} when planned)
 * @param internetFacing whether its scheme is internet-facing (rather than internal)
 */
public record LoadBalancer(String name, boolean internetFacing, List<Listener> listeners) {
    public LoadBalancer {
        listeners = List.copyOf(listeners);
    }

    /** One listener: a port, the protocol it speaks, and whether its default action redirects to HTTPS. */
    public record Listener(int port, Scheme scheme, boolean redirectsToHttps) {}

    /** Listener protocols of Elastic Load Balancing; {@code OTHER} for what a rule need not tell apart. */
    public enum Scheme {
        HTTP,
        HTTPS,
        OTHER
    }

    public boolean servesHttps() {
        return listeners.stream().anyMatch(l -> l.scheme() == Scheme.HTTPS);
    }

    /** HTTP listeners that pass requests on in plain text rather than redirect them to HTTPS. */
    public List<Listener> plainHttp() {
        return listeners.stream()
                .filter(l -> l.scheme() == Scheme.HTTP && !l.redirectsToHttps())
                .toList();
    }
}
