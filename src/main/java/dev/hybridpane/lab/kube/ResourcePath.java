package dev.hybridpane.lab.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A Kubernetes resource request path taken apart: /api/v1/[namespaces/NS/]PLURAL[/NAME] or
 * /apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME], with the query parameters the lab's printing cares about.
 */
record ResourcePath(String group, String version, String namespace, String plural, String name, boolean watch,
        String includeObject) {

    /** Null for discovery, subresources and anything that is not a resource or collection. */
    static ResourcePath parse(String pathWithQuery) {
        int q = pathWithQuery.indexOf('?');
        String path = q < 0 ? pathWithQuery : pathWithQuery.substring(0, q);
        String query = q < 0 ? "" : pathWithQuery.substring(q + 1);
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        int i;
        String group;
        String version;
        if (s.length >= 3 && s[0].equals("api")) {
            group = "";
            version = s[1];
            i = 2;
        } else if (s.length >= 4 && s[0].equals("apis")) {
            group = s[1];
            version = s[2];
            i = 3;
        } else {
            return null;
        }
        String namespace = null;
        if (s.length - i >= 3 && s[i].equals("namespaces")) {
            namespace = s[i + 1];
            i += 2;
        }
        int rest = s.length - i;
        if (rest < 1 || rest > 2) {
            return null;
        }
        boolean watch = false;
        String include = "Metadata";
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            if (k.equals("watch")) {
                watch = v.isEmpty() || v.equals("true") || v.equals("1");
            } else if (k.equals("includeObject") && !v.isEmpty()) {
                include = v;
            }
        }
        return new ResourcePath(group, version, namespace, s[i], rest == 2 ? s[i + 1] : null, watch, include);
    }
}
