package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a model that cannot see is sent instead of images, and what the image model is asked. */
class ImagePlaceholdersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void imagesInUserMessagesAndToolResultsBecomeNumberedPlaceholders() throws Exception {
        ObjectNode original = body("""
                {"system":"Be brief.","tools":[{"name":"Read"}],"messages":[
                  {"role":"user","content":[{"type":"text","text":"[Image #1] see this"},
                                            {"type":"image","source":{"type":"base64","data":"A"}}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Read","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[
                     {"type":"text","text":"screenshot.png"},{"type":"image","source":{"type":"base64","data":"B"}}]}]}]}""");

        ImagePlaceholders.Placeholdered placeholdered = ImagePlaceholders.of(original);

        JsonNode body = placeholdered.body();
        assertThat(placeholdered.images()).extracting(source -> source.path("data").asText()).containsExactly("A", "B");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo(" see this");
        assertThat(body.at("/messages/0/content/1/text").asText()).startsWith("[Image #1]");
        assertThat(body.at("/messages/2/content/0/content/0/text").asText()).isEqualTo("screenshot.png");
        assertThat(body.at("/messages/2/content/0/content/1/text").asText()).startsWith("[Image #2]");
        assertThat(body.toString()).doesNotContain("\"image\"");
        assertThat(body.at("/system/0/text").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/system/1/text").asText()).isEqualTo(ImagePlaceholders.INSTRUCTIONS);
        assertThat(body.path("tools")).extracting(tool -> tool.path("name").asText()).containsExactly("analyzeImage", "Read");
        assertThat(original.toString()).contains("\"image\"").as("the client's request is left as it was");
        assertThat(ImagePlaceholders.hasImages(original)).isTrue();
        assertThat(ImagePlaceholders.hasImages(body)).isFalse();
    }

    @Test
    void imagesInAssistantMessagesAreNotTheUsers() throws Exception {
        assertThat(ImagePlaceholders.hasImages(body("""
                {"messages":[{"role":"assistant","content":[{"type":"image"}]}]}"""))).isFalse();
    }

    @Test
    void theImageModelIsAskedWithTheNamedImagesAndTheTask() throws Exception {
        var images = java.util.List.<JsonNode>of(JSON.readTree("{\"data\":\"A\"}"), JSON.readTree("{\"data\":\"B\"}"));
        Optional<ObjectNode> request = AnalyzeImageTool.request("vision,qwen-vl",
                JSON.readTree("{\"imageId\":[\"[Image #2]\"],\"task\":\"read it\",\"regions\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"units\":\"px\"}]}"),
                images);

        JsonNode content = request.orElseThrow().at("/messages/0/content");
        assertThat(request.get().path("model").asText()).isEqualTo("vision,qwen-vl");
        assertThat(request.get().path("stream").asBoolean(true)).isFalse();
        assertThat(content.at("/0/source/data").asText()).isEqualTo("B");
        assertThat(content.at("/1/text").asText()).isEqualTo("Task: read it");
        assertThat(content.at("/2/text").asText()).contains("\"units\":\"px\"");
        assertThat(AnalyzeImageTool.request("v,m", JSON.readTree("{\"imageId\":[\"7\"],\"task\":\"t\"}"), images)).isEmpty();
        assertThat(AnalyzeImageTool.imageNumbers(JSON.readTree("[\"1\", 2, \"#3\"]"))).containsExactly(1, 2, 3);
        assertThat(AnalyzeImageTool.imageNumbers(JSON.readTree("\"Image #4\""))).containsExactly(4);
    }
}
