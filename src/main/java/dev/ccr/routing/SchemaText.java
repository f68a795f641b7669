package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * A JSON tree as the key of its text, which {@link TokenCounter} remembers tool schemas' counts by: equal only to a
 * tree with the same fields in the same order (a tree's own equality ignores the order, which the text depends on).
 */
record SchemaText(JsonNode tree) {
    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaText that && sameText(tree, that.tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    private static boolean sameText(JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject() && a.size() == b.size()) {
            Iterator<Map.Entry<String, JsonNode>> others = b.properties().iterator();
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                Map.Entry<String, JsonNode> other = others.next();
                if (!field.getKey().equals(other.getKey()) || !sameText(field.getValue(), other.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameText(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return !a.isContainerNode() && !b.isContainerNode() && a.equals(b);
    }
}
