package dev.hybridpane.lab.aws;

/** A tiny XML writer for the query-protocol answers: elements are opened, filled and closed in order. */
final class Xml {
    private final StringBuilder sb = new StringBuilder();

    Xml() {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    Xml open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    Xml openNs(String name, String namespace) {
        sb.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
        return this;
    }

    Xml close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; skipped when the value is null. */
    Xml leaf(String name, Object value) {
        if (value != null) {
            sb.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        }
        return this;
    }

    /** Escapes text and attribute values; apostrophes stay literal, as AWS writes them. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
