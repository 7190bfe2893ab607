package dev.stackwright.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The boxes of a diagram, read back from its SVG as XML, and the geometric checks on them. */
public final class SvgBoxes {
    /** Classes of the rectangles that hold text or icons: these must never overlap, except a resource in its subnet. */
    static final Set<String> BOXES = Set.of("subnet", "chip", "node", "internet", "label", "label-warning", "legend");

    private SvgBoxes() {}

    public record Box(String kind, int x, int y, int w, int h) {
        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        boolean inside(Box o) {
            return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h;
        }
    }

    /** Parses the SVG (or an HTML page's SVG, passed alone) as XML; fails the test when it is not well-formed. */
    public static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new InputSource(new StringReader(svg)));
        } catch (Exception e) {
            return fail("the SVG is not well-formed XML: " + e.getMessage());
        }
    }

    static List<Box> boxes(Document svg) {
        List<Box> out = new ArrayList<>();
        NodeList rects = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            String kind = r.getAttribute("class").split(" ", -1)[0];
            if (BOXES.contains(kind)) {
                out.add(new Box(
                        kind,
                        Integer.parseInt(r.getAttribute("x")),
                        Integer.parseInt(r.getAttribute("y")),
                        Integer.parseInt(r.getAttribute("width")),
                        Integer.parseInt(r.getAttribute("height"))));
            }
        }
        return out;
    }

    /**
     * No two boxes overlap, except a resource inside the one subnet that holds it; every resource sits in a subnet;
     * everything is inside the picture. Returns the boxes checked, so callers can assert there were some.
     */
    public static List<Box> assertNoOverlaps(String svg) {
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        int width = Integer.parseInt(root.getAttribute("width"));
        int height = Integer.parseInt(root.getAttribute("height"));
        List<Box> boxes = boxes(doc);
        List<String> problems = new ArrayList<>();
        Box picture = new Box("picture", 0, 0, width, height);
        for (int i = 0; i < boxes.size(); i++) {
            Box a = boxes.get(i);
            if (!a.inside(picture)) {
                problems.add(a + " is outside the picture " + width + "x" + height);
            }
            if (a.kind().equals("chip")
                    && boxes.stream()
                                    .filter(s -> s.kind().equals("subnet") && a.inside(s))
                                    .count()
                            != 1) {
                problems.add(a + " is not inside exactly one subnet");
            }
            for (int j = i + 1; j < boxes.size(); j++) {
                Box b = boxes.get(j);
                boolean nested = (a.kind().equals("subnet") && b.kind().equals("chip") && b.inside(a))
                        || (b.kind().equals("subnet") && a.kind().equals("chip") && a.inside(b));
                if (a.overlaps(b) && !nested) {
                    problems.add(a + " overlaps " + b);
                }
            }
        }
        assertThat(problems).as("overlapping boxes").isEmpty();
        return boxes;
    }
}
