package dev.stackwright.diagram;

import dev.stackwright.model.Attachment;

/**
 * The diagram's icons: simple shapes drawn inline, 12 by 12 pixels, one per kind of resource. No icon files and no
 * fonts are fetched, so the picture looks the same offline.
 */
final class Icons {
    private Icons() {}

    /** The icon name of a resource kind. */
    static String of(Attachment.Kind kind) {
        return switch (kind) {
            case LOAD_BALANCER -> "lb";
            case VPC_LINK -> "link";
            case TASK -> "task";
            case FUNCTION -> "function";
            case INSTANCE -> "instance";
            case DATABASE -> "database";
            case NAT_INSTANCE, NAT_GATEWAY -> "nat";
            case BASTION -> "bastion";
            case ENDPOINT -> "endpoint";
            case OTHER -> "other";
        };
    }

    /** How a kind reads in titles and the legend. */
    static String describe(Attachment.Kind kind) {
        return switch (kind) {
            case LOAD_BALANCER -> "load balancer";
            case VPC_LINK -> "VPC Link";
            case TASK -> "container task";
            case FUNCTION -> "Lambda function";
            case INSTANCE -> "EC2 instance";
            case DATABASE -> "database";
            case NAT_INSTANCE -> "NAT instance";
            case NAT_GATEWAY -> "NAT gateway";
            case BASTION -> "bastion host";
            case ENDPOINT -> "interface endpoint";
            case OTHER -> "network interface";
        };
    }

    static void draw(Svg svg, String icon, int x, int y) {
        String shape = switch (icon) {
            case "lb" ->
                "<circle class=\"icon\" cx=\"" + (x + 6) + "\" cy=\"" + (y + 6) + "\" r=\"6\" fill=\"#8c4fff\"/>";
            case "link", "api" ->
                "<rect class=\"icon\" x=\"" + x + "\" y=\"" + (y + 3)
                        + "\" width=\"12\" height=\"6\" rx=\"3\" fill=\"#e7157b\"/>";
            case "task" ->
                "<rect class=\"icon\" x=\"" + x + "\" y=\"" + y + "\" width=\"12\" height=\"12\" fill=\"#ed7100\"/>";
            case "function" ->
                "<path class=\"icon\" d=\"M" + x + "," + (y + 12) + " L" + (x + 6) + "," + y + " L" + (x + 12) + ","
                        + (y + 12) + " z\" fill=\"#ed7100\"/>";
            case "instance" ->
                "<rect class=\"icon\" x=\"" + (x + 1) + "\" y=\"" + (y + 1)
                        + "\" width=\"10\" height=\"10\" rx=\"2\" fill=\"#ff9900\"/>";
            case "database" ->
                "<ellipse class=\"icon\" cx=\"" + (x + 6) + "\" cy=\"" + (y + 6)
                        + "\" rx=\"6\" ry=\"6\" fill=\"#3b48cc\"/>";
            case "nat", "igw" ->
                "<path class=\"icon\" d=\"M" + (x + 6) + "," + y + " L" + (x + 12) + "," + (y + 6) + " L" + (x + 6)
                        + "," + (y + 12) + " L" + x + "," + (y + 6) + " z\" fill=\""
                        + (icon.equals("nat") ? "#7aa116" : "#00a4a6") + "\"/>";
            case "bastion" ->
                "<path class=\"icon\" d=\"M" + x + "," + y + " H" + (x + 12) + " V" + (y + 6) + " L" + (x + 6) + ","
                        + (y + 12) + " L" + x + "," + (y + 6) + " z\" fill=\"#dd344c\"/>";
            case "endpoint" ->
                "<path class=\"icon\" d=\"M" + (x + 3) + "," + y + " H" + (x + 9) + " L" + (x + 12) + "," + (y + 6)
                        + " L" + (x + 9) + "," + (y + 12) + " H" + (x + 3) + " L" + x + "," + (y + 6)
                        + " z\" fill=\"#8c4fff\"/>";
            default ->
                "<circle class=\"icon\" cx=\"" + (x + 6) + "\" cy=\"" + (y + 6) + "\" r=\"5\" fill=\"#aab7c4\"/>";
        };
        svg.raw(shape).raw("\n");
    }
}
