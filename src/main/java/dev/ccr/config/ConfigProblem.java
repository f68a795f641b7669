package dev.ccr.config;

/** One thing wrong in a config: where (a JSON path such as {@code Providers[1].api_base_url}), what, and how to fix it. */
public record ConfigProblem(String path, String problem, String remedy) {
    @Override
    public String toString() {
        return path + ": " + problem + " — " + remedy;
    }
}
