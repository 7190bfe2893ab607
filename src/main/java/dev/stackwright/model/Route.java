package dev.stackwright.model;

/** One route in a route table. */
public record Route(RouteDestination destination, RouteTarget target) {
    public static Route to(Cidr cidr, RouteTarget target) {
        return new Route(new RouteDestination.Block(cidr), target);
    }
}
